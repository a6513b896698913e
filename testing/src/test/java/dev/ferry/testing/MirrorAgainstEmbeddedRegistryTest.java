package dev.ferry.testing;

import static dev.ferry.it.PushedImages.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.it.PushedImages;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.sync.Mirror;
import dev.ferry.sync.RateLimitPause;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncReport;
import dev.ferry.sync.TagFilter;
import dev.ferry.sync.TagSync;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mirrors between two in-process registries, asserted on their request logs: least work
 * (an up-to-date re-sync is HEAD requests only; shared blobs move once), moved tags, the
 * dry run, immutable destination tags and the rate-limit pause. Real docker-registry
 * instances: {@code dev.ferry.sync.MirrorIT} in core.
 */
class MirrorAgainstEmbeddedRegistryTest {
  private static final Set<String> WRITES = Set.of("PUT", "POST", "PATCH", "DELETE");

  private EmbeddedRegistry source;
  private EmbeddedRegistry destination;
  private RegistryClient client;

  @BeforeEach
  void start() {
    source = EmbeddedRegistry.start();
    destination = EmbeddedRegistry.start();
    client = client(source, destination);
  }

  private static RegistryClient client(EmbeddedRegistry a, EmbeddedRegistry b) {
    return RegistryClient.builder().plainHttp(a.address(), b.address()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    source.close();
    destination.close();
  }

  private Mirror mirror(String repository) {
    return Mirror.builder().repository(source.reference(repository), destination.reference(repository)).build();
  }

  private static List<RecordedCall> writes(EmbeddedRegistry registry) {
    return registry.requests().stream().filter(c -> WRITES.contains(c.method())).toList();
  }

  @Test
  void aRepositoryMirroredToTwoPlacesReachesBoth() {
    TestImages.image().push(source, "org/app:1.0");
    Mirror mirror = Mirror.builder()
        .repository(source.reference("org/app"), destination.reference("one/app"))
        .repository(source.reference("org/app"), destination.reference("two/app"))
        .build();

    SyncReport report = mirror.sync(client);

    assertThat(report.copied()).isEqualTo(2);
    assertThat(client.listTags(destination.reference("one/app"))).containsExactly("1.0");
    assertThat(client.listTags(destination.reference("two/app"))).containsExactly("1.0");
  }

  @Test
  void aSecondSyncOfAnUpToDateMirrorMakesHeadRequestsOnly() {
    TestImages.image().push(source, "org/app:1.0");
    TestImages.image().platforms("linux/amd64", "linux/arm64").push(source, "org/app:1.1");
    TestImages.image().docker().push(source, "org/app:latest");
    Mirror mirror = mirror("org/app");

    SyncReport first = mirror.sync(client);
    assertThat(first.copied()).isEqualTo(3);
    assertThat(first.bytesMoved()).isPositive();
    source.clearRequests();
    destination.clearRequests();

    SyncReport second = mirror.sync(client);

    assertThat(second.upToDate()).isEqualTo(3);
    assertThat(second.copied() + second.failed()).isZero();
    assertThat(second.bytesMoved()).isZero();
    assertThat(writes(destination)).isEmpty();
    assertThat(destination.requests()).allSatisfy(c -> assertThat(c.method()).isEqualTo("HEAD"));
    // the source: one listing, then a HEAD per tag; no blob and no manifest GET (Docker Hub counts those)
    assertThat(source.requests()).allSatisfy(c -> assertThat(c.method().equals("HEAD")
        || c.path().endsWith("/tags/list")).as(c.method() + " " + c.path()).isTrue());
    assertThat(source.requests()).filteredOn(c -> c.method().equals("HEAD")).hasSize(3);
  }

  @Test
  void singlePlatformAndFilteredMirrorsAreHeadOnlyOnceTheyKnowTheDigestTheyWrite() {
    TestImages.image().platforms("linux/amd64", "linux/arm64", "linux/arm/v7").push(source, "org/multi:1.0");
    for (IndexMode mode : List.of(IndexMode.SINGLE_PLATFORM, IndexMode.FILTERED)) {
      Mirror mirror = Mirror.builder()
          .repository(source.reference("org/multi"), destination.reference("mirror/" + mode.name().toLowerCase()))
          .platforms(PlatformSelection.only(Platform.parse("linux/arm64"), Platform.parse("linux/amd64")))
          .indexMode(mode)
          .build();
      SyncReport first = mirror.sync(client);
      assertThat(first.copied()).as(mode.name()).isEqualTo(1);
      Digest written = first.tags().get(0).digest().orElseThrow();
      source.clearRequests();
      destination.clearRequests();

      SyncReport second = mirror.sync(client);

      assertThat(second.upToDate()).as(mode.name()).isEqualTo(1);
      assertThat(second.tags().get(0).digest()).contains(written);
      assertThat(writes(destination)).isEmpty();
      assertThat(source.requests()).noneMatch(c -> c.method().equals("GET") && !c.path().endsWith("/tags/list"));
    }
  }

  @Test
  void aMovedTagIsCopiedAgainAndTheOthersStayUpToDate() {
    TestImages.image().seed(1).push(source, "org/app:1.0");
    TestImages.image().seed(2).push(source, "org/app:latest");
    Mirror mirror = mirror("org/app");
    mirror.sync(client);
    TestImage moved = TestImages.image().seed(3).push(source, "org/app:latest");

    SyncReport report = mirror.sync(client);

    assertThat(report.tags()).extracting(t -> t.source().tag().orElseThrow() + "=" + t.outcome())
        .containsExactlyInAnyOrder("1.0=UP_TO_DATE", "latest=COPIED");
    assertThat(client.headManifest(destination.reference("org/app:latest")).orElseThrow().digest())
        .isEqualTo(moved.digest());
  }

  @Test
  void aSharedBaseLayerMovesOnceAndIsMountedIntoTheOtherRepository() {
    byte[] base = random(256 * 1024, 7);
    PushedImages.push(client, source.reference("team/web:1.0"), "web 1.0", base, random(1000, 1));
    PushedImages.push(client, source.reference("team/web:1.1"), "web 1.1", base, random(1000, 2));
    PushedImages.push(client, source.reference("team/api:1.0"), "api 1.0", base, random(1000, 3));
    Digest baseDigest = Digest.sha256(base);
    Mirror mirror = Mirror.builder()
        .repositories(List.of(source.reference("team/web"), source.reference("team/api")), destination.address() + "/m")
        .concurrency(3)
        .build();

    SyncReport report = mirror.sync(client);

    assertThat(report.copied()).isEqualTo(3);
    List<RecordedCall> baseUploads = destination.requests().stream()
        .filter(c -> c.method().equals("PUT") && c.path().contains("digest=" + baseDigest)).toList();
    assertThat(baseUploads).hasSize(1);
    assertThat(destination.requests()).anyMatch(c -> c.method().equals("POST")
        && c.path().contains("mount=" + baseDigest) && c.status() == 201);
    long unique = base.length + 3 * 1000;
    assertThat(report.bytesMoved()).isBetween(unique, unique + 3 * 200);
  }

  @Test
  void aPlanReportsWhatWouldChangeAndWritesNothing() {
    TestImages.image().push(source, "org/app:1.0");
    TestImages.image().push(source, "org/app:2.0");

    SyncReport plan = Mirror.builder().repository(source.reference("org/app"), destination.reference("org/app"))
        .tags(TagFilter.semver(">=2")).build().plan(client);

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.tags()).extracting(t -> t.destination().tag().orElseThrow() + "=" + t.outcome())
        .containsExactly("2.0=COPIED");
    assertThat(writes(destination)).isEmpty();
    assertThat(client.listTags(source.reference("org/app"))).hasSize(2);
  }

