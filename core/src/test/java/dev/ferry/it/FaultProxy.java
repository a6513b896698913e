package dev.ferry.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 proxy on a free loopback port in front of a real {@code docker-registry} (or a
 * token server), with scripted faults ({@link FaultRule}: {@code on(method, targetRegex)...})
 * and a log of every request. Point the client at {@link #address()} instead of the upstream;
 * the {@code Host} header goes through unchanged, so the registry's own upload
 * {@code Location}s lead back through the proxy.
 *
 * <p>A second listener, the storage host ({@code localhost} on another port), stands in for
 * the object store a registry redirects blob downloads to: it serves the bytes of a request
 * that a {@link FaultRule.Builder#redirectToStorage()} rule sent there, and its log says
 * whether an {@code Authorization} header arrived ({@link #storageRequests()}).
 *
 * <p>Each connection carries one request: both sides are told {@code Connection: close}, so
 * every request is seen, and faulted, on its own.
 *
 * <p>Thread-safety: thread-safe; rules may be added while requests flow.
 */
public final class FaultProxy implements AutoCloseable {
  /** Matches every method in {@link #on}. */
  public static final String ANY = "*";

  private static final int IDLE_MILLIS = 60_000;
  private static final Set<String> HOP_BY_HOP = Set.of("Connection", "Keep-Alive", "Proxy-Connection", "Expect",
      "TE", "Upgrade");

  /**
   * One request as the proxy saw it: {@code via} is {@code proxy} or {@code storage};
   * {@code authorized} says whether the client sent {@code Authorization}; {@code status}
   * is what the client was answered (0 if the connection was reset first).
   */
  public record Exchange(String via, String method, String target, boolean authorized, int status,
      List<String> faults, long atNanos) {}

  private record Presigned(String target, String host, Optional<String> authorization) {}

  private record Plan(boolean stripAuthorization, long resetRequestAfter, long resetResponseAfter, long flipAt,
      Duration delay, Set<String> stripHeaders) {}

  private final InetSocketAddress upstream;
  private final ServerSocket proxy;
  private final ServerSocket storage;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final List<Exchange> log = new CopyOnWriteArrayList<>();
  private final Set<String> seenAuthorizations = ConcurrentHashMap.newKeySet();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final Map<String, Presigned> presigned = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private FaultProxy(InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    this.proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.storage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(() -> accept(proxy, false));
    threads.execute(() -> accept(storage, true));
  }

  /** Starts a proxy in front of {@code upstream}, a plain-HTTP base URI such as {@code http://127.0.0.1:5000}. */
  public static FaultProxy start(URI upstream) {
    try {
      return new FaultProxy(new InetSocketAddress(upstream.getHost(), upstream.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the fault proxy", e);
    }
  }

  /** {@code 127.0.0.1:PORT}, usable as the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + proxy.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create("http://" + address());
  }

  /** Starts a rule for requests of {@code method} (or {@link #ANY}) whose target contains a match of the regex. */
  public FaultRule.Builder on(String method, String targetRegex) {
    return new FaultRule.Builder(method, targetRegex, rules::add);
  }

  /** Drops every rule; requests pass untouched from now on (revoked credentials stay revoked). */
  public void clearRules() {
    rules.clear();
  }

  /** Requests that reached the proxy, in the order they arrived. */
  public List<Exchange> requests() {
    return log.stream().filter(e -> e.via().equals("proxy")).toList();
  }

  /** Requests that reached the storage host after a redirect. */
  public List<Exchange> storageRequests() {
    return log.stream().filter(e -> e.via().equals("storage")).toList();
  }

  private void accept(ServerSocket server, boolean viaStorage) {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      open.add(client);
      threads.execute(() -> {
        try (client) {
          serve(client, viaStorage);
        } catch (IOException | RuntimeException | InterruptedException peerGoneOrStopped) {
          // a client that hung up, a fault that cut the line, or close(): nothing to answer
        } finally {
          open.remove(client);
        }
      });
    }
  }

  /** Logs an exchange once, at the moment its outcome is settled and before the client can see it. */
  private final class Outcome {
    private final String via;
    private final HttpHead request;
    private final boolean authorized;
    private final List<String> faults = new ArrayList<>();
    private final long at = System.nanoTime();
    private boolean logged;

    Outcome(boolean viaStorage, HttpHead request) {
      this.via = viaStorage ? "storage" : "proxy";
      this.request = request;
      this.authorized = request.header("Authorization").isPresent();
    }

    void settle(int status) {
      if (!logged) {
        logged = true;
        log.add(new Exchange(via, request.method(), request.target(), authorized, status, List.copyOf(faults), at));
      }
    }
  }

  private void serve(Socket client, boolean viaStorage) throws IOException, InterruptedException {
    client.setSoTimeout(IDLE_MILLIS);
    InputStream in = new BufferedInputStream(client.getInputStream());
    OutputStream out = new BufferedOutputStream(client.getOutputStream());
    Optional<HttpHead> read = HttpHead.read(in);
    if (read.isEmpty()) {
      return;
    }
    HttpHead request = read.get();
    Outcome outcome = new Outcome(viaStorage, request);
    try {
      if (viaStorage) {
        Presigned signed = presigned.get(request.target());
        if (signed == null) {
          answer(request, in, out, 404, Map.of(), outcome);
          return;
        }
        HttpHead fetch = request.withTarget(signed.target()).without(Set.of("Authorization"))
            .with("Host", signed.host());
        forward(signed.authorization().map(a -> fetch.with("Authorization", a)).orElse(fetch), in, out, client,
            new Plan(false, -1, -1, -1, Duration.ZERO, Set.of()), outcome);
        return;
      }
      Optional<String> authorization = request.header("Authorization");
      authorization.ifPresent(seenAuthorizations::add);
      List<FaultRule> firing = rules.stream().filter(r -> r.fires(request.method(), request.target())).toList();
      firing.forEach(r -> outcome.faults.add(r.describe()));
      for (FaultRule rule : firing) {
        switch (rule.kind) {
          case RUN -> rule.hook.run();
          case REVOKE_AUTHORIZATIONS -> revoked.addAll(seenAuthorizations);
          case RESPOND -> {
            answer(request, in, out, rule.status, rule.headers, outcome);
            return;
          }
          case REDIRECT_TO_STORAGE -> {
            redirect(request, in, out, outcome);
            return;
          }
          case RESET -> {
            outcome.settle(0);
            reset(client);
            return;
          }
          default -> { } // the rest shape the forwarded exchange below
        }
      }
      forward(request, in, out, client, plan(firing, authorization), outcome);
    } finally {
      outcome.settle(0);
    }
  }

  private Plan plan(List<FaultRule> firing, Optional<String> authorization) {
    long resetRequest = -1;
    long resetResponse = -1;
    long flip = -1;
    Duration delay = Duration.ZERO;
    Set<String> strip = new HashSet<>();
    for (FaultRule rule : firing) {
      switch (rule.kind) {
        case RESET_REQUEST_BODY -> resetRequest = rule.bytes;
        case RESET_RESPONSE_BODY -> resetResponse = rule.bytes;
        case FLIP_RESPONSE_BYTE -> flip = rule.bytes;
        case DELAY_RESPONSE_BODY -> delay = rule.delay;
        case STRIP_RESPONSE_HEADER -> strip.add(rule.header);
        default -> { }
      }
    }
    boolean expired = authorization.isPresent() && revoked.contains(authorization.get());
    return new Plan(expired, resetRequest, resetResponse, flip, delay, strip);
  }

  /** Sends the request on to the upstream and its answer back, as the plan bends them. */
  private void forward(HttpHead request, InputStream clientIn, OutputStream clientOut, Socket client, Plan plan,
      Outcome outcome) throws IOException, InterruptedException {
    try (Socket server = new Socket()) {
      open.add(server);
      server.connect(upstream, 10_000);
      server.setSoTimeout(IDLE_MILLIS);
      OutputStream up = new BufferedOutputStream(server.getOutputStream());
      HttpHead outgoing = request.without(HOP_BY_HOP).with("Connection", "close");
      (plan.stripAuthorization() ? outgoing.without(Set.of("Authorization")) : outgoing).write(up);
      if (request.requestHasBody()) {
        try {
          new BodyPipe(plan.resetRequestAfter(), -1).copy(request, clientIn, up, false);
        } catch (BodyPipe.Cut cut) {
          outcome.settle(0);
          reset(server);
          reset(client);
          return;
        }
      }
      up.flush();
      InputStream upIn = new BufferedInputStream(server.getInputStream());
      HttpHead response = HttpHead.read(upIn).orElseThrow(() -> new EOFException("the upstream closed silently"));
      outcome.settle(response.status());
      Set<String> drop = new HashSet<>(HOP_BY_HOP);
      drop.addAll(plan.stripHeaders());
      response.without(drop).with("Connection", "close").write(clientOut);
      clientOut.flush();
      if (response.responseHasBody(request.method())) {
        Thread.sleep(plan.delay().toMillis()); // the slowness is the fault being staged
        try {
          new BodyPipe(plan.resetResponseAfter(), plan.flipAt()).copy(response, upIn, clientOut, true);
        } catch (BodyPipe.Cut cut) {
          reset(client);
        }
      }
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private void answer(HttpHead request, InputStream in, OutputStream out, int status, Map<String, String> headers,
      Outcome outcome) throws IOException {
    drain(request, in);
    outcome.settle(status);
    String code = switch (status) {
      case 401 -> "UNAUTHORIZED";
      case 429 -> "TOOMANYREQUESTS";
      case 503 -> "UNAVAILABLE";
      default -> "UNKNOWN";
    };
    byte[] body = status < 400 || request.method().equals("HEAD") ? new byte[0]
        : ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"fault injected by the test proxy\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpHead head = HttpHead.response(status, "Fault");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      head = head.with(h.getKey(), h.getValue());
    }
    if (body.length > 0) {
      head = head.with("Content-Type", "application/json");
    }
    head.with("Content-Length", String.valueOf(body.length)).with("Connection", "close").write(out);
    out.write(body);
    out.flush();
  }

  private void redirect(HttpHead request, InputStream in, OutputStream out, Outcome outcome) throws IOException {
    String path = "/storage/" + UUID.randomUUID();
    presigned.put(path, new Presigned(request.target(), request.header("Host").orElse(address()),
        request.header("Authorization")));
    answer(request, in, out, 307, Map.of("Location", "http://localhost:" + storage.getLocalPort() + path), outcome);
  }

  private static void drain(HttpHead request, InputStream in) throws IOException {
    if (request.requestHasBody()) {
      BodyPipe.plain().copy(request, in, OutputStream.nullOutputStream(), false);
    }
  }

  /** Drops the connection with a TCP RST, as a crashed peer or a middlebox does. */
  private static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() {
    for (ServerSocket server : List.of(proxy, storage)) {
      try {
        server.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    for (Socket socket : open) {
      try {
        reset(socket);
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }
}
