package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryCall;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryEvent;
import dev.ferry.registry.RegistryEventListener;
import dev.ferry.registry.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RegistryEventListener}s against the in-process registry: each client call hears its own
 * requests and retries (faults staged with {@code failNext} and dropped downloads), calls running
 * at once keep theirs apart, and no event shows a query or a secret.
 */
class RegistryEventsTest {
  private static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(4)
      .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

  /** The events heard by the factory's listeners, by call (equal calls share a list), in order. */
  private final Map<RegistryCall, List<RegistryEvent>> byCall = new ConcurrentHashMap<>();
  private EmbeddedRegistry registry;
  private RegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedRegistry.start();
    client = registry.clientBuilder().retryPolicy(QUICK)
        .eventListenerFactory(call -> RegistryEventListener.of(byCall.computeIfAbsent(call,
            c -> new CopyOnWriteArrayList<>())::add))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  private List<RegistryEvent> eventsOf(String operation, String repository) {
    return byCall.entrySet().stream()
        .filter(e -> e.getKey().operation().equals(operation)
            && e.getKey().repository().equals(Optional.of(repository)))
        .flatMap(e -> e.getValue().stream()).toList();
  }

  private static List<String> describe(List<RegistryEvent> events) {
    return events.stream().map(RegistryEventsTest::describe).toList();
  }

  private static String describe(RegistryEvent e) {
    if (e instanceof RegistryEvent.RequestStarted s) {
      return "start " + s.method();
    }
    if (e instanceof RegistryEvent.RequestFinished f) {
      return "end " + f.status();
    }
    if (e instanceof RegistryEvent.RequestFailed f) {
      return "failed " + f.reason();
    }
    RegistryEvent.Retry r = (RegistryEvent.Retry) e;
    return "retry #" + r.attempt() + " " + r.reason();
  }

  @Test
  void aCallsListenerHearsEachAttemptAndEachRetryOfThatCall() {
    TestImage image = TestImages.image().push(registry, "events/app:1");
    registry.failNext(2, r -> r.method().equals("GET") && r.path().endsWith("/manifests/1"), 503);

    client.fetchManifest(image.reference());

    List<RegistryEvent> events = eventsOf("fetchManifest", "events/app");
    assertThat(describe(events)).containsExactly(
        "start GET", "end 503", "retry #1 503 Service Unavailable",
        "start GET", "end 503", "retry #2 503 Service Unavailable",
        "start GET", "end 200");
    String url = "http://" + registry.address() + "/v2/events/app/manifests/1";
    assertThat(events).allSatisfy(e -> assertThat(e.call())
        .isEqualTo(new RegistryCall("fetchManifest", registry.address(), Optional.of("events/app"))));
    assertThat(events).filteredOn(e -> e instanceof RegistryEvent.RequestStarted)
        .extracting(e -> ((RegistryEvent.RequestStarted) e).url()).containsOnly(url);
    assertThat(events).filteredOn(e -> e instanceof RegistryEvent.RequestFinished)
        .allSatisfy(e -> assertThat(((RegistryEvent.RequestFinished) e).duration()).isPositive());
  }

  @Test
  void aResumedDownloadIsPartOfTheCallThatOpenedTheBlob() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(300_000, 7);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    ImageReference repository = registry.reference("events/blob");
    client.pushBlob(repository, blob, BlobSource.of(content));
    registry.dropBlobConnectionAfter(100_000, 1);

    try (InputStream in = client.openBlob(repository, blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }

    List<String> events = describe(eventsOf("openBlob", "events/blob"));
    assertThat(events).hasSize(5);
    assertThat(events.subList(0, 2)).containsExactly("start GET", "end 200");
    assertThat(events.get(2)).startsWith("retry #1 ");
    assertThat(events.subList(3, 5)).containsExactly("start GET", "end 206");
  }

