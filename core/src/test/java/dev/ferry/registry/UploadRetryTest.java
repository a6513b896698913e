package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads whose one-shot body fails on the way are resumed or restarted by the one retry
 * strategy, and every abandoned session is cancelled; waits go to a recording sleeper.
 */
class UploadRetryTest {
  private static final int SIZE = 30_000;
  private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(3)
      .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).build();

  private final MockWebServer server = new MockWebServer();
  private final UploadRegistryFake registry = new UploadRegistryFake();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<Long> opened = new CopyOnWriteArrayList<>();
  private final byte[] content = new byte[SIZE];
  private final Descriptor blob;
  private RegistryClient client;
  private ImageReference repository;

  UploadRetryTest() {
    new Random(7).nextBytes(content);
    blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
  }

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(registry);
    server.start(InetAddress.getLoopbackAddress(), 0);
    String host = "127.0.0.1:" + server.getPort();
    client = RegistryClient.builder().plainHttp(host).retryPolicy(POLICY).sleeper(waits::add).build();
    repository = ImageReference.parse(host + "/fault/app");
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private BlobSource source() {
    return offset -> {
      opened.add(offset);
      return BlobSource.of(content).open(offset);
    };
  }

  private BlobPushResult push(UploadMode mode) {
    return client.pushBlob(repository, blob, source(), BlobPushOptions.defaults().mode(mode).chunkSize(10_000));
  }

  @Test
  void aMonolithicPutAnswered503RestartsInANewSessionFromTheStartOfTheSource() {
    registry.fail(2, 503);

    push(UploadMode.MONOLITHIC);

    assertThat(registry.log).containsExactly("POST", "PUT s1", "DELETE s1", "POST", "PUT s2");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
    assertThat(opened).containsExactly(0L, 0L);
    assertThat(waits).hasSize(1);
    assertThat(registry.openSessions()).isZero();
  }

  @Test
  void aMonolithicPutCutMidBodyRestartsInANewSession() {
    registry.reset(2);

    push(UploadMode.MONOLITHIC);

    assertThat(registry.log).containsExactly("POST", "RESET", "DELETE s1", "POST", "PUT s2");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
    assertThat(registry.openSessions()).isZero();
  }

  @Test
  void aRetryAfterOnAOneShotBodyIsTheWait() {
    registry.fail(2, 429, "7");

    push(UploadMode.MONOLITHIC);

    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @ParameterizedTest
  @EnumSource(UploadMode.class)
  void aFailedUploadStartIsSentAgain(UploadMode mode) {
    registry.fail(1, 503);

    push(mode);

    assertThat(registry.log).startsWith("POST", "POST");
    assertThat(registry.log).doesNotContain("DELETE s1");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @ParameterizedTest
  @EnumSource(value = UploadMode.class, names = {"STREAMED", "CHUNKED"})
  void aFinalPutAnswered503IsSentAgainWithoutResendingTheBytes(UploadMode mode) {
    int put = mode == UploadMode.STREAMED ? 3 : 5;
    registry.fail(put, 503);

    push(mode);

    assertThat(registry.log).endsWith("PUT s1", "PUT s1");
    assertThat(opened).containsExactly(0L);
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @Test
  void aFinalPutWhoseAnswerWasLostCountsAsDoneWhenTheBlobIsThere() {
    registry.loseAnswer(3);

    push(UploadMode.STREAMED);

    assertThat(registry.log).containsExactly("POST", "PATCH s1", "PUT s1", "PUT s1", "HEAD");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @Test
  void aChunkCutMidBodyResumesAtTheSessionsOffset() {
    registry.reset(3);

    push(UploadMode.CHUNKED);

    assertThat(registry.log).containsExactly("POST", "PATCH s1 0-9999", "RESET", "GET s1",
        "PATCH s1 10000-19999", "PATCH s1 20000-29999", "PUT s1");
    assertThat(opened).containsExactly(0L, 10_000L);
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @ParameterizedTest
  @EnumSource(value = UploadMode.class, names = {"STREAMED", "CHUNKED"})
  void aPatchAnswered503ResumesFromTheSessionsOffset(UploadMode mode) {
    registry.fail(2, 503);

    push(mode);

    assertThat(registry.log).startsWith("POST", mode == UploadMode.STREAMED ? "PATCH s1" : "PATCH s1 0-9999",
        "GET s1");
    assertThat(registry.log).doesNotContain("DELETE s1");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @Test
  void aSessionTheRegistryForgotIsRestartedInANewOne() {
    registry.failAndForget(2, 500);

    push(UploadMode.STREAMED);

    assertThat(registry.log).containsExactly("POST", "PATCH s1", "GET s1", "DELETE s1", "POST", "PATCH s2",
        "PUT s2");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @Test
  void aFaultThatPersistsEndsAfterThePolicysAttemptsAndCancelsTheLastSession() {
    registry.fail(2, 503).fail(5, 503).fail(8, 503);

    assertThatThrownBy(() -> push(UploadMode.MONOLITHIC))
        .isInstanceOfSatisfying(RegistryResponseException.class, e -> assertThat(e.status()).isEqualTo(503));

    assertThat(registry.log).containsExactly("POST", "PUT s1", "DELETE s1", "POST", "PUT s2", "DELETE s2", "POST",
        "PUT s3", "DELETE s3");
    assertThat(waits).hasSize(2);
    assertThat(registry.openSessions()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = UploadMode.class, names = {"STREAMED", "CHUNKED"})
  void aRefusalThatWillNotPassIsNotRetriedAndTheSessionIsCancelled(UploadMode mode) {
    registry.fail(2, 400);

    assertThatThrownBy(() -> push(mode)).isInstanceOf(RegistryResponseException.class);

    assertThat(registry.log).containsExactly("POST", mode == UploadMode.STREAMED ? "PATCH s1" : "PATCH s1 0-9999",
        "DELETE s1");
    assertThat(waits).isEmpty();
    assertThat(registry.openSessions()).isZero();
  }

  @ParameterizedTest
  @EnumSource(UploadMode.class)
  void anUploadWhoseSourceBreaksOffIsCancelledAtTheRegistry(UploadMode mode) {
    BlobSource breaking = offset -> new InputStream() {
      private final InputStream in = new ByteArrayInputStream(content, 0, 5_000);

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
          throw new IOException("stream closed");
        }
        return b;
      }
    };

    assertThatThrownBy(() -> client.pushBlob(repository, blob, breaking, BlobPushOptions.defaults().mode(mode)))
        .isInstanceOf(RegistryException.class);

    assertThat(registry.log).endsWith("DELETE s1");
    assertThat(registry.log).containsOnlyOnce("POST");
    assertThat(registry.openSessions()).isZero();
  }

  @Test
  void aOneShotBodyChallengedWith401IsRestartedOnceWithTheNewAuthorization() throws IOException {
    registry.challenge(2);
    String host = repository.registry();
    try (RegistryClient authorized = RegistryClient.builder().plainHttp(host).retryPolicy(POLICY)
        .sleeper(waits::add).credentials(CredentialProvider.of(host, Credential.basic("ferry", "s3cret")))
        .build()) {
      authorized.pushBlob(repository, blob, source(), BlobPushOptions.defaults().mode(UploadMode.MONOLITHIC));
    }

    assertThat(registry.log).containsExactly("POST", "PUT s1", "DELETE s1", "POST", "PUT s2");
    assertThat(registry.blobs.get(blob.digest().toString())).isEqualTo(content);
  }

  @Test
  void aSecond401OnTheBodyIsFinal() throws IOException {
    registry.challenge(2).challenge(5);
    String host = repository.registry();
    try (RegistryClient authorized = RegistryClient.builder().plainHttp(host).retryPolicy(POLICY)
        .sleeper(waits::add).credentials(CredentialProvider.of(host, Credential.basic("ferry", "s3cret")))
        .build()) {
      assertThatThrownBy(() -> authorized.pushBlob(repository, blob, source(),
          BlobPushOptions.defaults().mode(UploadMode.MONOLITHIC))).isInstanceOf(AuthenticationException.class);
    }

    assertThat(registry.log).containsExactly("POST", "PUT s1", "DELETE s1", "POST", "PUT s2", "DELETE s2");
  }

  @Test
  void aRestartIsReportedToTheRetryEventsOfTheCall() {
    registry.fail(2, 503);
    List<String> events = new CopyOnWriteArrayList<>();
    RegistryClient traced = client.withEventListener(new RegistryEventListener() {
      @Override
      public void retry(RegistryEvent.Retry e) {
        events.add(e.call().operation() + " " + e.method() + " " + e.attempt() + " " + e.reason());
      }
    });

    traced.pushBlob(repository, blob, source(), BlobPushOptions.defaults().mode(UploadMode.MONOLITHIC));

    assertThat(events).containsExactly("pushBlob PUT 1 503 Service Unavailable");
  }
}
