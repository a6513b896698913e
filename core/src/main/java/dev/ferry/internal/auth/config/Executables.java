package dev.ferry.internal.auth.config;

import dev.ferry.auth.CredentialEnvironment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a program on the {@code PATH} of an explicit environment, not of this process. */
final class Executables {
  private static final boolean WINDOWS = File.separatorChar == '\\';
  // what Go's exec.LookPath tries on Windows for the helpers Docker ships
  private static final List<String> WINDOWS_EXTENSIONS = List.of(".exe", ".cmd", ".bat", "");

  private Executables() {}

  static Optional<Path> find(String program, CredentialEnvironment environment) {
    String path = environment.variable("PATH").or(() -> environment.variable("Path")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue; // an empty entry would mean the working directory: never run a helper from there
      }
      for (String extension : WINDOWS ? WINDOWS_EXTENSIONS : List.of("")) {
        Path candidate;
        try {
          candidate = Path.of(dir, program + extension);
        } catch (InvalidPathException e) {
          break;
        }
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }
}
