package dev.ferry.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The registry's own token server, as Docker's token specification describes it:
 * {@code GET /token?service=..&scope=..&scope=..} with Basic credentials (or none, for
 * what anonymous callers may pull), and the OAuth2 form {@code POST /token} with
 * {@code grant_type=password} or {@code grant_type=refresh_token}. It grants of each
 * scope only the actions the policy allows the caller, possibly none, and answers a
 * token bound to exactly those. Thread-safe.
 */
final class TokenEndpoint {
  private static final int MAX_FORM_BYTES = 64 * 1024;

  private final Gate gate;

  TokenEndpoint(Gate gate) {
    this.gate = gate;
  }

  void handle(Call call) throws IOException {
    switch (call.method()) {
      case "GET" -> get(call);
      case "POST" -> post(call);
      default -> throw ApiError.unsupported(call.method() + " on the token endpoint");
    }
  }

  private void get(Call call) throws IOException {
    checkService(call.query("service").orElse(null), false);
    String user = null;
    Optional<String> authorization = call.header("Authorization");
    if (authorization.isPresent()) {
      String[] credentials = Gate.basicCredentials(authorization.get())
          .orElseThrow(() -> new ApiError(401, "UNAUTHORIZED", "the token endpoint takes Basic credentials",
              null, Gate.basicChallenge()));
      user = gate.policy().authenticate(credentials[0], credentials[1])
          .orElseThrow(() -> new ApiError(401, "UNAUTHORIZED", "wrong user name or password", null,
              Gate.basicChallenge()));
    }
    List<Access> granted = grant(user, call.queryAll("scope"));
    boolean offline = user != null && call.query("offline_token").filter("true"::equalsIgnoreCase).isPresent();
    answer(call, user, granted, offline, true);
  }

  private void post(Call call) throws IOException {
    Map<String, String> form = form(call.body());
    checkService(form.get("service"), true);
    if (form.get("client_id") == null || form.get("client_id").isEmpty()) {
      throw oauth(400, "invalid_request", "client_id is required");
    }
    String grantType = form.getOrDefault("grant_type", "");
    String user = switch (grantType) {
      case "password" -> gate.policy().authenticate(form.getOrDefault("username", ""),
          form.getOrDefault("password", "")).orElseThrow(() -> oauth(400, "invalid_grant",
              "wrong user name or password"));
      case "refresh_token" -> gate.tokens().userOfRefreshToken(form.getOrDefault("refresh_token", ""))
          .orElseThrow(() -> oauth(400, "invalid_grant", "the refresh token is not valid"));
      default -> throw oauth(400, "unsupported_grant_type", "grant_type must be password or refresh_token");
    };
    String scopes = form.getOrDefault("scope", "");
    List<Access> granted = grant(user, scopes.isBlank() ? List.of() : List.of(scopes.trim().split(" +")));
    answer(call, user, granted, "offline".equals(form.get("access_type")), false);
  }

  private void checkService(@Nullable String service, boolean oauth) {
    if (service != null && !service.isEmpty() && !service.equals(gate.service())) {
      String message = "this token endpoint serves " + gate.service() + ", not " + service;
      throw oauth ? oauth(400, "invalid_request", message) : new ApiError(400, "DENIED", message);
    }
  }

  private List<Access> grant(@Nullable String user, List<String> scopes) {
    List<Access> granted = new ArrayList<>();
    for (String scope : scopes) {
      for (String one : scope.trim().split(" +")) {
        Access.parse(one).ifPresent(wanted -> {
          Set<String> allowed = gate.policy().allowed(user, wanted);
          if (!allowed.isEmpty()) {
            granted.add(new Access(wanted.type(), wanted.name(), allowed));
          }
        });
      }
    }
    return granted;
  }

  private void answer(Call call, @Nullable String user, List<Access> granted, boolean refresh, boolean getFlow)
      throws IOException {
    String token = gate.tokens().issue(user, granted);
    Duration lifetime = gate.tokens().lifetime();
    Instant issued = gate.tokens().now().truncatedTo(ChronoUnit.SECONDS);
    StringBuilder json = new StringBuilder("{");
    if (getFlow) {
      json.append("\"token\":").append(Json.string(token)).append(',');
    }
    json.append("\"access_token\":").append(Json.string(token))
        .append(",\"token_type\":\"Bearer\"")
        .append(",\"expires_in\":").append(Math.max(1, (lifetime.toMillis() + 999) / 1000))
        .append(",\"issued_at\":").append(Json.string(issued.toString()))
        .append(",\"scope\":").append(Json.string(String.join(" ", granted.stream().map(Access::scope).toList())));
    if (refresh && user != null) {
      json.append(",\"refresh_token\":").append(Json.string(gate.tokens().refreshTokenFor(user)));
    }
    call.set("Cache-Control", "no-store");
    call.json(200, json.append('}').toString());
  }

  private static ApiError oauth(int status, String error, String description) {
    return new ApiError(status, error, description, null, null, true);
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
    if (bytes.length > MAX_FORM_BYTES) {
      throw oauth(400, "invalid_request", "the form is larger than " + MAX_FORM_BYTES + " bytes");
    }
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
