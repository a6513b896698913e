package dev.ferry.registry;

import dev.ferry.reference.Digest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * The upload half of a registry for MockWebServer, with faults staged by request number
 * (its line number in the log, 1 for the first): a status answered instead of handling the
 * request (optionally forgetting the session, as a registry that dropped it), or the
 * connection closed while the request body arrives. Sessions, PATCH ranges, GET status,
 * DELETE and the digest check on PUT behave as the distribution spec says. The log holds
 * one line per request: {@code POST}, {@code PATCH s1 0-99}, {@code PUT s1}, {@code RESET}.
 */
final class UploadRegistryFake extends Dispatcher {
  private static final String UPLOADS = "/blobs/uploads/";

  final List<String> log = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, ByteArrayOutputStream> sessions = new ConcurrentHashMap<>();
  private final Map<Integer, MockResponse> failures = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> forget = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> resets = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> lost = new ConcurrentHashMap<>();
  private volatile boolean armed;
  private final AtomicInteger nextSession = new AtomicInteger();

  /** Answers request number {@code n} with {@code status} (and {@code Retry-After} when given) instead. */
  UploadRegistryFake fail(int n, int status, String... retryAfter) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"staged fault\"}]}");
    if (retryAfter.length > 0) {
      b.setHeader("Retry-After", retryAfter[0]);
    }
    failures.put(n, b.build());
    return this;
  }

  /** Answers request number {@code n} with 401 and a Basic challenge, as a registry whose token expired. */
  UploadRegistryFake challenge(int n) {
    failures.put(n, new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"fake\"")
        .setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}").build());
    return this;
  }

  /** As {@link #fail}, and the registry forgets every open session, as one that restarted. */
  UploadRegistryFake failAndForget(int n, int status) {
    forget.put(n, true);
    return fail(n, status);
  }

  /** Handles request number {@code n}, then closes its connection instead of answering. */
  UploadRegistryFake loseAnswer(int n) {
    lost.put(n, true);
    return this;
  }

  /** Closes the connection of request number {@code n} while its body arrives. */
  UploadRegistryFake reset(int n) {
    resets.put(n, true);
    return this;
  }

  /** Sessions the registry still holds open. */
  int openSessions() {
    return sessions.size();
  }

  // MockWebServer peeks more than once per request, so a reset is armed by the request before it
  @Override
  public MockResponse peek() {
    return armed ? new MockResponse.Builder().onRequestBody(new SocketEffect.CloseSocket(true, true, true)).build()
        : super.peek();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    if (armed) {
      armed = false;
      log.add("RESET");
    }
    if (request.getFailure() != null) {
      // the cut request itself, when MockWebServer hands it over: nothing of it counts
      return error(400, "BLOB_UPLOAD_INVALID");
    }
    MockResponse response = handle(request);
    if (lost.containsKey(log.size())) {
      response = response.newBuilder().onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build();
    }
    armed = resets.containsKey(log.size() + 1);
    return response;
  }

  private MockResponse handle(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    int at = path.indexOf(UPLOADS);
    String id = at < 0 ? "" : path.substring(at + UPLOADS.length());
    String range = request.getHeaders().get("Content-Range");
    log.add((method + " " + id + (range == null ? "" : " " + range)).trim());
    int n = log.size();
    MockResponse failure = failures.remove(n);
    if (failure != null) {
      if (forget.containsKey(n)) {
        sessions.clear();
      }
      return failure;
    }
    if (at < 0) {
      return blob(method, path);
    }
    if (method.equals("POST")) {
      String session = "s" + nextSession.incrementAndGet();
      sessions.put(session, new ByteArrayOutputStream());
      return accepted(session, 0);
    }
    ByteArrayOutputStream stored = sessions.get(id);
    if (stored == null) {
      return error(404, "BLOB_UPLOAD_UNKNOWN");
    }
    synchronized (stored) {
      switch (method) {
        case "GET":
          return accepted(id, stored.size()).newBuilder().code(204).build();
        case "DELETE":
          sessions.remove(id);
          return new MockResponse.Builder().code(204).build();
        case "PATCH":
          if (range != null && Long.parseLong(range.substring(0, range.indexOf('-'))) != stored.size()) {
            return error(416, "BLOB_UPLOAD_INVALID");
          }
          stored.writeBytes(request.getBody().toByteArray());
          return accepted(id, stored.size());
        case "PUT":
          stored.writeBytes(request.getBody().toByteArray());
          sessions.remove(id);
          byte[] content = stored.toByteArray();
          String digest = request.getUrl().queryParameter("digest");
          if (!Digest.sha256(content).toString().equals(digest)) {
            return error(400, "DIGEST_INVALID");
          }
          blobs.put(digest, content);
          return new MockResponse.Builder().code(201).setHeader("Docker-Content-Digest", digest).build();
        default:
          return error(405, "UNSUPPORTED");
      }
    }
  }

  private MockResponse blob(String method, String path) {
    byte[] content = blobs.get(path.substring(path.lastIndexOf('/') + 1));
    if (content == null) {
      return error(404, "BLOB_UNKNOWN");
    }
    MockResponse.Builder b = new MockResponse.Builder().code(200);
    return method.equals("HEAD") ? b.setHeader("Content-Length", content.length).build()
        : b.body(new Buffer().write(content)).build();
  }

  private static MockResponse accepted(String session, long size) {
    MockResponse.Builder b = new MockResponse.Builder().code(202)
        .setHeader("Location", "/v2/fault/app/blobs/uploads/" + session);
    if (size > 0) {
      b.setHeader("Range", "0-" + (size - 1));
    }
    return b.build();
  }

  private static MockResponse error(int status, String code) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code.toLowerCase() + "\"}]}").build();
  }
}
