package dev.ferry.migrate;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A file as it was scanned: its name in the scan, where it lives on disk (none for a Reader) and its text. */
record ScannedFile(Path name, @Nullable Path location, SourceText source) {
  Optional<Path> onDisk() {
    return Optional.ofNullable(location);
  }
}
