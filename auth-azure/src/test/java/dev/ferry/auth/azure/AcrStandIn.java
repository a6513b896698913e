package dev.ferry.auth.azure;

import dev.ferry.it.FormBody;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Stands in for an ACR login server's {@code POST /oauth2/exchange}: takes
 * {@code grant_type=access_token} with an Entra token it accepts and answers
 * {@code {"refresh_token": JWT}} whose {@code exp} is the set lifetime from "now" of the
 * given clock. Records each form; refuses, redirects or answers garbage on demand.
 */
final class AcrStandIn implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Supplier<Instant> now;
  private final AtomicInteger minted = new AtomicInteger();
  private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
  private volatile Predicate<String> acceptsEntraToken = token -> false;
  private volatile Duration lifetime = Duration.ofHours(3);
  private volatile MockResponse override;
  private volatile Consumer<String> onMint = token -> { };

  AcrStandIn(Supplier<Instant> now) throws IOException {
    this.now = now;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** For the provider's {@code exchangeEndpoint}: every login server is this stand-in. */
  URI exchangeUri() {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/oauth2/exchange");
  }

  AcrStandIn accept(String entraToken) {
    return acceptIf(entraToken::equals);
  }

  /** Accepts the Entra tokens that pass the check, e.g. those a stand-in Entra ID issued. */
  AcrStandIn acceptIf(Predicate<String> entraTokens) {
    acceptsEntraToken = entraTokens;
    return this;
  }

  AcrStandIn lifetime(Duration tokenLifetime) {
    lifetime = tokenLifetime;
    return this;
  }

  AcrStandIn answerWith(MockResponse response) {
    override = response;
    return this;
  }

  AcrStandIn onMint(Consumer<String> listener) {
    onMint = listener;
    return this;
  }

  List<Map<String, String>> forms() {
    return List.copyOf(forms);
  }

  /** A JWT-shaped token (the signature is not checked by anyone here) with these claims. */
  static String jwt(String claimsJson) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
  }

  private MockResponse answer(RecordedRequest request) {
    Map<String, String> form = FormBody.of(request);
    forms.add(form);
    if (override != null) {
      return override;
    }
    if (!"POST".equals(request.getMethod()) || !"/oauth2/exchange".equals(request.getUrl().encodedPath())) {
      return json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
    }
    if (!"access_token".equals(form.get("grant_type")) || form.get("service") == null) {
      return json(400, "{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"grant_type and service are required\"}]}");
    }
    String access = form.get("access_token");
    if (access == null || !acceptsEntraToken.test(access)) {
      return json(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}]}");
    }
    String token = jwt("{\"jti\":\"rt-" + minted.incrementAndGet() + "\",\"sub\":\"ferry\",\"aud\":\""
        + form.get("service") + "\",\"exp\":" + now.get().plus(lifetime).getEpochSecond() + "}");
    onMint.accept(token);
    return json(200, "{\"refresh_token\":\"" + token + "\"}");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
