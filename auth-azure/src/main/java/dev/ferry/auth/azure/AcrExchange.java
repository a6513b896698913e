package dev.ferry.auth.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.auth.CredentialException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * ACR's token exchange: an Entra ID access token for the registry's audience, posted
 * to {@code https://LOGIN_SERVER/oauth2/exchange} as {@code grant_type=access_token},
 * {@code service}, {@code tenant} (when known) and {@code access_token}, answered with
 * {@code {"refresh_token": "..."}}. The tenant is the one configured, else the Entra
 * token's own {@code tid} claim.
 *
 * <p>Thread-safety: immutable; thread-safe.
 */
final class AcrExchange {
  // the answer is one small JSON object; a bigger one is refused rather than read
  static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private final TokenCredential credential;
  private final String audience;
  private final @Nullable String tenantId;
  private final Function<String, URI> endpoint;
  private final HttpClient http;
  private final Duration timeout;

  AcrExchange(TokenCredential credential, String audience, @Nullable String tenantId, Function<String, URI> endpoint,
      HttpClient http, Duration timeout) {
    this.credential = credential;
    this.audience = audience;
    this.tenantId = tenantId;
    this.endpoint = endpoint;
    this.http = http;
    this.timeout = timeout;
  }

  static URI defaultEndpoint(String loginServer) {
    return URI.create("https://" + loginServer + "/oauth2/exchange");
  }

  /** The Entra ID access token for the audience; failures propagate as the credential threw them. */
  AccessToken entraToken() {
    TokenRequestContext request = new TokenRequestContext().addScopes(audience);
    if (tenantId != null) {
      request.setTenantId(tenantId);
    }
    AccessToken token = credential.getTokenSync(request);
    if (token == null || token.getToken() == null || token.getToken().isEmpty()) {
      throw new IllegalStateException("the credential returned no token");
    }
    return token;
  }

  /** Exchanges an Entra token for the login server's refresh token. */
  String refreshToken(String loginServer, String entraToken) {
    URI uri = endpoint.apply(loginServer);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "access_token");
    form.put("service", loginServer);
    String tenant = tenantId != null ? tenantId : tenantOf(entraToken);
    if (tenant != null) {
      form.put("tenant", tenant);
    }
    form.put("access_token", entraToken);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
        .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new CredentialException("the ACR token exchange for " + loginServer + " at " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialException("the ACR token exchange for " + loginServer + " at " + uri + " was interrupted", e);
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_ANSWER_BYTES + 1);
    } catch (IOException e) {
      throw new CredentialException("reading the answer of the ACR token exchange for " + loginServer + " at " + uri + " failed: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new CredentialException("the ACR token exchange for " + loginServer + " at " + uri + " refused the Entra ID token for "
          + audience + " with HTTP " + response.statusCode() + errorDetail(body, entraToken));
    }
    if (body.length > MAX_ANSWER_BYTES) {
      throw new CredentialException("the answer of the ACR token exchange for " + loginServer + " at " + uri + " is larger than "
          + MAX_ANSWER_BYTES + " bytes");
    }
    String refreshToken = refreshTokenField(body);
    if (refreshToken == null || refreshToken.isEmpty()) {
      throw new CredentialException("the answer of the ACR token exchange for " + loginServer + " at " + uri + " has no refresh_token");
    }
    return refreshToken;
  }

  private static @Nullable String tenantOf(String entraToken) {
    try {
      return JwtClaims.of(entraToken).tid();
    } catch (IllegalArgumentException notAJwt) {
      // a credential may hand out opaque tokens; then the registry decides the tenant itself
      return null;
    }
  }

  private static @Nullable String refreshTokenField(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("refresh_token".equals(name) && value == JsonToken.VALUE_STRING) {
          return parser.getText();
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** ACR's own error text, bounded, with the token scrubbed should a server ever echo it. */
  private static String errorDetail(byte[] body, String entraToken) {
    String text = new String(body, StandardCharsets.UTF_8)
        .replace(entraToken, "<redacted>").replace('\n', ' ').replace('\r', ' ').trim();
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...";
    }
    return text.isEmpty() ? "" : ": " + text;
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
