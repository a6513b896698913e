package dev.ferry.sync;

import static dev.ferry.it.PushedImages.push;
import static dev.ferry.it.PushedImages.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.TwoRegistries;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors between two real docker-registry instances (deletes enabled), asserted on their access logs and tags. */
class MirrorIT {
  private static final Set<String> WRITES = Set.of("PUT", "POST", "PATCH", "DELETE");

  @TempDir
  static Path work;

  private static TwoRegistries registries;
  private static DockerRegistryProcess source;
  private static DockerRegistryProcess destination;
  private static RegistryClient client;

  @BeforeAll
  static void start() {
    registries = TwoRegistries.start(work, RetryPolicy.none());
    source = registries.source();
    destination = registries.destination();
    client = registries.client();
  }

  @AfterAll
  static void stop() {
    if (registries != null) {
      registries.close();
    }
  }

  private static ImageReference src(String path) {
    return registries.src(path);
  }

  private static ImageReference dst(String path) {
    return registries.dst(path);
  }

  private static List<String> tagsAt(ImageReference repository) {
    return client.listTags(repository).stream().sorted().toList();
  }

  @Test
  void copiesWhatTheSemverFilterPicksAndASecondSyncWritesNothing() {
    byte[] base = random(64 * 1024, 1);
    for (String tag : List.of("1.0.0", "1.4.0", "v1.5.2", "2.0.0-rc.1", "latest", "1.3.9")) {
      push(client, src("filters/app:" + tag), tag, base, random(512, tag.hashCode()));
    }
    Mirror mirror = Mirror.builder().repository(src("filters/app"), dst("filters/app"))
        .tags(TagFilter.semver(">=1.4.0").or(TagFilter.matching("latest")))
        .build();

    SyncReport first = mirror.sync(client);

    assertThat(first.copied()).isEqualTo(3);
    assertThat(tagsAt(dst("filters/app"))).containsExactly("1.4.0", "latest", "v1.5.2");
    List<String> before = destination.requests();
    List<String> sourceBefore = source.requests();

    SyncReport second = mirror.sync(client);

    assertThat(second.upToDate()).isEqualTo(3);
    List<String> during = destination.requests().subList(before.size(), destination.requests().size());
    assertThat(during).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("HEAD "));
    List<String> atSource = source.requests().subList(sourceBefore.size(), source.requests().size());
    assertThat(atSource).noneMatch(r -> r.startsWith("GET ") && !r.contains("/tags/list"));
    assertThat(atSource).noneMatch(r -> WRITES.contains(r.substring(0, r.indexOf(' '))));
  }

  @Test
  void prunesWhatTheFilterDroppedButNeverADigestAKeptTagHolds() {
    push(client, src("prune/app:1.0"), "1.0", random(600, 10));
    push(client, src("prune/app:2.0"), "2.0", random(600, 20));
    Mirror everything = Mirror.builder().repository(src("prune/app"), dst("prune/app")).build();
    everything.sync(client);
    // at the destination only: an alias of 2.0 (same digest) and an image the source never had
    client.pushManifest(dst("prune/app:stable"), client.fetchManifest(dst("prune/app:2.0")));
    push(client, dst("prune/app:local"), "local", random(600, 30));

    SyncReport report = Mirror.builder().repository(src("prune/app"), dst("prune/app"))
        .tags(TagFilter.semver(">=2")).prune(true).build().sync(client);

    assertThat(report.tags()).extracting(t -> t.destination().tag().orElseThrow() + "=" + t.outcome())
        .containsExactlyInAnyOrder("2.0=UP_TO_DATE", "1.0=PRUNED", "local=PRUNED", "stable=KEPT");
    assertThat(report.pruned()).isEqualTo(2);
    assertThat(report.tags()).filteredOn(t -> t.outcome() == TagSync.Outcome.KEPT).singleElement()
        .satisfies(t -> assertThat(t.reason().orElseThrow()).contains("kept tag 2.0"));
    assertThat(tagsAt(dst("prune/app"))).containsExactly("2.0", "stable");
  }

  @Test
  void neverPrunesFromAFailedOrEmptyListing() {
    push(client, dst("gone/app:1.0"), "1.0", random(300, 40));
    push(client, dst("gone/app:2.0"), "2.0", random(300, 41));

    SyncReport missingSource = Mirror.builder().repository(src("gone/app"), dst("gone/app")).prune(true).build()
        .sync(client);

    assertThat(missingSource.failed()).isEqualTo(1);
    assertThat(missingSource.tags().get(0).reason().orElseThrow()).contains("listing the source tags failed");
    assertThat(missingSource.pruned()).isZero();
    assertThat(tagsAt(dst("gone/app"))).containsExactly("1.0", "2.0");

    push(client, src("gone/app:0.1"), "0.1", random(300, 42));
    SyncReport pickedNothing = Mirror.builder().repository(src("gone/app"), dst("gone/app"))
        .tags(TagFilter.semver(">=9")).prune(true).build().sync(client);

    assertThat(pickedNothing.tags()).isEmpty();
    assertThat(tagsAt(dst("gone/app"))).containsExactly("1.0", "2.0");
  }

  @Test
  void mirrorsANamespaceFromTheCatalogAndShardsSplitItWithoutOverlap() {
    for (String repo : List.of("ns/a", "ns/b", "ns/c", "ns/d", "ns/deep/e", "elsewhere/x")) {
      push(client, src(repo + ":1"), repo, random(200, repo.hashCode()));
    }
    Mirror mirror = Mirror.builder().namespace(source.address() + "/ns", destination.address() + "/copy").build();

    List<Set<String>> shares = new ArrayList<>();
    for (int worker = 0; worker < 2; worker++) {
      SyncReport report = mirror.shard(worker, 2).sync(client);
      assertThat(report.failed()).isZero();
      shares.add(report.tags().stream().map(t -> t.destination().repository()).collect(Collectors.toSet()));
    }

    // which worker owns which depends on the registry's (random) port; that they never overlap does not
    assertThat(java.util.Collections.disjoint(shares.get(0), shares.get(1))).isTrue();
    Set<String> all = new java.util.HashSet<>(shares.get(0));
    all.addAll(shares.get(1));
    assertThat(all).containsExactlyInAnyOrder("copy/a", "copy/b", "copy/c", "copy/d", "copy/deep/e");
    assertThat(tagsAt(dst("copy/deep/e"))).containsExactly("1");
  }

  @Test
  void aSharedBaseLayerIsUploadedOnceAndMountedIntoTheOtherRepositories() {
    byte[] base = random(512 * 1024, 50);
    List<ImageReference> sources = new ArrayList<>();
    for (String repo : List.of("shared/one", "shared/two", "shared/three")) {
      push(client, src(repo + ":1.0"), repo, base, random(1000, repo.hashCode()));
      sources.add(src(repo));
    }
    List<String> before = destination.requests();

    SyncReport report = Mirror.builder().repositories(sources, destination.address() + "/m").concurrency(3).build()
        .sync(client);

    assertThat(report.copied()).isEqualTo(3);
    List<String> during = destination.requests().subList(before.size(), destination.requests().size());
    String baseDigest = dev.ferry.reference.Digest.sha256(base).toString();
    assertThat(during).filteredOn(r -> r.startsWith("PUT ") && r.contains("digest=" + baseDigest)).hasSize(1);
    assertThat(during).filteredOn(r -> r.startsWith("POST ") && r.contains("mount=" + baseDigest)
        && r.endsWith(" 201")).hasSize(2);
    assertThat(report.bytesMoved()).isLessThan(base.length + 3 * 2000L);
  }
}
