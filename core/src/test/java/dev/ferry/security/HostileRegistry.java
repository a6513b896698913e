package dev.ferry.security;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.it.LoopbackTls;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryOptions;
import dev.ferry.registry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A registry that tries to get its client's secrets out: an HTTPS registry (a TLS
 * {@code MockWebServer} behind a {@link SharedPort}, so plain HTTP to the registry's own host
 * and port is seen too) that wants Basic auth, Bearer tokens from its own {@code /token}, or a
 * registry token, and answers authorized requests with whatever the test scripts; and two
 * traps on other ports of the same host, one HTTPS (trusted by the client, so a credential sent
 * there would arrive) and one plain HTTP, that record everything sent to them.
 */
final class HostileRegistry implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "pw-S3CRET-a1";
  static final String MINTED = "minted-S3CRET-b2";
  static final String REFRESH = "refresh-S3CRET-c3";
  static final String REG_TOKEN = "regtoken-S3CRET-d4";
  static final String BASIC = base64(USER + ":" + PASSWORD);

  /** How the registry wants to be authorized, and the credential the client holds for it. */
  enum Auth {
    BASIC_PASSWORD, BEARER_FROM_PASSWORD, BEARER_FROM_IDENTITY_TOKEN, REGISTRY_TOKEN;

    Credential credential() {
      return switch (this) {
        case BASIC_PASSWORD, BEARER_FROM_PASSWORD -> Credential.basic(USER, PASSWORD);
        case BEARER_FROM_IDENTITY_TOKEN -> Credential.identityToken(REFRESH);
        case REGISTRY_TOKEN -> Credential.registryToken(REG_TOKEN);
      };
    }

    String expectedAuthorization() {
      return switch (this) {
        case BASIC_PASSWORD -> "Basic " + BASIC;
        case BEARER_FROM_PASSWORD, BEARER_FROM_IDENTITY_TOKEN -> "Bearer " + MINTED;
        case REGISTRY_TOKEN -> "Bearer " + REG_TOKEN;
      };
    }
  }

  /** Every form of every secret in play: plain, base64, and Basic's {@code user:password}. */
  static final List<String> SECRET_FORMS = secretForms();

  private final LoopbackTls tls = new LoopbackTls();
  private final MockWebServer registry = new MockWebServer();
  private final MockWebServer trapHttps = new MockWebServer();
  private final MockWebServer trapHttp = new MockWebServer();
  private final SharedPort front;
  private final Auth auth;
  private volatile Function<RecordedRequest, MockResponse> routes = r -> status(404, "");
  private volatile Function<RecordedRequest, MockResponse> trapRoutes = r -> status(404, "");
  private volatile String realm;
  private volatile String tokenRedirect;

  HostileRegistry(Auth auth) throws IOException {
    this.auth = auth;
    tls.serveHttps(registry, this::dispatch);
    front = new SharedPort(LoopbackTls.address(), registry.getPort());
    tls.serveHttps(trapHttps, r -> trapRoutes.apply(r));
    trapHttp.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return trapRoutes.apply(request);
      }
    });
    trapHttp.start(LoopbackTls.address(), 0);
  }

  /** The registry as users name it: {@code localhost:PORT}. */
  String host() {
    return LoopbackTls.HOST + ":" + front.port();
  }

  String registryUrl(String path) {
    return "https://" + host() + path;
  }

  /** The registry's own host and port, over plain HTTP. */
  String downgradeUrl(String path) {
    return "http://" + host() + path;
  }

  String trapHttpsUrl(String path) {
    return "https://" + LoopbackTls.HOST + ":" + trapHttps.getPort() + path;
  }

  String trapHttpUrl(String path) {
    return "http://" + LoopbackTls.HOST + ":" + trapHttp.getPort() + path;
  }

  /** What an authorized request to the registry is answered with. */
  void routes(Function<RecordedRequest, MockResponse> answer) {
    this.routes = answer;
  }

  /** The realm the registry's Bearer challenge names (its own {@code /token} unless told). */
  void realm(String url) {
    this.realm = url;
  }

  /** Makes the registry's own token endpoint answer every request with a 307 to {@code url}. */
  void tokenRedirect(String url) {
    this.tokenRedirect = url;
  }

  /** What the traps answer (404 unless told). */
  void trapRoutes(Function<RecordedRequest, MockResponse> answer) {
    this.trapRoutes = answer;
  }

  /** A client that holds this registry's credential and trusts the test CA for the registry and the HTTPS trap. */
  RegistryClient client() {
    return client(false);
  }

  /** Like {@link #client()}; with {@code oauthPasswordGrant}, a password goes to token servers in a POST form. */
  RegistryClient client(boolean oauthPasswordGrant) {
    RegistryOptions trusted = RegistryOptions.builder().caCertificates(List.of(tls.caCertificate())).build();
    return RegistryClient.builder()
        .oauth2PasswordGrant(oauthPasswordGrant)
        .credentials(CredentialProvider.of(host(), auth.credential()))
        .registry(host(), trusted)
        .registry(LoopbackTls.HOST + ":" + trapHttps.getPort(), trusted)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  /**
   * Every request that reached a trap or the registry's port in clear text and carried an
   * {@code Authorization} header or any form of a secret, as text; empty when nothing leaked.
   */
  List<String> leaks() {
    List<String> leaks = new ArrayList<>();
    for (String head : front.plainRequests()) {
      if (carriesCredential(head)) {
        leaks.add("plain HTTP to the registry's port: " + head);
      }
    }
    for (MockWebServer trap : List.of(trapHttps, trapHttp)) {
      for (RecordedRequest r = take(trap); r != null; r = take(trap)) {
        String text = r.getRequestLine() + "\n" + r.getHeaders() + "\n"
            + (r.getBody() == null ? "" : r.getBody().string(StandardCharsets.ISO_8859_1));
        if (carriesCredential(text)) {
          leaks.add("trap on port " + trap.getPort() + ": " + text);
        }
      }
    }
    return leaks;
  }

  private static boolean carriesCredential(String text) {
    return text.toLowerCase(java.util.Locale.ROOT).contains("authorization:") || containsSecret(text);
  }

  static boolean containsSecret(String text) {
    return SECRET_FORMS.stream().anyMatch(text::contains);
  }

  private static RecordedRequest take(MockWebServer server) {
    try {
      return server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private MockResponse dispatch(RecordedRequest request) {
    String target = request.getTarget();
    if (target.startsWith("/token")) {
      return tokenRedirect == null ? token(request) : status(307, "", "Location", tokenRedirect);
    }
    if (!auth.expectedAuthorization().equals(request.getHeaders().get("Authorization"))) {
      String challenge = auth == Auth.BASIC_PASSWORD ? "Basic realm=\"hostile\""
          : "Bearer realm=\"" + (realm == null ? registryUrl("/token") : realm) + "\",service=\"hostile\"";
      return new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", challenge).build();
    }
    return routes.apply(request);
  }

  private MockResponse token(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    boolean allowed = ("Basic " + BASIC).equals(request.getHeaders().get("Authorization"))
        || ("Basic " + base64("<token>:" + REFRESH)).equals(request.getHeaders().get("Authorization"))
        || body.contains("refresh_token=" + REFRESH);
    if (!allowed) {
      return status(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"token\":\"" + MINTED + "\",\"expires_in\":300}").build();
  }

  static MockResponse status(int code, String jsonBody, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return b.body(jsonBody).build();
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> secretForms() {
    List<String> forms = new ArrayList<>(List.of("S3CRET", BASIC, base64("<token>:" + REFRESH)));
    for (String secret : List.of(PASSWORD, MINTED, REFRESH, REG_TOKEN)) {
      String b64 = base64(secret);
      forms.add(b64.replace("=", ""));
    }
    return List.copyOf(forms);
  }

  @Override
  public void close() throws IOException {
    front.close();
    registry.close();
    trapHttps.close();
    trapHttp.close();
  }
}
