package dev.ferry.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared set-up for transport tests: settings that never really sleep, URLs of a MockWebServer. */
final class TransportTests {
  static final CallContext CONTEXT = new CallContext("registry.test", "org/app");

  private TransportTests() {}

  /** Short timeouts, a recording sleeper and jitter fixed at the middle of its range. */
  static TransportSettings.Builder settings(RecordingSleeper sleeper) {
    return TransportSettings.builder()
        .sleeper(sleeper)
        .random(() -> 0.5)
        .connectTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(20));
  }

  static URI http(MockWebServer server, String path) {
    return URI.create("http://localhost:" + server.getPort() + path);
  }

  static URI https(MockWebServer server, String path) {
    return URI.create("https://localhost:" + server.getPort() + path);
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  static String text(Response response) throws IOException {
    try (response; InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
