package dev.ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;

/**
 * A Docker token server for {@code docker-registry}'s {@code auth.token} mode: it
 * signs RS256 JWTs whose {@code x5c} certificate is in the registry's root bundle,
 * granting a known user every action asked for and anonymous callers nothing.
 * Answers the GET flow (Basic) and the OAuth2 POST flow (password and refresh_token).
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "ferry-test-registry";
  public static final String ISSUER = "ferry-test-issuer";

  private final MockWebServer server = new MockWebServer();
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Path rootBundle;
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Duration lifetime = Duration.ofMinutes(5);

  private TokenServer(PrivateKey key, X509Certificate certificate, Path rootBundle) {
    this.key = key;
    this.certificate = certificate;
    this.rootBundle = rootBundle;
  }

  public static TokenServer start(Path dir) {
    try {
      Files.createDirectories(dir);
      HeldCertificate signer = new HeldCertificate.Builder().commonName("ferry token signer")
          .duration(2, TimeUnit.DAYS).rsa2048().build();
      PrivateKey key = signer.keyPair().getPrivate();
      X509Certificate cert = signer.certificate();
      Path bundle = dir.resolve("token-root.pem");
      Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n");
      TokenServer ts = new TokenServer(key, cert, bundle);
      ts.server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return ts.answer(request);
        }
      });
      ts.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
      return ts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public TokenServer user(String name, String password) {
    users.put(name, password);
    return this;
  }

  /** A refresh token (Docker's identity token) that the POST flow accepts for {@code user}. */
  public String refreshTokenFor(String user) {
    String token = "refresh-" + UUID.randomUUID();
    refreshTokens.put(token, user);
    return token;
  }

  /**
   * Accepts a refresh token minted elsewhere (an ACR-style {@code /oauth2/exchange}
   * stand-in) for {@code user} in the POST flow, as {@link #refreshTokenFor} accepts its own.
   */
  public TokenServer acceptRefreshToken(String token, String user) {
    refreshTokens.put(token, user);
    return this;
  }

  public TokenServer lifetime(Duration tokenLifetime) {
    this.lifetime = tokenLifetime;
    return this;
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getPort() + "/token";
  }

  public Path rootCertBundle() {
    return rootBundle;
  }

  /** Request lines seen, e.g. {@code GET /token?service=...&scope=...}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private MockResponse answer(RecordedRequest request) {
    requests.add(request.getMethod() + " " + request.getTarget());
    String user;
    List<String> scopes = new ArrayList<>();
    if ("POST".equals(request.getMethod())) {
      Map<String, List<String>> form = form(request.getBody() == null ? "" : request.getBody().utf8());
      String grant = first(form, "grant_type");
      if ("password".equals(grant)) {
        user = checkPassword(first(form, "username"), first(form, "password"));
      } else if ("refresh_token".equals(grant)) {
        user = refreshTokens.get(first(form, "refresh_token"));
      } else {
        return json(400, "{\"error\":\"unsupported_grant_type\"}");
      }
      if (user == null) {
        return json(401, "{\"error\":\"invalid_grant\"}");
      }
      for (String s : form.getOrDefault("scope", List.of())) {
        scopes.addAll(List.of(s.split(" ")));
      }
    } else {
      String authorization = request.getHeaders().get("Authorization");
      if (authorization == null) {
        user = null;
      } else {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
            StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        user = checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (user == null) {
          return json(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
        }
      }
      scopes.addAll(request.getUrl().queryParameterValues("scope").stream()
          .filter(s -> s != null).flatMap(s -> List.of(s.split(" ")).stream()).toList());
    }
    String jwt = sign(user == null ? "" : user, user == null ? List.of() : scopes);
    Instant now = Instant.now();
    String body = "{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":"
        + lifetime.toSeconds() + ",\"issued_at\":\"" + now + "\""
        + (user != null && "POST".equals(request.getMethod()) ? ",\"refresh_token\":\"" + refreshTokenFor(user) + "\"" : "")
        + "}";
    return json(200, body);
  }

  private String checkPassword(String user, String password) {
    return password != null && password.equals(users.get(user)) ? user : null;
  }

  private String sign(String subject, List<String> scopes) {
    try {
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\""
          + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
      long now = Instant.now().getEpochSecond();
      StringBuilder access = new StringBuilder();
      for (String scope : scopes) {
        String[] parts = scope.split(":");
        if (parts.length < 3) {
          continue;
        }
        String name = String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
        StringBuilder actions = new StringBuilder();
        for (String action : parts[parts.length - 1].split(",")) {
          actions.append(actions.length() == 0 ? "" : ",").append('"').append(action).append('"');
        }
        access.append(access.length() == 0 ? "" : ",").append("{\"type\":\"").append(parts[0])
            .append("\",\"name\":\"").append(name).append("\",\"actions\":[").append(actions).append("]}");
      }
      String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE
          + "\",\"exp\":" + (now + lifetime.toSeconds()) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now
          + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
      String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
          + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + url.encodeToString(rsa.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static Map<String, List<String>> form(String body) {
    Map<String, List<String>> form = new java.util.LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public void close() {
    server.close();
  }
}
