package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror's memory of the digests its copies wrote: in memory, and in a file kept across processes. */
class SyncStateTest {
  private static final String SINGLE = "SINGLE_PLATFORM only [linux/amd64]";
  private static final String FILTERED = "FILTERED only [linux/amd64, linux/arm64]";

  @TempDir
  Path dir;

  private static Digest digest(String content) {
    return Digest.sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void answersOnlyForTheSameSettingsAndSourceDigest() {
    SyncState state = SyncState.inMemory();
    state.remember(SINGLE, digest("index"), digest("amd64 child"));

    assertThat(state.written(SINGLE, digest("index"))).contains(digest("amd64 child"));
    assertThat(state.written(FILTERED, digest("index"))).isEmpty();
    assertThat(state.written(SINGLE, digest("another index"))).isEmpty();
  }

  @Test
  void theLeastRecentlyUsedEntryIsForgottenPastTheBound() {
    SyncState state = new MemorySyncState(3);
    state.remember(SINGLE, digest("first"), digest("a"));
    state.remember(SINGLE, digest("second"), digest("b"));
    state.written(SINGLE, digest("first"));   // used again: now the second is the eldest
    for (int i = 0; i < 2; i++) {
      state.remember(FILTERED, digest("filler " + i), digest("x"));
    }

    assertThat(state.written(SINGLE, digest("first"))).contains(digest("a"));
    assertThat(state.written(SINGLE, digest("second"))).isEmpty();
  }

  @Test
  void aFileStateIsReadBackByAnotherInstanceAsAFreshProcessWould() {
    Path file = dir.resolve("mirror.state");
    SyncState first = SyncState.file(file);
    first.remember(SINGLE, digest("index"), digest("amd64 child"));
    first.remember(FILTERED, digest("index"), digest("filtered index"));
    first.save();

    SyncState fresh = SyncState.file(file);

    assertThat(fresh.written(SINGLE, digest("index"))).contains(digest("amd64 child"));
    assertThat(fresh.written(FILTERED, digest("index"))).contains(digest("filtered index"));
    assertThat(fresh.written("SINGLE_PLATFORM only [linux/arm64]", digest("index"))).isEmpty();
  }

  @Test
  void aMissingFileIsAnEmptyStateAndNothingNewMeansNoWrite() throws IOException {
    Path file = dir.resolve("absent.state");
    SyncState state = SyncState.file(file);
    assertThat(state.written(SINGLE, digest("index"))).isEmpty();

    state.save();
    assertThat(file).doesNotExist();

    state.remember(SINGLE, digest("index"), digest("child"));
    state.save();
    long written = Files.getLastModifiedTime(file).toMillis();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    state.remember(SINGLE, digest("index"), digest("child"));   // the same fact again
    state.save();
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(written - 60_000);
  }

  @Test
  void theFileHoldsOneShortLinePerEntryAndNoTemporaryFileIsLeft() throws IOException {
    Path file = dir.resolve("mirror.state");
    SyncState state = SyncState.file(file);
    state.remember(SINGLE, digest("index"), digest("child"));
    state.save();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(FileSyncState.HEADER);
    assertThat(lines.get(1)).isEqualTo(Digest.sha256(SINGLE.getBytes(StandardCharsets.UTF_8)).hex() + " "
        + digest("index") + " " + digest("child"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void damagedLinesAreSkippedAndTheRestIsKept() throws IOException {
    Path file = dir.resolve("mirror.state");
    SyncState state = SyncState.file(file);
    state.remember(SINGLE, digest("index"), digest("child"));
    state.save();
    String good = Files.readAllLines(file).get(1);
    Files.writeString(file, "garbage\n" + good.substring(0, 40) + "\n" + good.replace("sha256:", "sha999:") + "\n"
        + good.toUpperCase() + "\n" + good + "\n");

    SyncState read = SyncState.file(file);

    assertThat(read.written(SINGLE, digest("index"))).contains(digest("child"));
  }

  @Test
  void aFileTooLargeToBeAStateIsRefusedWithItsName() throws IOException {
    Path file = dir.resolve("huge.state");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(FileSyncState.MAX_FILE_BYTES + 1);
    }

    assertThatThrownBy(() -> SyncState.file(file)).isInstanceOf(SyncStateException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("not a state")
        .satisfies(e -> assertThat(((SyncStateException) e).file()).isEqualTo(file));
  }

  @Test
  void aStateThatCannotBeReadOrWrittenFailsWithATypedError() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    assertThatThrownBy(() -> SyncState.file(directory)).isInstanceOf(SyncStateException.class)
        .hasMessageContaining("cannot be read");

    Path nowhere = dir.resolve("no-such-directory").resolve("mirror.state");
    SyncState state = SyncState.file(nowhere);
    state.remember(SINGLE, digest("index"), digest("child"));
    assertThatThrownBy(state::save).isInstanceOf(SyncStateException.class).hasMessageContaining("cannot be written")
        .hasMessageContaining(nowhere.toString());

    // once the directory exists, the next save writes what the failed one could not
    Files.createDirectory(nowhere.getParent());
    state.save();
    assertThat(SyncState.file(nowhere).written(SINGLE, digest("index"))).contains(digest("child"));
  }
}
