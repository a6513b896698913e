package dev.ferry.auth.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The ECR and ECR Public APIs as the SDK sees them, on a loopback MockWebServer: AWS JSON 1.1
 * ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>} or
 * {@code SpencerFrontendService.<Operation>}, {@code application/x-amz-json-1.1}), answers shaped as
 * ECR's ({@code authorizationData[].authorizationToken / expiresAt} in epoch seconds {@code / proxyEndpoint}),
 * errors as {@code {"__type": ..., "message": ...}} with HTTP 400. Tokens and failures are queued
 * per call; repositories are kept in a set.
 */
final class EcrStandIn implements AutoCloseable {
  static final String ECR_TARGET = "AmazonEC2ContainerRegistry_V20150921.";
  static final String PUBLIC_TARGET = "SpencerFrontendService.";
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[0-9]{8}/([^/]+)/([^/]+)/aws4_request");
  private static final Pattern NAME = Pattern.compile("\"repositoryName\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern NAMES = Pattern.compile("\"repositoryNames\"\\s*:\\s*\\[\\s*\"([^\"]*)\"");

  /** One recorded API call: the operation, the region and service it was signed for, and its body. */
  record Call(String target, String region, String service, String body) {}

  private final MockWebServer server = new MockWebServer();
  private final Deque<MockResponse> queued = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();
  private final Set<String> repositories = ConcurrentHashMap.newKeySet();
  private String password = "stand-in-password";
  private Instant expiresAt = Instant.now().plusSeconds(12 * 3600);
  private String proxyEndpoint; // null: the caller's registry in the region the call was signed for
  private boolean denyCreate;

  private EcrStandIn() {}

  static EcrStandIn start() {
    EcrStandIn standIn = new EcrStandIn();
    standIn.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return standIn.answer(request);
      }
    });
    try {
      standIn.server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return standIn;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  /** The password the next tokens carry ({@code AWS:<password>}, base64), and their expiry. */
  synchronized EcrStandIn issue(String newPassword, Instant newExpiry) {
    this.password = newPassword;
    this.expiresAt = newExpiry;
    return this;
  }

  synchronized EcrStandIn proxyEndpoint(String endpoint) {
    this.proxyEndpoint = endpoint;
    return this;
  }

  /** The next call is answered with this AWS error instead. */
  synchronized EcrStandIn failNext(String type, String message) {
    queued.add(error(type, message));
    return this;
  }

  /** The next call is answered with this raw body (HTTP 200), e.g. a malformed token. */
  synchronized EcrStandIn answerNext(String json) {
    queued.add(json(200, json));
    return this;
  }

  synchronized EcrStandIn repository(String name) {
    repositories.add(name);
    return this;
  }

  synchronized EcrStandIn denyCreateRepository() {
    this.denyCreate = true;
    return this;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized long calls(String operation) {
    return calls.stream().filter(c -> c.target().endsWith("." + operation)).count();
  }

  boolean hasRepository(String name) {
    return repositories.contains(name);
  }

  static String token(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String target = String.valueOf(request.getHeaders().get("X-Amz-Target"));
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Matcher scope = SCOPE.matcher(String.valueOf(request.getHeaders().get("Authorization")));
    boolean signed = scope.find();
    calls.add(new Call(target, signed ? scope.group(1) : "?", signed ? scope.group(2) : "?", body));
    if (!"POST".equals(request.getMethod())
        || !String.valueOf(request.getHeaders().get("Content-Type")).startsWith("application/x-amz-json-1.1")) {
      return error("SerializationException", "expected a POST of application/x-amz-json-1.1");
    }
    if (!queued.isEmpty()) {
      return queued.poll();
    }
    String endpoint = proxyEndpoint != null ? proxyEndpoint
        : "https://123456789012.dkr.ecr." + (signed ? scope.group(1) : "us-east-1") + ".amazonaws.com";
    String seconds = expiresAt.getEpochSecond() + "." + String.format("%03d", expiresAt.getNano() / 1_000_000);
    switch (target) {
      case ECR_TARGET + "GetAuthorizationToken":
        return json(200, "{\"authorizationData\":[{\"authorizationToken\":\"" + token("AWS", password)
            + "\",\"expiresAt\":" + seconds + ",\"proxyEndpoint\":\"" + endpoint + "\"}]}");
      case PUBLIC_TARGET + "GetAuthorizationToken":
        return json(200, "{\"authorizationData\":{\"authorizationToken\":\"" + token("AWS", password)
            + "\",\"expiresAt\":" + seconds + "}}");
      case ECR_TARGET + "DescribeRepositories": {
        Matcher m = NAMES.matcher(body);
        String name = m.find() ? m.group(1) : "";
        if (!repositories.contains(name)) {
          return error("RepositoryNotFoundException", "The repository with name '" + name
              + "' does not exist in the registry with id '123456789012'");
        }
        return json(200, "{\"repositories\":[{\"repositoryName\":\"" + name + "\"}]}");
      }
      case ECR_TARGET + "CreateRepository": {
        Matcher m = NAME.matcher(body);
        String name = m.find() ? m.group(1) : "";
        if (denyCreate) {
          return error("AccessDeniedException", "User: arn:aws:iam::123456789012:user/mirror is not authorized to"
              + " perform: ecr:CreateRepository on resource: arn:aws:ecr:us-east-1:123456789012:repository/" + name
              + " because no identity-based policy allows the ecr:CreateRepository action");
        }
        if (!repositories.add(name)) {
          return error("RepositoryAlreadyExistsException", "The repository with name '" + name
              + "' already exists in the registry with id '123456789012'");
        }
        return json(200, "{\"repository\":{\"repositoryName\":\"" + name + "\",\"registryId\":\"123456789012\"}}");
      }
      default:
        return error("UnknownOperationException", "no such operation " + target);
    }
  }

  private static MockResponse error(String type, String message) {
    return json(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "application/x-amz-json-1.1")
        .setHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
        .body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
