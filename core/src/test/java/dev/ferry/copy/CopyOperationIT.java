package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.Skopeo;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.manifest.PlatformNotFoundException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies between two real docker-registry instances; skopeo writes sources and reads results. */
class CopyOperationIT {
  private static final List<Platform> FOUR = List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64"),
      Platform.of("linux", "arm", "v7"), Platform.of("linux", "ppc64le"));

  @TempDir
  static Path work;

  private static RegistryPair pair;
  private static DockerRegistryProcess source;
  private static RegistryClient client;
  private static Skopeo skopeo;

  @BeforeAll
  static void start() {
    skopeo = Skopeo.require();
    pair = RegistryPair.start(work);
    source = pair.source;
    client = pair.client;
    CopyFixtures.pushIndexWithSkopeo(skopeo, work.resolve("oci-layout"), source.address() + "/multi/oci:v1", FOUR,
        false);
    CopyFixtures.pushIndexWithSkopeo(skopeo, work.resolve("docker-layout"), source.address() + "/multi/docker:v1",
        FOUR, true);
  }

  @AfterAll
  static void stop() {
    if (pair != null) {
      pair.close();
    }
  }

  private static ImageReference src(String path) {
    return pair.src(path);
  }

  private static ImageReference dst(String path) {
    return pair.dst(path);
  }

  private static String skopeoRaw(ImageReference ref) {
    return skopeo.ok("inspect", "--raw", "--tls-verify=false", "docker://" + ref).out();
  }

  @Test
  void copiesASingleImageAcrossRegistriesAndSkopeoReadsIt() {
    ImageManifest image = CopyFixtures.pushImage(client, src("single/app:1.0"), 1, 300_000, 50_000, 1_000);
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    CopyResult result = CopyOperation.from(src("single/app:1.0")).to(dst("mirror/app:1.0"))
        .listener(events::add).execute(client);

    assertThat(result.digest()).isEqualTo(image.digest()).isEqualTo(result.sourceDigest());
    assertThat(result.upToDate()).isFalse();
    assertThat(result.blobsCopied()).isEqualTo(4);
    assertThat(result.bytesTransferred()).isEqualTo(300_000 + 50_000 + 1_000 + image.config().size());
    assertThat(client.fetchManifest(dst("mirror/app:1.0")).bytes()).isEqualTo(image.bytes());
    assertThat(skopeoRaw(dst("mirror/app:1.0")).getBytes(StandardCharsets.UTF_8)).isEqualTo(image.bytes());
    skopeo.ok("copy", "--src-tls-verify=false", "docker://" + dst("mirror/app:1.0"), "oci:" + work.resolve("out1") + ":x");
    assertThat(events).filteredOn(e -> e instanceof CopyEvent.BlobFinished).hasSize(4);
    assertThat(events).filteredOn(e -> e instanceof CopyEvent.ManifestPushed).hasSize(1);
  }

  @Test
  void reRunningWhenNothingChangedIsANoOp() {
    CopyFixtures.pushImage(client, src("noop/app:1.0"), 2, 100_000);
    CopyOperation op = CopyOperation.from(src("noop/app:1.0")).to(dst("noop/app:1.0"));
    op.execute(client);

    CopyResult again = op.execute(client);

    assertThat(again.upToDate()).isTrue();
    assertThat(again.bytesTransferred()).isZero();
    assertThat(again.blobsCopied() + again.blobsSkipped() + again.blobsMounted()).isZero();
  }

  @Test
  void preservesAFourPlatformIndexWrittenBySkopeoWithItsDigest() {
    Manifest original = client.fetchManifest(src("multi/oci:v1"));

    CopyResult result = CopyOperation.from(src("multi/oci:v1")).to(dst("multi/oci:v1"))
        .platforms(PlatformSelection.all()).indexMode(IndexMode.PRESERVE_ORIGINAL).execute(client);

    assertThat(result.digest()).isEqualTo(original.digest());
    assertThat(result.digestChanged()).isFalse();
    assertThat(result.platforms()).hasSize(4);
    // one layer is shared by all four platforms: it moves once
    assertThat(result.blobsCopied()).isEqualTo(1 + 4 + 4);
    assertThat(skopeoRaw(dst("multi/oci:v1")).getBytes(StandardCharsets.UTF_8)).isEqualTo(original.bytes());
    skopeo.ok("copy", "--all", "--src-tls-verify=false", "docker://" + dst("multi/oci:v1"),
        "oci:" + work.resolve("out2") + ":x");
  }

  @Test
  void keepsDockerMediaTypesAsDocker() {
    ImageIndex original = (ImageIndex) client.fetchManifest(src("multi/docker:v1"));

    CopyResult result = CopyOperation.from(src("multi/docker:v1")).to(dst("multi/docker:v1")).execute(client);

    ImageIndex copied = (ImageIndex) client.fetchManifest(dst("multi/docker:v1"));
    assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(copied.bytes()).isEqualTo(original.bytes());
    ImageManifest child = (ImageManifest) client.fetchManifest(dst("multi/docker").withDigest(
        copied.manifests().get(0).digest()));
    assertThat(child.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
    assertThat(child.layers()).allSatisfy(l -> assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_TAR_GZIP));
  }

  @Test
  void singlePlatformPicksArm64FromAnIndexListingItWithoutVariant() {
    ImageIndex index = (ImageIndex) client.fetchManifest(src("multi/oci:v1"));
    Descriptor arm64 = index.manifests().stream()
        .filter(d -> d.platform().orElseThrow().architecture().equals("arm64")).findFirst().orElseThrow();
    assertThat(arm64.platform().orElseThrow().variant()).isEmpty();

    CopyResult result = CopyOperation.from(src("multi/oci:v1")).to(dst("single/arm64:v1"))
        .platforms(PlatformSelection.only(Platform.parse("linux/arm64/v8")))
        .indexMode(IndexMode.SINGLE_PLATFORM).execute(client);

    assertThat(result.digest()).isEqualTo(arm64.digest());
    assertThat(result.digestChanged()).isTrue();
    assertThat(client.fetchManifest(dst("single/arm64:v1"))).isInstanceOf(ImageManifest.class);
    assertThat(result.platforms()).containsExactly(Platform.of("linux", "arm64"));
  }

  @Test
  void filteredIndexHoldsOnlyTheSelectionAndSkopeoAcceptsIt() {
    CopyResult result = CopyOperation.from(src("multi/oci:v1")).to(dst("filtered/app:v1"))
        .platforms(PlatformSelection.only(Platform.parse("linux/amd64"), Platform.parse("linux/arm/v7")))
        .indexMode(IndexMode.FILTERED).execute(client);

    ImageIndex filtered = (ImageIndex) client.fetchManifest(dst("filtered/app:v1"));
    assertThat(result.digestChanged()).isTrue();
    assertThat(filtered.digest()).isEqualTo(result.digest());
    assertThat(filtered.platforms()).containsExactly(Platform.of("linux", "amd64"), Platform.of("linux", "arm", "v7"));
    assertThat(skopeoRaw(dst("filtered/app:v1")).getBytes(StandardCharsets.UTF_8)).isEqualTo(filtered.bytes());
    skopeo.ok("copy", "--all", "--src-tls-verify=false", "docker://" + dst("filtered/app:v1"),
        "oci:" + work.resolve("out3") + ":x");
  }

  @Test
  void aSelectionThatMatchesNothingListsWhatExists() {
    assertThatThrownBy(() -> CopyOperation.from(src("multi/oci:v1")).to(dst("none/app:v1"))
        .platforms(PlatformSelection.only(Platform.parse("linux/s390x"))).indexMode(IndexMode.FILTERED)
        .execute(client))
        .isInstanceOf(PlatformNotFoundException.class)
        .hasMessageContaining("linux/amd64").hasMessageContaining("linux/ppc64le");
    assertThatThrownBy(() -> CopyOperation.from(src("multi/oci:v1")).to(dst("none/app:v1"))
        .platforms(PlatformSelection.only(Platform.parse("linux/amd64"))).execute(client))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FILTERED");
    assertThat(client.headManifest(dst("none/app:v1"))).isEmpty();
  }

  @Test
  void mountsBlobsWithinOneRegistry() {
    ImageManifest image = CopyFixtures.pushImage(client, src("mount/a:1"), 3, 100_000, 20_000);

    CopyResult result = CopyOperation.from(src("mount/a:1")).to(src("mount/b:1")).execute(client);

    assertThat(result.blobsMounted()).isEqualTo(3);
    assertThat(result.bytesTransferred()).isZero();
    assertThat(client.fetchManifest(src("mount/b:1")).digest()).isEqualTo(image.digest());
  }

  @Test
  void writesSeveralTagsAndCopiesByDigest() {
    ImageManifest image = CopyFixtures.pushImage(client, src("tags/app:1.0"), 4, 10_000);

    CopyResult result = CopyOperation.from(src("tags/app").withDigest(image.digest()))
        .to(dst("tags/app:1.0"), dst("tags/app:latest"), dst("tags/bydigest")).execute(client);

    assertThat(result.destinations()).containsExactly(dst("tags/app:1.0"), dst("tags/app:latest"),
        dst("tags/bydigest").withDigest(image.digest()));
    assertThat(client.headManifest(dst("tags/app:latest")).orElseThrow().digest()).isEqualTo(image.digest());
    assertThat(client.headManifest(dst("tags/bydigest").withDigest(image.digest()))).isPresent();
  }

  @Test
  void aCopyCancelledMidLayerLeavesNoTag() throws Exception {
    CopyFixtures.pushImage(client, src("cancel/app:1.0"), 5, 48 * 1024 * 1024);
    AtomicReference<CompletableFuture<CopyResult>> future = new AtomicReference<>();
    CopyOperation op = CopyOperation.from(src("cancel/app:1.0")).to(dst("cancel/app:1.0"))
        .listener(new CopyListener() {
          @Override
          public void blobProgress(CopyEvent.BlobProgress event) {
            if (event.transferred() > 4 * 1024 * 1024 && future.get() != null) {
              future.get().cancel(true);
            }
          }
        });

    future.set(op.executeAsync(client));

    assertThatThrownBy(() -> future.get().get(60, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    // the future completes at cancel(); the copy's own thread, the one that would write the tag, ends after it
    for (Thread runner : Thread.getAllStackTraces().keySet()) {
      if (runner.getName().startsWith("ferry-copy-async-")) {
        runner.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(runner.isAlive()).as("%s still runs", runner.getName()).isFalse();
      }
    }
    assertThat(client.headManifest(dst("cancel/app:1.0"))).isEmpty();
  }

  @Test
  void bulkCopyReportsEveryImageAndReRunsAsHeadsOnly() {
    CopyFixtures.pushImage(client, src("bulk/one:1"), 6, 10_000);
    CopyFixtures.pushImage(client, src("bulk/two:1"), 7, 10_000);
    List<ImageReference> sources = List.of(src("bulk/one:1"), src("bulk/two:1"), src("bulk/missing:1"));

    BulkResult first = BulkCopy.toPrefix(sources, pair.destination.address() + "/mirror").execute(client);

    assertThat(first.entries()).extracting(BulkEntry::status).containsExactly(BulkEntry.Status.COPIED,
        BulkEntry.Status.COPIED, BulkEntry.Status.FAILED);
    assertThat(first.entries().get(0).destination()).isEqualTo(dst("mirror/bulk/one:1"));
    assertThat(first.entries().get(2).failure().orElseThrow()).isInstanceOf(CopyException.class)
        .hasMessageContaining("bulk/missing");

    BulkResult again = BulkCopy.toPrefix(sources.subList(0, 2), pair.destination.address() + "/mirror").execute(client);
    assertThat(again.upToDate()).isEqualTo(2);
  }

  @Test
  void copiesEveryTagOfARepository() {
    ImageManifest image = CopyFixtures.pushImage(client, src("all/app:a"), 8, 5_000);
    client.pushManifest(src("all/app:b"), image);
    client.pushManifest(src("all/app:c"), image);

    BulkResult result = CopyOperation.from(src("all/app")).to(dst("all/copy")).allTags().execute(client);

    assertThat(result.succeeded()).as("%s", result.entries()).isTrue();
    assertThat(client.listTags(dst("all/copy"))).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(CopyOperation.from(src("all/app")).to(dst("all/copy")).allTags().execute(client).upToDate())
        .isEqualTo(3);
  }

  @Test
  void retriesOfTheSourceReachTheListener() throws Exception {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    dev.ferry.reference.Digest configDigest = dev.ferry.reference.Digest.sha256(config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[]}";
    java.util.concurrent.atomic.AtomicInteger manifestCalls = new java.util.concurrent.atomic.AtomicInteger();
    try (mockwebserver3.MockWebServer flaky = new mockwebserver3.MockWebServer()) {
      flaky.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
          if (request.getTarget().contains("/manifests/") && manifestCalls.incrementAndGet() == 1) {
            return new mockwebserver3.MockResponse.Builder().code(503).setHeader("Retry-After", "0").build();
          }
          if (request.getTarget().contains("/manifests/")) {
            return new mockwebserver3.MockResponse.Builder().code(200)
                .setHeader("Content-Type", MediaTypes.OCI_IMAGE_MANIFEST).body(manifest).build();
          }
          return new mockwebserver3.MockResponse.Builder().code(200)
              .body(new okio.Buffer().write(config)).build();
        }
      });
      flaky.start(java.net.InetAddress.getLoopbackAddress(), 0);
      String host = "127.0.0.1:" + flaky.getPort();
      List<CopyEvent> events = new CopyOnWriteArrayList<>();
      try (RegistryClient both = RegistryClient.builder().plainHttp(host, pair.destination.address()).build()) {
        CopyResult result = CopyOperation.from(ImageReference.parse(host + "/flaky/app:1"))
            .to(dst("flaky/app:1")).listener(events::add).execute(both);
        assertThat(result.blobsCopied()).isEqualTo(1);
      }
      assertThat(events).filteredOn(e -> e instanceof CopyEvent.Retry).singleElement()
          .satisfies(e -> assertThat(((CopyEvent.Retry) e).reason()).contains("503"));
    }
  }

  @Test
  void copiesSignaturesAndTheReferrersTagWhenAsked() {
    ImageManifest image = CopyFixtures.pushImage(client, src("signed/app:1.0"), 9, 20_000);
    ImageManifest signature = CopyFixtures.pushImage(client, src("signed/app:sig-temp"), 10, 500);
    // a cosign-style tag and the OCI referrers fallback index naming the signature
    String hexTag = "sha256-" + image.digest().encoded();
    client.pushManifest(src("signed/app:" + hexTag + ".sig"), signature);
    Descriptor referrer = signature.descriptor().toBuilder().artifactType("application/vnd.example.sig").build();
    client.pushManifest(src("signed/app:" + hexTag), dev.ferry.manifest.IndexBuilder.oci().add(referrer).build());

    CopyOperation op = CopyOperation.from(src("signed/app:1.0")).to(dst("signed/app:1.0")).includeReferrers(true);
    op.execute(client);

    assertThat(client.headManifest(dst("signed/app:" + hexTag + ".sig")).orElseThrow().digest())
        .isEqualTo(signature.digest());
    assertThat(client.referrers(dst("signed/app"), image.digest(), null)).containsExactly(referrer);
    assertThat(client.headManifest(dst("signed/app").withDigest(signature.digest()))).isPresent();
    assertThat(op.execute(client).upToDate()).isTrue();
  }

  @Test
  void aSourceServingWrongBytesFailsTheCopyBeforeAnythingIsCommitted() throws Exception {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] tampered = config.clone();
    tampered[5] ^= 1;
    dev.ferry.reference.Digest configDigest = dev.ferry.reference.Digest.sha256(config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[]}";
    try (mockwebserver3.MockWebServer lying = new mockwebserver3.MockWebServer()) {
      lying.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
          if (request.getTarget().contains("/manifests/")) {
            return new mockwebserver3.MockResponse.Builder().code(200)
                .setHeader("Content-Type", MediaTypes.OCI_IMAGE_MANIFEST).body(manifest).build();
          }
          return new mockwebserver3.MockResponse.Builder().code(200).body(new okio.Buffer().write(tampered)).build();
        }
      });
      lying.start(java.net.InetAddress.getLoopbackAddress(), 0);
      String host = "127.0.0.1:" + lying.getPort();
      try (RegistryClient both = RegistryClient.builder().plainHttp(host, pair.destination.address()).build()) {
        assertThatThrownBy(() -> CopyOperation.from(ImageReference.parse(host + "/lying/app:1"))
            .to(dst("lying/app:1")).execute(both))
            .isInstanceOfSatisfying(CopyException.class, e -> assertThat(e.item()).contains(configDigest.toString()))
            .hasRootCauseInstanceOf(dev.ferry.reference.DigestMismatchException.class);
        assertThat(both.headManifest(dst("lying/app:1"))).isEmpty();
        assertThat(both.headBlob(dst("lying/app"), configDigest)).isEmpty();
      }
    }
  }
}
