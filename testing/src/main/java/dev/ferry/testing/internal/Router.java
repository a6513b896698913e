package dev.ferry.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ferry.FerryException;
import dev.ferry.testing.RecordedCall;
import dev.ferry.testing.RequestLine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The distribution API's routes, and the mapping of failures to the spec's error
 * JSON. Every request is logged in {@link #log()} and first meets the {@link #faults()}
 * a test injected. Stateless apart from the shared {@link Registry}, the log and the
 * faults. Thread-safe.
 */
public final class Router implements HttpHandler {
  private static final String N = "(" + Names.NAME + ")";
  private static final Pattern BASE = Pattern.compile("/v2/?");
  private static final Pattern CATALOG = Pattern.compile("/v2/_catalog");
  private static final Pattern TAGS = Pattern.compile("/v2/" + N + "/tags/list");
  private static final Pattern MANIFEST = Pattern.compile("/v2/" + N + "/manifests/([^/]+)");
  private static final Pattern UPLOAD_START = Pattern.compile("/v2/" + N + "/blobs/uploads/?");
  private static final Pattern UPLOAD = Pattern.compile("/v2/" + N + "/blobs/uploads/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/" + N + "/blobs/([^/]+)");
  private static final Pattern TOKEN = Pattern.compile("/token/?");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern REFERRERS = Pattern.compile("/v2/" + N + "/referrers/([^/]+)");

  private final Clock clock;
  private final Registry registry;
  private final BlobHandler blobs;
  private final UploadHandler uploads;
  private final ManifestHandler manifests;
  private final ListHandler lists;
  private final ReferrersHandler referrers;
  private final RequestLog log = new RequestLog();
  private final Faults faults = new Faults();
  private final Gate gate;
  private final @Nullable TokenEndpoint tokens;
  private volatile boolean readOnly;
  private volatile @Nullable RateLimiter rateLimit;

  /** The clock this registry reads time from. */
  public Clock clock() {
    return clock;
  }

  /**
   * A router over a storage, open to everyone.
   *
   * @param storage where content goes
   * @param referrersApi whether {@code /v2/<name>/referrers/<digest>} answers
   */
  public Router(Storage storage, boolean referrersApi) {
    this(storage, referrersApi, false, Gate.Mode.NONE, AccessPolicy.builder().build(), Duration.ofMinutes(5),
        Clock.systemUTC(), "", "");
  }

  /**
   * A router over a storage.
   *
   * @param storage where content goes
   * @param referrersApi whether {@code /v2/<name>/referrers/<digest>} answers
   * @param readOnly whether every write is refused with 405 {@code UNSUPPORTED}
   * @param auth how callers authenticate
   * @param policy who may do what
   * @param tokenLifetime how long tokens from {@code /token} are good for
   * @param clock where time is read: token expiry, signed URLs, the request log
   * @param tokenRealm the URL of {@code /token}, for challenges
   * @param service the service name tokens are issued for (the registry's address)
   */
  public Router(Storage storage, boolean referrersApi, boolean readOnly, Gate.Mode auth, AccessPolicy policy,
      Duration tokenLifetime, Clock clock, String tokenRealm, String service) {
    this.registry = new Registry(storage, referrersApi);
    this.readOnly = readOnly;
    this.clock = clock;
    this.gate = new Gate(auth, policy, new Tokens(tokenLifetime, clock), tokenRealm, service);
    this.tokens = auth == Gate.Mode.TOKEN ? new TokenEndpoint(gate) : null;
    this.blobs = new BlobHandler(registry);
    this.uploads = new UploadHandler(registry);
    this.manifests = new ManifestHandler(registry);
    this.lists = new ListHandler(registry);
    this.referrers = new ReferrersHandler(registry);
  }

  /** Frees the buffers of uploads that never finished. */
  public void discardUploads() {
    registry.discardAll();
  }

  /** The requests answered so far. */
  public RequestLog log() {
    return log;
  }

  /** The faults injected into the next requests. */
  public Faults faults() {
    return faults;
  }

  /** Refuses writes, or stops refusing them. */
  public void readOnly(boolean enabled) {
    this.readOnly = enabled;
  }

  Registry registry() {
    return registry;
  }

  /** Announces (and enforces) a pull limit on manifest requests, or stops with null. */
  public void rateLimit(@Nullable RateLimiter limiter) {
    this.rateLimit = limiter;
  }

  /** Refuses to move an existing tag to another digest (400 {@code TAG_INVALID}), as registries with immutable tags do. */
  public void immutableTags(boolean enabled) {
    registry.immutableTags(enabled);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    answer(exchange, true, (call, line, path) -> {
      if (tokens != null && TOKEN.matcher(path).matches()) {
        tokens.handle(call);
        return;
      }
      Access needed = required(line.method(), path);
      if (needed != null) {
        call.caller(gate.check(call, needed));
      }
      if (readOnly && path.startsWith("/v2/") && WRITES.contains(line.method())) {
        throw ApiError.readOnly(line.method());
      }
      RateLimiter limiter = rateLimit;
      if (limiter != null && MANIFEST.matcher(path).matches()
          && (line.method().equals("GET") || line.method().equals("HEAD"))) {
        limiter.count(call, line.method());
      }
      route(call, path);
    });
  }

  /** What answers one request inside {@link #answer}'s frame. */
  interface Handler {
    void handle(Call call, RequestLine line, String path) throws IOException;
  }

  /**
   * The frame of every request the registry and its blob storage host answer: the request
   * log, injected delays and failures, then the handler, with errors answered as the spec's
   * JSON ({@link ApiError} as given, bad input as 400, anything else as 500).
   *
   * @param apiVersion whether every answer, injected failures included, carries the registry's
   *     {@code Docker-Distribution-API-Version} header
   */
  void answer(HttpExchange exchange, boolean apiVersion, Handler handler) throws IOException {
    Instant arrived = clock.instant();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    RequestLine line = new RequestLine(exchange.getRequestMethod(), query == null ? path : path + "?" + query);
    Call call = new Call(exchange, status -> log.add(new RecordedCall(line.method(), line.path(), status,
        header(exchange, "Range"), header(exchange, "Content-Range"),
        exchange.getRequestHeaders().containsKey("Authorization"), arrived)));
    if (apiVersion) {
      call.set("Docker-Distribution-API-Version", "registry/2.0");
    }
    try {
      pause(faults.delayFor(line));
      call.throttle(faults.bytesPerSecondFor(line));
      Optional<ApiError> injected = faults.takeFailure(line);
      if (injected.isPresent()) {
        throw injected.get();
      }
      handler.handle(call, line, path);
    } catch (ApiError e) {
      call.error(e);
    } catch (FerryException e) {
      call.error(new ApiError(400, "UNSUPPORTED", e.getMessage()));
    } catch (IOException | RuntimeException e) {
      try {
        call.error(new ApiError(500, "UNKNOWN", "internal error: " + e));
      } catch (IOException | RuntimeException ignored) {
        // the connection is gone; the client sees that
      }
    } finally {
      call.abandon();
      exchange.close();
    }
  }

  private static Optional<String> header(HttpExchange exchange, String header) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(header));
  }

  /** The access a request needs, as distribution's routes declare it; null for paths outside the API. */
  private static @Nullable Access required(String method, String path) {
    Matcher m;
    boolean reads = method.equals("GET") || method.equals("HEAD");
    // the same order as route(): a repository name may itself contain "blobs/uploads"
    if (CATALOG.matcher(path).matches()) {
      return Access.catalog();
    } else if ((m = TAGS.matcher(path)).matches()) {
      return Access.repository(m.group(1), "pull");
    } else if ((m = MANIFEST.matcher(path)).matches()) {
      return method.equals("DELETE") ? Access.repository(m.group(1), "delete")
          : reads ? Access.repository(m.group(1), "pull") : Access.repository(m.group(1), "pull", "push");
    } else if ((m = UPLOAD_START.matcher(path)).matches() || (m = UPLOAD.matcher(path)).matches()) {
      return Access.repository(m.group(1), "pull", "push");
    } else if ((m = BLOB.matcher(path)).matches()) {
      return method.equals("DELETE") ? Access.repository(m.group(1), "delete")
          : Access.repository(m.group(1), "pull");
    } else if ((m = REFERRERS.matcher(path)).matches()) {
      return Access.repository(m.group(1), "pull");
    }
    return path.startsWith("/v2") ? Access.AUTHENTICATED : null;
  }

  static void pause(Duration delay) throws IOException {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delaying the response", e);
    }
  }

  private void route(Call call, String path) throws IOException {
    Matcher m;
    if (BASE.matcher(path).matches()) {
      call.json(200, "{}");
    } else if (CATALOG.matcher(path).matches()) {
      lists.catalog(call);
    } else if ((m = TAGS.matcher(path)).matches()) {
      lists.tags(call, m.group(1));
    } else if ((m = MANIFEST.matcher(path)).matches()) {
      manifests.handle(call, m.group(1), m.group(2));
    } else if ((m = UPLOAD_START.matcher(path)).matches()) {
      uploads.start(call, m.group(1));
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      uploads.session(call, m.group(1), m.group(2));
    } else if ((m = BLOB.matcher(path)).matches()) {
      call.truncateWith(faults::takeDrop);
      blobs.handle(call, m.group(1), m.group(2));
    } else if ((m = REFERRERS.matcher(path)).matches()) {
      referrers.handle(call, m.group(1), m.group(2));
    } else if (path.startsWith("/v2/")) {
      throw ApiError.nameInvalid(path.substring(4));
    } else {
      throw ApiError.notFound(path);
    }
  }
}