  @Test
  void anImmutableDestinationTagIsReportedFailedOnceAndNotPushedAgain() {
    try (EmbeddedRegistry immutable = EmbeddedRegistry.builder().immutableTags().start();
        RegistryClient both = client(source, immutable)) {
      TestImages.image().seed(1).push(source, "org/app:1.0");
      TestImages.image().seed(2).push(source, "org/app:2.0");
      TestImages.image().seed(9).push(immutable, "org/app:1.0");
      immutable.clearRequests();
      Mirror mirror = Mirror.builder().repository(source.reference("org/app"), immutable.reference("org/app"))
          .build();

      SyncReport first = mirror.sync(both);

      assertThat(first.copied()).isEqualTo(1);
      TagSync refused = first.tags().stream().filter(t -> t.outcome() == TagSync.Outcome.FAILED).findFirst()
          .orElseThrow();
      assertThat(refused.destination().tag()).contains("1.0");
      assertThat(refused.reason().orElseThrow()).contains("immutable").contains("TAG_INVALID");
      assertThat(immutable.requests()).filteredOn(c -> c.method().equals("PUT")
          && c.path().endsWith("/manifests/1.0")).hasSize(1);
      immutable.clearRequests();

      SyncReport second = mirror.sync(both);

      assertThat(second.failed()).isEqualTo(1);
      assertThat(second.upToDate()).isEqualTo(1);
      assertThat(writes(immutable)).isEmpty();
    }
  }

