package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import dev.ferry.it.ProcessResult;
import dev.ferry.manifest.InvalidManifestException;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryProtocolException;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registry that attacks the client's heap and threads with what it controls: huge and
 * endless bodies, endless pages, drips. Each limit of {@link FerryLimits} that guards
 * against one is hit here through the public API; the heap cases run the client in a
 * 64 MiB JVM ({@link SmallHeapJvm}), where building the hostile body would end it.
 * Limits a manifest breaks without a large body are in {@link HostileManifestLimitsTest}.
 */
class HostileRegistryBoundsTest {
  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();
  private String registry;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    registry = "127.0.0.1:" + server.getPort();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private void serve(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        return answer.apply(request);
      }
    });
  }

  /** Runs the client side in a 64 MiB JVM; what it printed, once it ended without running out of memory. */
  private String inSmallHeap(String scenario) {
    ProcessResult child = SmallHeapJvm.run(scenario, registry, CHILD_TIMEOUT);
    assertThat(child.exitCode()).as("exit status (%s: out of memory); stderr: %s", SmallHeapJvm.OUT_OF_MEMORY,
        child.stderr()).isZero();
    Matcher heap = Pattern.compile("HEAP (\\d+)").matcher(child.out());
    assertThat(heap.find()).as("the child reports its heap: %s", child.out()).isTrue();
    assertThat(Long.parseLong(heap.group(1))).as("the child's heap").isLessThanOrEqualTo(80L * 1024 * 1024);
    return child.out();
  }

  private ImageReference repository() {
    return ImageReference.parse(registry + "/hostile/app");
  }

  private static String nextPage(RecordedRequest request, String path) {
    String page = request.getUrl().queryParameter("page");
    return path + "?page=" + (page == null ? 1 : Integer.parseInt(page) + 1);
  }

  @Test
  void readsAManifestPaddedWithAMillionEmptyObjectsInASmallHeap() {
    byte[] body = HostileBodies.manifestWithUnknownPadding();
    serve(request -> HostileBodies.manifest(body));

    assertThat(inSmallHeap("manifest")).contains("RETURNED manifest " + MediaTypes.OCI_IMAGE_MANIFEST + " "
        + body.length + " bytes");
  }

  @Test
  void refusesAFloodOfAnnotationsInASmallHeap() {
    byte[] body = HostileBodies.manifestWithAnnotationFlood();
    serve(request -> HostileBodies.manifest(body));

    assertThat(inSmallHeap("manifest")).contains("REFUSED InvalidManifestException: ").contains(": annotations has more than "
        + FerryLimits.MAX_ANNOTATIONS + " entries (FerryLimits.MAX_ANNOTATIONS)");
  }

  @Test
  void refusesAPageOfMillionsOfTagsInASmallHeap() {
    // 3.3 million tags of one or two characters: 15.6 MiB, under the byte limit
    serve(request -> HostileBodies.tagsPage("tags", "", 3_300_000, 36 * 36, null));

    assertThat(inSmallHeap("tags")).contains("REFUSED RegistryProtocolException: the tags list of hostile/app is longer"
        + " than Ferry's limit of " + FerryLimits.MAX_LIST_ENTRIES + " tags (FerryLimits.MAX_LIST_ENTRIES)");
  }

  @Test
  void refusesEndlessUniqueTagPagesInASmallHeap() {
    serve(request -> HostileBodies.tagsPage("tags", "p" + requests.get() + "-", 100_000,
        nextPage(request, "/v2/hostile/app/tags/list")));

    assertThat(inSmallHeap("tags")).contains("REFUSED RegistryProtocolException: the tags list of hostile/app is longer"
        + " than Ferry's limit of " + FerryLimits.MAX_LIST_ENTRIES + " tags");
    assertThat(requests.get()).isLessThanOrEqualTo(FerryLimits.MAX_LIST_ENTRIES / 100_000 + 1);
  }

  @Test
  void refusesEndlessReferrersPagesInASmallHeap() {
    serve(request -> new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX)
        .setHeader("Link", "<" + nextPage(request, request.getUrl().encodedPath()) + ">; rel=\"next\"")
        .body(referrersPage(requests.get(), 100)).build());

    assertThat(inSmallHeap("referrers")).contains("REFUSED RegistryProtocolException: the referrers list of hostile/app is"
        + " longer than Ferry's limit of " + FerryLimits.MAX_REFERRERS + " referrers (FerryLimits.MAX_REFERRERS)");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void refusesEndlessEmptyCatalogPagesAtThePageLimit() {
    serve(request -> HostileBodies.tagsPage("repositories", "", 0, nextPage(request, "/v2/_catalog")));

    try (RegistryClient client = RegistryClient.builder().plainHttp(registry).build()) {
      RegistryProtocolException e = catchThrowableOfType(RegistryProtocolException.class,
          () -> client.catalog(registry));

      assertThat(e).hasMessageContaining("the repositories list is longer than Ferry's limit of "
          + FerryLimits.MAX_LIST_PAGES + " pages (FerryLimits.MAX_LIST_PAGES)");
      assertThat(e.registry()).isEqualTo(registry);
    }
    assertThat(requests.get()).isEqualTo(FerryLimits.MAX_LIST_PAGES);
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void refusesTagPagesLargerInTotalThanTheLimit() {
    // 1,000 tags of 4,000 characters per page: 4 MB a page, far below the entry limit
    serve(request -> HostileBodies.tagsPage("tags", "p" + requests.get() + "-" + "x".repeat(3990), 1_000,
        nextPage(request, "/v2/hostile/app/tags/list")));

    try (RegistryClient client = RegistryClient.builder().plainHttp(registry).build()) {
      RegistryProtocolException e = catchThrowableOfType(RegistryProtocolException.class,
          () -> client.listTags(repository()));

      assertThat(e).hasMessageContaining("longer than Ferry's limit of " + FerryLimits.MAX_LIST_BYTES
          + " bytes of list bodies (FerryLimits.MAX_LIST_BYTES)");
      assertThat(e.repository()).contains("hostile/app");
    }
    assertThat(requests.get()).isEqualTo(FerryLimits.MAX_LIST_BYTES / 4_000_000 + 1);
  }

  private static String referrersPage(int page, int count) {
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX
        + "\",\"manifests\":[");
    for (int i = 0; i < count; i++) {
      String hex = String.format("%064x", (long) page * count + i);
      sb.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_IMAGE_MANIFEST)
          .append("\",\"digest\":\"sha256:").append(hex).append("\",\"size\":100,\"artifactType\":")
          .append("\"application/vnd.example.sbom\",\"annotations\":{\"org.opencontainers.image.created\":")
          .append("\"2024-01-01T00:00:00Z\"}}");
    }
    return sb.append("]}").toString();
  }

  /** Drips: one byte every 200 ms, against a small-body timeout of one second. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void cutsAManifestThatDripsAtTheSmallBodyDeadline() {
    serve(request -> dripping(HostileBodies.manifest(HostileBodies.padded("{\"schemaVersion\":2,\"mediaType\":\""
        + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":" + HostileBodies.CONFIG + ",\"layers\":[", "", "]}"))));

    TransportException e = catchThrowableOfType(TransportException.class, () -> dripClientCall(
        client -> client.fetchManifest(repository().withTag("1.0"))));

    assertThat(e).hasMessageContaining("reading the manifest failed: the body did not arrive whole within 1000 ms");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void cutsATagsPageThatDripsAtTheSmallBodyDeadline() {
    serve(request -> dripping(HostileBodies.tagsPage("tags", "t", 1_000, null)));

    TransportException e = catchThrowableOfType(TransportException.class,
        () -> dripClientCall(client -> client.listTags(repository())));

    assertThat(e).hasMessageContaining("the body did not arrive whole within 1000 ms");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void cutsAnErrorBodyThatDripsAndStillReportsTheStatus() {
    serve(request -> dripping(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"" + "x".repeat(4000)
        + "\"}]}"));

    RegistryResponseException e = catchThrowableOfType(RegistryResponseException.class,
        () -> dripClientCall(client -> client.fetchManifest(repository().withTag("1.0"))));

    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void cutsATokenAnswerThatDripsAtTheSmallBodyDeadline() {
    serve(request -> request.getUrl().encodedPath().equals("/token")
        ? dripping(200, "{\"token\":\"" + "t".repeat(4000) + "\"}")
        : new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Bearer realm=\"http://" + registry
            + "/token\",service=\"hostile\"").build());

    TransportException e = catchThrowableOfType(TransportException.class,
        () -> dripClientCall(client -> client.fetchManifest(repository().withTag("1.0"))));

    assertThat(e).hasMessageContaining("reading the token server's answer failed")
        .hasMessageContaining("the body did not arrive whole within 1000 ms");
  }

  private static MockResponse dripping(int status, String body) {
    return dripping(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(body).build());
  }

  private static MockResponse dripping(MockResponse response) {
    return response.newBuilder().throttleBody(1, 200, TimeUnit.MILLISECONDS).build();
  }

  private <T> T dripClientCall(Function<RegistryClient, T> call) {
    long start = System.nanoTime();
    try (RegistryClient client = RegistryClient.builder().plainHttp(registry)
        .smallBodyTimeout(Duration.ofSeconds(1)).build()) {
      return call.apply(client);
    } finally {
      // the deadline plus at most one dripped byte, with room for a loaded machine
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