  @Test
  void callsRunningAtOnceOnOneClientKeepTheirEventsApart() throws Exception {
    TestImage first = TestImages.image().push(registry, "events/first:1");
    TestImage second = TestImages.image().push(registry, "events/second:1");
    registry.failNext(1, r -> r.path().endsWith("/events/first/manifests/1"), 503);
    registry.failNext(2, r -> r.path().endsWith("/events/second/manifests/1"), 502);
    // each call's first request waits until both calls have one in flight: they truly overlap
    CountDownLatch bothSending = new CountDownLatch(2);
    Map<String, List<String>> heard = new ConcurrentHashMap<>();
    RegistryClient overlapping = client.withEventListener(new RegistryEventListener() {
      @Override
      public void requestStarted(RegistryEvent.RequestStarted e) {
        heard.computeIfAbsent(e.call().repository().orElseThrow(), r -> new CopyOnWriteArrayList<>()).add(e.url());
        bothSending.countDown();
        await(bothSending);
      }

      @Override
      public void retry(RegistryEvent.Retry e) {
        heard.computeIfAbsent(e.call().repository().orElseThrow(), r -> new CopyOnWriteArrayList<>())
            .add("retry " + e.reason());
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> overlapping.fetchManifest(first.reference()));
      Future<?> b = pool.submit(() -> overlapping.fetchManifest(second.reference()));
      a.get(20, TimeUnit.SECONDS);
      b.get(20, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    String base = "http://" + registry.address() + "/v2/events/";
    assertThat(heard.get("events/first")).containsExactly(base + "first/manifests/1",
        "retry 503 Service Unavailable", base + "first/manifests/1");
    assertThat(heard.get("events/second")).containsExactly(base + "second/manifests/1",
        "retry 502 Bad Gateway", base + "second/manifests/1", "retry 502 Bad Gateway", base + "second/manifests/1");
    assertThat(describe(eventsOf("fetchManifest", "events/first"))).filteredOn(s -> s.startsWith("end"))
        .containsExactly("end 503", "end 200");
    assertThat(describe(eventsOf("fetchManifest", "events/second"))).filteredOn(s -> s.startsWith("end"))
        .containsExactly("end 502", "end 502", "end 200");
  }

  @Test
  void twoDownloadsReadInTurnOnOneThreadReportEachResumeToItsOwnCall() throws IOException {
    ImageReference repository = registry.reference("events/pair");
    byte[] one = EmbeddedRegistryClientTest.bytes(200_000, 1);
    byte[] two = EmbeddedRegistryClientTest.bytes(200_000, 2);
    Descriptor blobOne = Descriptor.of("application/octet-stream", Digest.sha256(one), one.length);
    Descriptor blobTwo = Descriptor.of("application/octet-stream", Digest.sha256(two), two.length);
    client.pushBlob(repository, blobOne, BlobSource.of(one));
    client.pushBlob(repository, blobTwo, BlobSource.of(two));
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    RegistryClient viewOne = client.withEventListener(RegistryEventListener.of(e -> first.add(tail(e))));
    RegistryClient viewTwo = client.withEventListener(RegistryEventListener.of(e -> second.add(tail(e))));
    registry.dropBlobConnectionAfter(50_000, 2);

    try (InputStream a = viewOne.openBlob(repository, blobOne); InputStream b = viewTwo.openBlob(repository, blobTwo)) {
      byte[] readA = new byte[one.length];
      byte[] readB = new byte[two.length];
      int offA = 0;
      int offB = 0;
      while (offA < one.length || offB < two.length) {
        offA += offA < one.length ? a.read(readA, offA, Math.min(8192, one.length - offA)) : 0;
        offB += offB < two.length ? b.read(readB, offB, Math.min(8192, two.length - offB)) : 0;
      }
      assertThat(readA).isEqualTo(one);
      assertThat(readB).isEqualTo(two);
    }

    assertThat(first).containsExactly("GET " + blobOne.digest(), "200", "retry", "GET " + blobOne.digest(), "206");
    assertThat(second).containsExactly("GET " + blobTwo.digest(), "200", "retry", "GET " + blobTwo.digest(), "206");
  }

  private static String tail(RegistryEvent e) {
    if (e instanceof RegistryEvent.RequestStarted s) {
      return s.method() + " " + s.url().substring(s.url().lastIndexOf('/') + 1);
    }
    if (e instanceof RegistryEvent.RequestFinished f) {
      return String.valueOf(f.status());
    }
    return e instanceof RegistryEvent.Retry ? "retry" : "failed";
  }

  @Test
  void aViewReportsOnlyItsOwnCallsAndClosingItLeavesTheClientOpen() {
    TestImage image = TestImages.image().push(registry, "events/view:1");
    List<RegistryEvent> viewed = new CopyOnWriteArrayList<>();
    RegistryClient view = client.withEventListener(RegistryEventListener.of(viewed::add));

    client.headManifest(image.reference());
    view.close();
    view.headManifest(image.reference());
    client.headManifest(image.reference());

    assertThat(viewed).extracting(e -> e.call().operation()).containsOnly("headManifest").hasSize(2);
    assertThat(eventsOf("headManifest", "events/view")).hasSize(6);
  }

  @Test
  void tokenRequestsAreReportedWithoutQueryAndNoEventShowsASecret() {
    try (EmbeddedRegistry secured = EmbeddedRegistry.builder().tokenAuth().user("alice", "s3cret-pw").start()) {
      List<RegistryEvent> events = new CopyOnWriteArrayList<>();
      try (RegistryClient alice = secured.clientBuilder()
          .credentials(CredentialProvider.of(secured.address(), Credential.basic("alice", "s3cret-pw")))
          .eventListener(RegistryEventListener.of(events::add)).build()) {
        TestImage image = TestImages.image().push(alice, secured.reference("team/app:1"));
        alice.fetchManifest(image.reference());
      }

      List<String> urls = events.stream().filter(e -> e instanceof RegistryEvent.RequestStarted)
          .map(e -> ((RegistryEvent.RequestStarted) e).url()).toList();
      assertThat(urls).anyMatch(u -> u.endsWith("/token")).noneMatch(u -> u.contains("?") || u.contains("@"));
      assertThat(events).map(Object::toString).noneMatch(s -> s.contains("s3cret-pw") || s.contains("alice:"));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).as("both calls in flight").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