  @Test
  void aLowRateLimitPausesTheMirrorAndSaysSo() {
    try (EmbeddedRegistry limited = EmbeddedRegistry.builder().rateLimit(4, Duration.ZERO).start();
        RegistryClient both = client(limited, destination)) {
      for (int i = 0; i < 4; i++) {
        TestImages.image().seed(i).push(limited, "library/base:1." + i);
      }
      limited.resetRateLimit();
      List<RateLimitPause> heard = new CopyOnWriteArrayList<>();
      Mirror mirror = Mirror.builder()
          .repository(limited.reference("library/base"), destination.reference("library/base"))
          .concurrency(1)
          .minRemaining(2)
          .listener(new SyncListener() {
            @Override
            public void paused(RateLimitPause pause) {
              heard.add(pause);
              limited.resetRateLimit();   // the window ends while the mirror waits
            }
          })
          .build();

      SyncReport report = mirror.sync(both);

      assertThat(report.copied()).isEqualTo(4);
      assertThat(report.pauses()).isNotEmpty().isEqualTo(heard);
      assertThat(report.pauses()).allSatisfy(p -> {
        assertThat(p.registry()).isEqualTo(limited.address());
        assertThat(p.limit().remaining().getAsLong()).isLessThan(2);
        assertThat(p.limit().limit().getAsLong()).isEqualTo(4);
      });
      assertThat(report.toString()).contains("rate-limit pause");
      assertThat(limited.requests()).noneMatch(c -> c.status() == 429);
    }
  }

  @Test
  void withoutMinRemainingTheLimitIsSpentAndTheRefusedTagsAreReportedFailed() {
    try (EmbeddedRegistry limited = EmbeddedRegistry.builder().rateLimit(2, Duration.ZERO).start();
        RegistryClient both = client(limited, destination)) {
      for (int i = 0; i < 3; i++) {
        TestImages.image().seed(i).push(limited, "library/base:1." + i);
      }
      limited.resetRateLimit();

      SyncReport report = Mirror.builder()
          .repository(limited.reference("library/base"), destination.reference("library/base"))
          .concurrency(1).build().sync(both);

      assertThat(report.copied()).isEqualTo(2);
      assertThat(report.failed()).isEqualTo(1);
      assertThat(report.pauses()).isEmpty();
    }
  }

  @Test
  void oneBadTagNeverStopsTheOthersUnlessAskedTo() {
    for (String tag : List.of("1.0", "1.1", "1.2")) {
      TestImages.image().push(source, "org/app:" + tag);
    }
    destination.failNext(1, r -> r.method().equals("PUT") && r.path().endsWith("/goes-on/manifests/1.1"), 500);
    SyncReport goesOn = Mirror.builder().repository(source.reference("org/app"), destination.reference("goes-on"))
        .build().sync(client);

    assertThat(goesOn.tags()).extracting(t -> t.destination().tag().orElseThrow() + "=" + t.outcome())
        .containsExactly("1.0=COPIED", "1.1=FAILED", "1.2=COPIED");
    assertThat(goesOn.tags().get(1).reason().orElseThrow()).contains("500");

    destination.failNext(1, r -> r.method().equals("PUT") && r.path().endsWith("/stops/manifests/1.1"), 500);
    SyncReport stops = Mirror.builder().repository(source.reference("org/app"), destination.reference("stops"))
        .concurrency(1).continueOnError(false).prune(true).build().sync(client);

    assertThat(stops.tags()).extracting(t -> t.destination().tag().orElseThrow() + "=" + t.outcome())
        .containsExactly("1.0=COPIED", "1.1=FAILED", "1.2=FAILED");
    assertThat(stops.tags().get(2).reason().orElseThrow()).contains("not started");
  }

