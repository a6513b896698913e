package dev.ferry.internal.auth.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <helper> get} once: the server URL on standard input, both outputs
 * captured (bounded), a time limit after which the helper and every process it started
 * are killed.
 */
final class HelperProcess {
  /** What a helper left behind. */
  record Result(int exitCode, byte[] out, boolean outOverflowed, byte[] err) {}

  /** Why no result: the helper could not start, ran out of time, or the caller was interrupted. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind { NOT_STARTED, TIMED_OUT, INTERRUPTED }

    private final Kind kind;

    Failure(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    Kind kind() {
      return kind;
    }
  }

  // how long to wait for the output pipes to drain after the helper exited; a process it
  // left running may hold them open
  private static final long DRAIN_MILLIS = 2_000;

  private HelperProcess() {}

  static Result run(Path executable, String serverUrl, Map<String, String> environment, Duration timeout)
      throws Failure {
    ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get");
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      // the JDK names the program and the OS error ("error=13, Permission denied"); no secret is involved yet
      throw new Failure(Failure.Kind.NOT_STARTED, String.valueOf(e.getMessage()));
    }
    Capture out = Capture.start(process.getInputStream(), ConfigLimits.MAX_HELPER_OUTPUT_BYTES);
    Capture err = Capture.start(process.getErrorStream(), ConfigLimits.MAX_HELPER_ERROR_BYTES);
    try (OutputStream in = process.getOutputStream()) {
      in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a helper may exit without reading its input; its exit status and output tell what happened
    }
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill(process);
        throw new Failure(Failure.Kind.TIMED_OUT, "did not answer within " + describe(timeout) + " and was stopped");
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new Failure(Failure.Kind.INTERRUPTED, "was stopped: the thread waiting for it was interrupted");
    }
    return new Result(process.exitValue(), out.bytes(), out.overflowed(), err.bytes());
  }

  /** The helper and everything it started (a shell script's {@code sleep} holds the pipes open otherwise). */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String describe(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Reads a stream to its end on its own thread, keeping at most {@code limit} bytes. */
  private static final class Capture implements Runnable {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean overflowed;
    private final Thread thread;

    private Capture(InputStream in, int limit) {
      this.in = in;
      this.limit = limit;
      this.thread = new Thread(this, "ferry-credential-helper-output");
      this.thread.setDaemon(true);
    }

    static Capture start(InputStream in, int limit) {
      Capture c = new Capture(in, limit);
      c.thread.start();
      return c;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (this) {
            int room = limit - kept.size();
            kept.write(buffer, 0, Math.min(n, Math.max(room, 0)));
            if (n > room) {
              overflowed = true; // keep reading: a helper blocked on a full pipe would never exit
            }
          }
        }
      } catch (IOException e) {
        // the pipe closed under us (the process was killed): what was read is what there is
      }
    }

    byte[] bytes() throws Failure {
      try {
        thread.join(DRAIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure(Failure.Kind.INTERRUPTED, "was stopped: the thread waiting for it was interrupted");
      }
      synchronized (this) {
        return kept.toByteArray();
      }
    }

    synchronized boolean overflowed() {
      return overflowed;
    }
  }
}
