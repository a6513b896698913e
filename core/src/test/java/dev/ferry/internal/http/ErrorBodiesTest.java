package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryError;
import dev.ferry.registry.RegistryResponseException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {
  private static final CallContext DOCKER_HUB = new CallContext("docker.io", "org/app");
  private static final Request GET_MANIFEST =
      Request.of("GET", URI.create("https://registry-1.docker.io/v2/org/app/manifests/1.0?ns=docker.io"));

  private static RegistryResponseException map(FakeResponse response) {
    return ErrorBodies.toException(GET_MANIFEST, response, DOCKER_HUB);
  }

  @Test
  void namesRequestStatusCodeMessageAndWhere() {
    RegistryResponseException e = map(new FakeResponse(404,
        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"1.0\"}}]}")
        .header("Content-Type", "application/json"));

    assertThat(e).hasMessage("GET https://registry-1.docker.io/v2/org/app/manifests/1.0 -> 404 Not Found: "
        + "MANIFEST_UNKNOWN: manifest unknown (registry docker.io, repository org/app)");
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.errors()).containsExactly(new RegistryError("MANIFEST_UNKNOWN", "manifest unknown", "{\"Tag\":\"1.0\"}"));
    assertThat(e.hasCode("MANIFEST_UNKNOWN")).isTrue();
    assertThat(e.registry()).isEqualTo("docker.io");
    assertThat(e.repository()).contains("org/app");
    assertThat(e.method()).contains("GET");
    assertThat(e.url()).contains("https://registry-1.docker.io/v2/org/app/manifests/1.0");
  }

  @Test
  void keepsEveryErrorAndShowsAFew() {
    StringBuilder body = new StringBuilder("{\"errors\":[");
    for (int i = 0; i < 7; i++) {
      body.append(i == 0 ? "" : ",").append("{\"code\":\"E").append(i).append("\",\"message\":\"m").append(i)
          .append("\"}");
    }
    RegistryResponseException e = map(new FakeResponse(400, body.append("]}").toString()));

    assertThat(e.errors()).hasSize(7);
    assertThat(e.getMessage()).contains(": E0: m0; E1: m1; E2: m2; E3: m3; E4: m4; and 2 more (registry");
  }

  @Test
  void keepsDetailOfAnyShapeAsCompactJson() {
    RegistryResponseException e = map(new FakeResponse(400, """
        {"errors": [
          {"code": "A", "message": "object", "detail": { "a" : [1, 2.5, true, null] }},
          {"code": "B", "message": "array", "detail": [ "x", {"y": "z"} ]},
          {"code": "C", "message": "string", "detail": "just text"},
          {"code": "D", "message": "number", "detail": 42},
          {"code": "E", "message": "null", "detail": null},
          {"code": "F", "message": "none"}
        ]}"""));

    assertThat(e.errors()).extracting(RegistryError::detail)
        .containsExactly("{\"a\":[1,2.5,true,null]}", "[\"x\",{\"y\":\"z\"}]", "\"just text\"", "42", "", "");
  }

  @Test
  void toleratesOddEntries() {
    RegistryResponseException e = map(new FakeResponse(403, """
        {"errors": ["not an object", {"code": 7, "message": {"nested": true}}, {"message": "no code"}],
         "other": {"ignored": [1, 2]}}"""));

    assertThat(e.errors()).containsExactly(new RegistryError("7", "", ""), new RegistryError("", "no code", ""));
    assertThat(e.getMessage()).contains("-> 403 Forbidden: 7; no code (registry");
  }

  @Test
  void fallsBackToTheStatusForMalformedJson() {
    RegistryResponseException e = map(new FakeResponse(500, "{\"errors\":[{\"code\":"));

    assertThat(e.errors()).isEmpty();
    assertThat(e).hasMessage("GET https://registry-1.docker.io/v2/org/app/manifests/1.0 -> 500 Internal Server Error "
        + "(registry docker.io, repository org/app)");
  }

  @Test
  void keepsEntriesReadBeforeTheBodyBreaksOff() {
    RegistryResponseException e = map(new FakeResponse(400,
        "{\"errors\":[{\"code\":\"A\",\"message\":\"first\"},{\"code\":\"B\",\"mess"));

    assertThat(e.errors()).containsExactly(new RegistryError("A", "first", ""));
  }

  @Test
  void ignoresHtmlBodies() {
    RegistryResponseException e = map(new FakeResponse(502, "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>")
        .header("Content-Type", "text/html"));

    assertThat(e.errors()).isEmpty();
    assertThat(e.getMessage()).contains("-> 502 Bad Gateway (registry docker.io").doesNotContain("nginx");
  }

  @Test
  void showsTheFirstLineOfAPlainTextBody() {
    RegistryResponseException e = map(new FakeResponse(401, "unauthorized: authentication required\nmore")
        .header("Content-Type", "text/plain; charset=utf-8"));

    assertThat(e.getMessage()).contains("-> 401 Unauthorized: unauthorized: authentication required (registry");
  }

  @Test
  void keepsTheBareAnswerOfAnHttpsServerToPlainHttpAndSaysWhatToDo() {
    // Go's TLS server answers a plain-HTTP request with this exact body and no Content-Type
    Request plain = Request.of("GET", URI.create("http://registry.example:5000/v2/"));
    RegistryResponseException e = ErrorBodies.toException(plain,
        new FakeResponse(400, "Client sent an HTTP request to an HTTPS server.\n"), DOCKER_HUB);

    assertThat(e.getMessage()).contains("-> 400 Bad Request: Client sent an HTTP request to an HTTPS server."
        + " (the registry speaks HTTPS: do not name it plainHttp();");
  }

  @Test
  void showsNoUntypedBodyThatLooksLikeMarkup() {
    RegistryResponseException e = map(new FakeResponse(502, "<html><body>secret page</body></html>"));

    assertThat(e.getMessage()).contains("-> 502 Bad Gateway (registry").doesNotContain("secret page");
  }

  @Test
  void handlesEmptyBodies() {
    RegistryResponseException e = map(new FakeResponse(429));

    assertThat(e).hasMessageContaining("-> 429 Too Many Requests (registry docker.io, repository org/app)");
    assertThat(e.errors()).isEmpty();
  }

  @Test
  void readsAtMost64KiBOfAHugeBodyAndClosesTheResponse() {
    String entry = "{\"code\":\"BLOB_UNKNOWN\",\"message\":\"" + "x".repeat(1000) + "\"},";
    StringBuilder body = new StringBuilder("{\"errors\":[");
    while (body.length() < 1024 * 1024) {
      body.append(entry);
    }
    FakeResponse response = new FakeResponse(404, body.toString());

    RegistryResponseException e = map(response);

    assertThat(response.bytesRead()).isEqualTo(ErrorBodies.MAX_ERROR_BODY_BYTES);
    assertThat(response.closed).isTrue();
    assertThat(e.errors()).hasSizeBetween(60, 64).allMatch(err -> err.code().equals("BLOB_UNKNOWN"));
    // each message is cut for display
    assertThat(e.getMessage()).hasSizeLessThan(2000).contains("...(1000 characters)");
  }

  @Test
  void keepsAtMostAHundredEntries() {
    StringBuilder body = new StringBuilder("{\"errors\":[");
    for (int i = 0; i < 500; i++) {
      body.append(i == 0 ? "" : ",").append("{\"code\":\"C\"}");
    }
    assertThat(map(new FakeResponse(400, body.append("]}").toString())).errors()).hasSize(100);
  }

  @Test
  void escapesControlCharactersAndQuotesFromTheRegistry() {
    RegistryResponseException e = map(new FakeResponse(400,
        "{\"errors\":[{\"code\":\"BAD\\u001b[31m\",\"message\":\"line\\nFAKE LOG LINE \\\"quoted\\\"\"}]}"));

    assertThat(e.getMessage()).contains("BAD\\u001b[31m: line\\u000aFAKE LOG LINE \\\"quoted\\\"")
        .doesNotContain("\n").doesNotContain("\u001b");
    // the structured fields keep what the registry sent
    assertThat(e.errors().get(0).message()).isEqualTo("line\nFAKE LOG LINE \"quoted\"");
  }

  @Test
  void readsTheOtherShapesTokenServersSend() {
    assertThat(map(new FakeResponse(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad token\"}"))
        .errors()).containsExactly(new RegistryError("invalid_grant", "bad token", ""));
    assertThat(map(new FakeResponse(404, "{\"message\":\"repository not found\"}")).errors())
        .containsExactly(new RegistryError("", "repository not found", ""));
    assertThat(map(new FakeResponse(404, "[1,2]")).errors()).isEmpty();
    assertThat(map(new FakeResponse(404, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0})).errors()).isEmpty();
  }

  @Test
  void errorsReadsTheEntriesForTheAuthLayer() {
    FakeResponse response = new FakeResponse(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\","
        + "\"message\":\"authentication required\",\"detail\":[{\"Type\":\"repository\",\"Name\":\"org/app\","
        + "\"Action\":\"pull\"}]},{\"code\":\"DENIED\"}]}");

    assertThat(ErrorBodies.errors(response)).containsExactly(
        new RegistryError("UNAUTHORIZED", "authentication required",
            "[{\"Type\":\"repository\",\"Name\":\"org/app\",\"Action\":\"pull\"}]"),
        new RegistryError("DENIED", "", ""));
  }

  @Test
  void errorsToleratesAnyOtherBodyAndReadsAtMost64KiB() {
    for (String body : new String[] {"", "<html>401</html>", "{}", "{\"errors\":{}}", "{\"errors\":\"x\"}", "[1]",
        "{\"details\":\"incorrect username or password\"}", "{\"errors\":[", "\u0000"}) {
      assertThat(ErrorBodies.errors(new FakeResponse(401, body))).as(body).isEmpty();
    }
    FakeResponse huge = new FakeResponse(401, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\""
        + "x".repeat(200_000) + "\"}]}");
    assertThat(ErrorBodies.errors(huge)).isEmpty();
    assertThat(huge.bytesRead()).isEqualTo(ErrorBodies.MAX_ERROR_BODY_BYTES);
  }

  @Test
  void authenticationErrorsSayWhetherCredentialsWereFound() {
    AuthenticationException anonymous = ErrorBodies.toAuthenticationException(GET_MANIFEST,
        new FakeResponse(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"),
        DOCKER_HUB, "repository:org/app:pull", false);
    AuthenticationException refused = ErrorBodies.toAuthenticationException(GET_MANIFEST,
        new FakeResponse(403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"),
        DOCKER_HUB, "repository:org/app:pull,push", true);

    assertThat(anonymous).hasMessage("GET https://registry-1.docker.io/v2/org/app/manifests/1.0 -> 401 Unauthorized: "
        + "UNAUTHORIZED: authentication required (scope repository:org/app:pull); no credentials found for docker.io "
        + "(registry docker.io, repository org/app)");
    assertThat(anonymous.credentialsFound()).isFalse();
    assertThat(anonymous.scope()).isEqualTo("repository:org/app:pull");
    assertThat(refused.getMessage()).contains("-> 403 Forbidden: DENIED: requested access to the resource is denied "
        + "(scope repository:org/app:pull,push); the credentials found for docker.io were refused or lack permission");
    assertThat(refused.hasCode("DENIED")).isTrue();
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void neverShowsTheQueryString() {
    assertThat(map(new FakeResponse(404)).getMessage()).doesNotContain("ns=docker.io");
  }
}
