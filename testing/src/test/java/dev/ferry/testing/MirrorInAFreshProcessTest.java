package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.sync.Mirror;
import dev.ferry.sync.MirrorBuilder;
import dev.ferry.sync.SyncReport;
import dev.ferry.sync.SyncState;
import dev.ferry.sync.TagSync;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an up-to-date tag costs a mirror that starts afresh (a new {@link Mirror} object, as
 * after a restart), asserted on the request logs of two in-process registries: in every index
 * mode, with the {@link SyncState} file of the last run, HEAD requests only at the source (no
 * manifest GET that Docker Hub would count as a pull) and nothing written at the destination.
 */
class MirrorInAFreshProcessTest {
  private static final Set<String> WRITES = Set.of("PUT", "POST", "PATCH", "DELETE");
  private static final PlatformSelection ARM_THEN_AMD = PlatformSelection.only(Platform.parse("linux/arm64"),
      Platform.parse("linux/amd64"));

  @TempDir
  Path dir;

  private EmbeddedRegistry source;
  private EmbeddedRegistry destination;
  private RegistryClient client;

  @BeforeEach
  void start() {
    source = EmbeddedRegistry.start();
    destination = EmbeddedRegistry.start();
    client = RegistryClient.builder().plainHttp(source.address(), destination.address())
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    source.close();
    destination.close();
  }

  /** A new mirror object each time, as a new process would build it, reading the state file afresh. */
  private Mirror freshMirror(IndexMode mode, Path stateFile) {
    MirrorBuilder builder = Mirror.builder()
        .repository(source.reference("org/app"), destination.reference("mirror/" + mode.name().toLowerCase()))
        .indexMode(mode)
        .state(SyncState.file(stateFile));
    return (mode == IndexMode.PRESERVE_ORIGINAL ? builder : builder.platforms(ARM_THEN_AMD)).build();
  }

  private static Map<String, TagSync.Outcome> outcomes(SyncReport report) {
    return report.tags().stream().collect(Collectors.toMap(t -> t.source().tag().orElseThrow(), TagSync::outcome));
  }

  private void clearLogs() {
    source.clearRequests();
    destination.clearRequests();
  }

  private void assertHeadOnlyAtTheSourceAndNoWriteAtTheDestination(String mode) {
    assertThat(source.requests()).as(mode).allSatisfy(c -> assertThat(c.method().equals("HEAD")
        || c.method().equals("GET") && c.path().endsWith("/tags/list")).as(c.method() + " " + c.path()).isTrue());
    assertThat(destination.requests()).as(mode).noneMatch(c -> WRITES.contains(c.method()));
  }

  @Test
  void aFreshMirrorWithTheLastRunsStateMakesHeadRequestsOnlyInEveryIndexMode() {
    TestImages.image().seed(1).platforms("linux/amd64", "linux/arm64", "linux/arm/v7").push(source, "org/app:1.0");
    TestImages.image().seed(2).platforms("linux/amd64", "linux/arm64").docker().push(source, "org/app:1.1");
    TestImages.image().seed(3).push(source, "org/app:single");
    for (IndexMode mode : IndexMode.values()) {
      Path stateFile = dir.resolve(mode + ".state");
      SyncReport first = freshMirror(mode, stateFile).sync(client);
      assertThat(first.copied()).as(mode.name()).isEqualTo(3);
      clearLogs();

      SyncReport again = freshMirror(mode, stateFile).sync(client);

      assertThat(again.upToDate()).as(mode.name()).isEqualTo(3);
      assertThat(again.tags()).extracting(TagSync::digest).as(mode.name())
          .containsExactlyElementsOf(first.tags().stream().map(TagSync::digest).toList());
      assertHeadOnlyAtTheSourceAndNoWriteAtTheDestination(mode.name());
      assertThat(source.requests()).filteredOn(c -> c.method().equals("HEAD")).as(mode.name()).hasSize(3);
      assertThat(destination.requests()).allSatisfy(c -> assertThat(c.method()).isEqualTo("HEAD"));
    }
  }

