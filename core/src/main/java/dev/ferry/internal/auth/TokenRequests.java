package dev.ferry.internal.auth;

import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.RequestBody;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The two ways to ask a token server for a token (distribution's {@code token.md}
 * and {@code oauth.md}): a GET with {@code service}, one {@code scope} parameter
 * per scope and {@code account}; or an OAuth2 form POST with the scopes joined by
 * spaces in one {@code scope} field. Builds requests only; sends nothing.
 *
 * <p>Thread-safety: stateless.
 */
final class TokenRequests {
  private TokenRequests() {}

  /**
   * {@code GET realm?service=..&scope=..&scope=..&account=..}, with Basic auth when given.
   *
   * @param basicHeader the Authorization value, or null for an anonymous request
   */
  static Request get(URI realm, @Nullable String service, List<String> scopes, @Nullable String account,
      @Nullable String basicHeader) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    if (service != null && !service.isEmpty()) {
      params.add(Map.entry("service", service));
    }
    for (String scope : scopes) {
      params.add(Map.entry("scope", scope));
    }
    if (account != null && !account.isEmpty()) {
      params.add(Map.entry("account", account));
    }
    Request request = Request.of("GET", withQuery(realm, encode(params))).header("Accept", "application/json");
    return basicHeader == null ? request : request.header("Authorization", basicHeader);
  }

  /** {@code POST realm} with {@code grant_type=refresh_token}. */
  static Request refreshTokenGrant(URI realm, @Nullable String service, List<String> scopes, String clientId,
      String refreshToken) {
    List<Map.Entry<String, String>> form = common("refresh_token", service, scopes, clientId);
    form.add(Map.entry("refresh_token", refreshToken));
    return post(realm, form);
  }

  /** {@code POST realm} with {@code grant_type=password}. */
  static Request passwordGrant(URI realm, @Nullable String service, List<String> scopes, String clientId,
      String username, String password) {
    List<Map.Entry<String, String>> form = common("password", service, scopes, clientId);
    form.add(Map.entry("username", username));
    form.add(Map.entry("password", password));
    return post(realm, form);
  }

  private static List<Map.Entry<String, String>> common(String grantType, @Nullable String service,
      List<String> scopes, String clientId) {
    List<Map.Entry<String, String>> form = new ArrayList<>();
    form.add(Map.entry("grant_type", grantType));
    if (service != null && !service.isEmpty()) {
      form.add(Map.entry("service", service));
    }
    form.add(Map.entry("client_id", clientId));
    if (!scopes.isEmpty()) {
      form.add(Map.entry("scope", String.join(" ", scopes)));
    }
    return form;
  }

  private static Request post(URI realm, List<Map.Entry<String, String>> form) {
    byte[] body = encode(form).getBytes(StandardCharsets.UTF_8);
    return new Request("POST", realm, List.of(), RequestBody.credentials(body, "application/x-www-form-urlencoded"))
        .header("Accept", "application/json");
  }

  private static String encode(List<Map.Entry<String, String>> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> p : params) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** The realm with the parameters added to any query it already has; a fragment is dropped. */
  static URI withQuery(URI realm, String query) {
    String existing = realm.getRawQuery();
    String path = realm.getRawPath() == null ? "" : realm.getRawPath();
    String all = existing == null || existing.isEmpty() ? query
        : query.isEmpty() ? existing : existing + "&" + query;
    return URI.create(realm.getScheme() + "://" + realm.getRawAuthority() + path + (all.isEmpty() ? "" : "?" + all));
  }
}
