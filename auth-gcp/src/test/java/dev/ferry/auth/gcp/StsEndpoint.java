package dev.ferry.auth.gcp;

import dev.ferry.it.FormBody;
import dev.ferry.it.LoopbackTls;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Stands in for Google's Security Token Service ({@code token_url} of an {@code external_account}
 * configuration) over HTTPS on loopback: {@code POST /v1/token} with the RFC 8693 token-exchange
 * grant and a subject token it accepts is answered with a {@code ya29.sts-N} access token. The
 * library takes only HTTPS token URLs, hence the TLS. Every form is recorded.
 */
final class StsEndpoint implements AutoCloseable {
  static final String TOKEN_PATH = "/v1/token";
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

  private final MockWebServer server = new MockWebServer();
  private final String subjectToken;
  private final AtomicInteger issued = new AtomicInteger();
  private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();

  StsEndpoint(LoopbackTls tls, String subjectToken) throws IOException {
    this.subjectToken = subjectToken;
    tls.serveHttps(server, this::answer);
  }

  String tokenUrl() {
    return "https://" + LoopbackTls.HOST + ":" + server.getPort() + TOKEN_PATH;
  }

  List<Map<String, String>> forms() {
    return List.copyOf(forms);
  }

  List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  private MockResponse answer(RecordedRequest request) {
    Map<String, String> form = FormBody.of(request);
    forms.add(form);
    requestLines.add(request.getMethod() + " " + request.getUrl().encodedPath());
    if (!"POST".equals(request.getMethod()) || !TOKEN_PATH.equals(request.getUrl().encodedPath())) {
      return GoogleTokenEndpoint.json(404, "{\"error\":\"not_found\"}");
    }
    if (!TOKEN_EXCHANGE.equals(form.get("grant_type"))) {
      return GoogleTokenEndpoint.json(400, "{\"error\":\"unsupported_grant_type\"}");
    }
    if (!subjectToken.equals(form.get("subject_token"))) {
      return GoogleTokenEndpoint.json(400, "{\"error\":\"invalid_grant\",\"error_description\":"
          + "\"The token could not be validated.\"}");
    }
    return GoogleTokenEndpoint.json(200, "{\"access_token\":\"ya29.sts-" + issued.incrementAndGet() + "\","
        + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\","
        + "\"token_type\":\"Bearer\",\"expires_in\":3600}");
  }

  @Override
  public void close() {
    server.close();
  }
}