  @Test
  void pruneKeepsATagThatPointsAtAPlatformOfAKeptIndex() {
    TestImage multi = TestImages.image().platforms("linux/amd64", "linux/arm64").push(source, "org/app:2.0");
    TestImages.image().push(source, "org/app:1.0");
    Mirror.builder().repository(source.reference("org/app"), destination.reference("org/app")).build().sync(client);
    Digest amd64 = multi.platforms().get(Platform.parse("linux/amd64"));
    client.pushManifest(destination.reference("org/app:amd64-only"),
        client.fetchManifest(destination.reference("org/app").withDigest(amd64)));

    SyncReport report = Mirror.builder().repository(source.reference("org/app"), destination.reference("org/app"))
        .tags(TagFilter.semver(">=2")).prune(true).build().sync(client);

    assertThat(report.tags()).extracting(t -> t.destination().tag().orElseThrow() + "=" + t.outcome())
        .containsExactlyInAnyOrder("2.0=UP_TO_DATE", "1.0=PRUNED", "amd64-only=KEPT");
    assertThat(report.tags()).filteredOn(t -> t.outcome() == TagSync.Outcome.KEPT).singleElement()
        .satisfies(t -> assertThat(t.reason().orElseThrow()).contains("kept tag 2.0 (as a platform of its index)"));
    assertThat(client.fetchManifest(destination.reference("org/app:2.0")).digest()).isEqualTo(multi.digest());
    assertThat(client.listTags(destination.reference("org/app"))).containsExactlyInAnyOrder("2.0", "amd64-only");
  }

  /** An SBOM-like artifact whose subject is {@code subject}, pushed by digest and under cosign's signature tag. */
  private void pushReferrer(TestImage subject) {
    ImageReference repository = subject.reference().withoutTag();
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor emptyBlob = Descriptor.of(MediaTypes.OCI_EMPTY, Digest.sha256(empty), empty.length);
    client.pushBlob(repository, emptyBlob, BlobSource.of(empty));
    String emptyJson = "{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + emptyBlob.digest()
        + "\",\"size\":2}";
    byte[] artifact = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\","
        + "\"artifactType\":\"application/vnd.example.sbom\",\"config\":" + emptyJson + ",\"layers\":[" + emptyJson
        + "],\"subject\":{\"mediaType\":\"" + subject.mediaType() + "\",\"digest\":\"" + subject.digest()
        + "\",\"size\":" + subject.manifest().size() + "}}").getBytes(StandardCharsets.UTF_8);
    Manifest manifest = Manifest.parse(artifact, MediaTypes.OCI_IMAGE_MANIFEST);
    client.pushManifest(repository.withDigest(manifest.digest()), manifest);
    client.pushManifest(repository.withTag(subject.digest().toString().replace(':', '-') + ".sig"), manifest);
  }

  @Test
  void signatureTagsAreNotImagesButReferrersComeAlongWhenAsked() {
    TestImage image = TestImages.image().push(source, "org/signed:1.0");
    pushReferrer(image);
    String signatureTag = image.digest().toString().replace(':', '-') + ".sig";

    SyncReport plain = Mirror.builder().repository(source.reference("org/signed"), destination.reference("plain"))
        .build().sync(client);
    SyncReport withReferrers = Mirror.builder()
        .repository(source.reference("org/signed"), destination.reference("signed"))
        .referrers(true).build().sync(client);

    assertThat(plain.tags()).extracting(t -> t.source().tag().orElseThrow()).containsExactly("1.0");
    assertThat(client.listTags(destination.reference("plain"))).containsExactly("1.0");
    assertThat(client.referrers(destination.reference("plain"), image.digest(), null)).isEmpty();
    assertThat(withReferrers.tags()).extracting(t -> t.source().tag().orElseThrow()).containsExactly("1.0");
    assertThat(client.referrers(destination.reference("signed"), image.digest(), null)).hasSize(1);
    assertThat(client.listTags(destination.reference("signed"))).contains(signatureTag);
  }
}
