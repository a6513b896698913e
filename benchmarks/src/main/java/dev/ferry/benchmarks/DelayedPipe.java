package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a {@link DelayProxy} connection: every chunk read from {@code from}
 * is written to {@code to} {@code delayNanos} after it was read, in order, as a link
 * with that one-way latency would deliver it. Bandwidth is not limited: a reader thread
 * keeps reading while a writer thread delivers, with at most {@link #WINDOW_CHUNKS}
 * chunks ({@value #CHUNK} bytes each, 16 MiB) in flight, like a generous TCP window.
 *
 * <p>{@code notBeforeNanos} holds back the first delivery: the client's first bytes on a
 * new connection could not leave before its TCP handshake finished, one round trip after
 * it began connecting.
 */
final class DelayedPipe {
  static final int CHUNK = 32 * 1024;
  static final int WINDOW_CHUNKS = 512;

  private static final byte[] END = new byte[0];

  private record Chunk(byte[] bytes, long dueNanos) {}

  private final Socket from;
  private final Socket to;
  private final long delayNanos;
  private final long notBeforeNanos;
  private final Runnable onEnd;
  private final BlockingQueue<Chunk> inFlight = new ArrayBlockingQueue<>(WINDOW_CHUNKS);

  /**
   * @param onEnd called once this direction is finished, normally or not
   */
  DelayedPipe(Socket from, Socket to, long delayNanos, long notBeforeNanos, Runnable onEnd) {
    this.from = from;
    this.to = to;
    this.delayNanos = delayNanos;
    this.notBeforeNanos = notBeforeNanos;
    this.onEnd = onEnd;
  }

  void start(Executor threads) {
    threads.execute(this::read);
    threads.execute(this::deliver);
  }

  private void read() {
    try {
      InputStream in = from.getInputStream();
      while (true) {
        byte[] buffer = new byte[CHUNK];
        int n = in.read(buffer);
        long now = System.nanoTime();
        if (n < 0) {
          break;
        }
        byte[] bytes = n == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, n);
        inFlight.put(new Chunk(bytes, Math.max(now, notBeforeNanos) + delayNanos));
      }
    } catch (IOException e) {
      // the connection was closed or reset: deliver what was read, then end
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      inFlight.put(new Chunk(END, System.nanoTime() + delayNanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver() {
    try {
      OutputStream out = to.getOutputStream();
      while (true) {
        Chunk chunk = inFlight.take();
        // the delay is the model itself: nothing to wait on but the clock
        for (long wait = chunk.dueNanos() - System.nanoTime(); wait > 0; wait = chunk.dueNanos() - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        if (chunk.bytes() == END) {
          to.shutdownOutput();
          break;
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (IOException e) {
      // the other side went away: the connection ends
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onEnd.run();
    }
  }
}