  @Test
  void aTagMovedWhileNoMirrorRanIsCopiedByTheFreshMirrorAndTheOthersStayHeadOnly() {
    TestImages.image().seed(1).platforms("linux/amd64", "linux/arm64").push(source, "org/app:1.0");
    TestImages.image().seed(2).platforms("linux/amd64", "linux/arm64").push(source, "org/app:latest");
    for (IndexMode mode : List.of(IndexMode.SINGLE_PLATFORM, IndexMode.FILTERED)) {
      Path stateFile = dir.resolve(mode + ".state");
      freshMirror(mode, stateFile).sync(client);
      TestImage moved = TestImages.image().seed(10 + mode.ordinal()).platforms("linux/amd64", "linux/arm64")
          .push(source, "org/app:latest");
      clearLogs();

      SyncReport report = freshMirror(mode, stateFile).sync(client);

      assertThat(outcomes(report)).as(mode.name()).containsExactlyInAnyOrderEntriesOf(
          Map.of("1.0", TagSync.Outcome.UP_TO_DATE, "latest", TagSync.Outcome.COPIED));
      Digest there = client.headManifest(destination.reference("mirror/" + mode.name().toLowerCase() + ":latest"))
          .orElseThrow().digest();
      assertThat(report.tags()).filteredOn(t -> t.outcome() == TagSync.Outcome.COPIED).singleElement()
          .satisfies(t -> assertThat(t.digest()).contains(there));
      if (mode == IndexMode.SINGLE_PLATFORM) {
        assertThat(there).isEqualTo(moved.platforms().get(Platform.parse("linux/arm64")));
      }
      // only the moved tag was pulled: its index and the chosen children, never 1.0's
      assertThat(source.requests()).filteredOn(c -> c.method().equals("GET") && c.path().contains("/manifests/"))
          .as(mode.name()).noneMatch(c -> c.path().endsWith("/manifests/1.0")).isNotEmpty();

      clearLogs();
      SyncReport settled = freshMirror(mode, stateFile).sync(client);
      assertThat(settled.upToDate()).as(mode.name()).isEqualTo(2);
      assertHeadOnlyAtTheSourceAndNoWriteAtTheDestination(mode.name());
    }
  }

  @Test
  void withoutAStateTheFirstCheckOfAFreshMirrorPullsTheSourceIndexAndItsChosenChildOnce() {
    TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64", "linux/arm/v7")
        .push(source, "org/app:1.0");
    Mirror.builder().repository(source.reference("org/app"), destination.reference("mirror/app"))
        .platforms(ARM_THEN_AMD).indexMode(IndexMode.SINGLE_PLATFORM).build().sync(client);
    Mirror fresh = Mirror.builder().repository(source.reference("org/app"), destination.reference("mirror/app"))
        .platforms(ARM_THEN_AMD).indexMode(IndexMode.SINGLE_PLATFORM).build();
    clearLogs();

    SyncReport first = fresh.sync(client);

    assertThat(first.upToDate()).isEqualTo(1);
    assertThat(destination.requests()).noneMatch(c -> WRITES.contains(c.method()));
    // what the README and Mirror's Javadoc say this costs: the index and the chosen child, once
    assertThat(source.requests()).filteredOn(c -> c.method().equals("GET") && c.path().contains("/manifests/"))
        .extracting(RecordedCall::path).containsExactlyInAnyOrder("/v2/org/app/manifests/1.0",
            "/v2/org/app/manifests/" + image.platforms().get(Platform.parse("linux/arm64")));
    clearLogs();

    fresh.sync(client);

    assertHeadOnlyAtTheSourceAndNoWriteAtTheDestination("the same mirror object again");
  }

  @Test
  void aPredicateSelectionNeverTrustsAKeptStateButStillLearnsInItsOwnObject() {
    TestImages.image().platforms("linux/amd64", "linux/arm64").push(source, "org/app:1.0");
    Path stateFile = dir.resolve("predicate.state");
    MirrorBuilder builder = Mirror.builder()
        .repository(source.reference("org/app"), destination.reference("mirror/app"))
        .platforms(PlatformSelection.matching(p -> p.architecture().equals("arm64")))
        .indexMode(IndexMode.FILTERED);
    Mirror mirror = builder.state(SyncState.file(stateFile)).build();
    mirror.sync(client);
    assertThat(stateFile).doesNotExist();
    clearLogs();

    assertThat(mirror.sync(client).upToDate()).isEqualTo(1);
    assertHeadOnlyAtTheSourceAndNoWriteAtTheDestination("FILTERED by a predicate");
  }
}
