package dev.ferry.auth.azure;

import dev.ferry.it.FormBody;
import dev.ferry.it.LoopbackTls;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Stands in for Entra ID's v2.0 endpoints of one tenant over HTTPS on loopback, for a real
 * azure-identity credential built with {@code authorityHost(endpoint.authorityHost())}: the
 * tenant's OpenID configuration and {@code POST /TENANT/oauth2/v2.0/token} with the
 * {@code client_credentials} grant for one application and secret. Access tokens are
 * JWT-shaped with {@code aud}, {@code tid}, {@code appid} and {@code exp} claims. Every request
 * is recorded with its form, the {@code client_secret} replaced by whether it matched, so
 * neither the records nor an assertion message ever holds the secret.
 */
final class EntraIdEndpoint implements AutoCloseable {
  static final String TENANT = "0f0e0d0c-0000-4000-8000-00000000e17a";
  static final String CLIENT_ID = "5a1d6c0e-3f2b-4c7d-9e8f-000000c11e47";
  static final String SECRET_MATCHED = "<the secret>";
  static final String SECRET_WRONG = "<a wrong secret>";
  static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

  /** One request as Entra saw it; {@code form} never holds the secret itself. */
  record Seen(String method, String path, Map<String, String> form) {
    @Override
    public String toString() {
      return method + " " + path + (form.isEmpty() ? "" : " " + form);
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final String secret;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger minted = new AtomicInteger();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final Duration lifetime = Duration.ofHours(1);

  EntraIdEndpoint(LoopbackTls tls, String secret) throws IOException {
    this.secret = secret;
    tls.serveHttps(server, this::answer);
  }

  /** For {@code authorityHost(...)}: {@code https://localhost:PORT/}. */
  String authorityHost() {
    return "https://" + LoopbackTls.HOST + ":" + server.getPort() + "/";
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  /** Whether this endpoint issued the access token: what the ACR stand-in accepts. */
  boolean issued(String accessToken) {
    return issued.contains(accessToken);
  }

  /** The forms posted to the token endpoint, in order. */
  List<Map<String, String>> tokenForms() {
    return seen.stream().filter(s -> s.path().equals("/" + TENANT + "/oauth2/v2.0/token")).map(Seen::form).toList();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    Map<String, String> form = FormBody.of(request);
    boolean secretMatches = secret.equals(form.get("client_secret"));
    if (form.containsKey("client_secret")) {
      form.put("client_secret", secretMatches ? SECRET_MATCHED : SECRET_WRONG);
    }
    seen.add(new Seen(request.getMethod(), path, Collections.unmodifiableMap(new LinkedHashMap<>(form))));
    String base = authorityHost() + TENANT;
    if ("GET".equals(request.getMethod()) && path.equals("/" + TENANT + "/v2.0/.well-known/openid-configuration")) {
      return json(200, "{\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\","
          + "\"authorization_endpoint\":\"" + base + "/oauth2/v2.0/authorize\","
          + "\"device_authorization_endpoint\":\"" + base + "/oauth2/v2.0/devicecode\","
          + "\"issuer\":\"" + authorityHost() + TENANT + "/v2.0\","
          + "\"jwks_uri\":\"" + base + "/discovery/v2.0/keys\","
          + "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\",\"private_key_jwt\",\"client_secret_basic\"],"
          + "\"response_types_supported\":[\"code\",\"id_token\",\"code id_token\",\"id_token token\"],"
          + "\"scopes_supported\":[\"openid\",\"profile\",\"email\",\"offline_access\"],"
          + "\"tenant_region_scope\":\"EU\",\"cloud_instance_name\":\"" + LoopbackTls.HOST + "\"}");
    }
    if (!"POST".equals(request.getMethod()) || !path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
      return error(404, "invalid_request", 900023, "Specified tenant identifier or path is not known.");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      return error(400, "unauthorized_client", 700016, "Application with identifier '" + form.get("client_id")
          + "' was not found in the directory.");
    }
    if (!secretMatches) {
      return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in"
          + " the request is the client secret value, not the client secret ID.");
    }
    // MSAL adds the OpenID Connect scopes to every request; Entra ID lets them pass with client_credentials
    List<String> resources = Arrays.stream(form.getOrDefault("scope", "").split(" "))
        .filter(s -> !s.isEmpty() && !OIDC_SCOPES.contains(s)).toList();
    if (resources.size() != 1 || !resources.get(0).endsWith("/.default")) {
      return error(400, "invalid_scope", 1002012, "The provided value for scope " + form.get("scope") + " is not valid.");
    }
    String audience = resources.get(0).substring(0, resources.get(0).length() - "/.default".length());
    long exp = Instant.now().plus(lifetime).getEpochSecond();
    String token = AcrStandIn.jwt("{\"aud\":\"" + audience + "\",\"iss\":\"" + authorityHost() + TENANT + "/v2.0\","
        + "\"tid\":\"" + TENANT + "\",\"appid\":\"" + CLIENT_ID + "\",\"jti\":\"entra-" + minted.incrementAndGet()
        + "\",\"exp\":" + exp + "}");
    issued.add(token);
    return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + lifetime.toSeconds() + ",\"ext_expires_in\":"
        + lifetime.toSeconds() + ",\"access_token\":\"" + token + "\"}");
  }

  /** An error as Entra ID words it: OAuth2 {@code error} plus an {@code AADSTS} description. */
  private MockResponse error(int status, String error, int code, String description) {
    return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code + ": " + description
        + " Trace ID: 00000000-0000-0000-0000-000000000001 Correlation ID: 00000000-0000-0000-0000-000000000002"
        + " Timestamp: 2030-01-01 00:00:00Z\",\"error_codes\":[" + code + "],\"timestamp\":\"2030-01-01 00:00:00Z\","
        + "\"trace_id\":\"00000000-0000-0000-0000-000000000001\","
        + "\"correlation_id\":\"00000000-0000-0000-0000-000000000002\"}");
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("Cache-Control", "no-store, no-cache").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
