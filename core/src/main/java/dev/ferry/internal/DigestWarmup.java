package dev.ferry.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Gets SHA-256 compiled before the first layer streams through it.
 *
 * <p>Every byte Ferry copies is hashed. HotSpot's fast SHA-256 (the SHA-NI / AVX2 stub) is
 * used only from C2-compiled code, and a fresh JVM reaches C2 for the digest loop only after
 * hashing a few megabytes slowly, at a time when eight transfers and the registries compete
 * for the cores with the compiler thread. Measured on a 2-core machine (a fresh JVM copying
 * 1 GiB between two local registries, five runs each), the copy used a median of 2.5 s of
 * user CPU without this and 1.7 s with it, and the slow runs (3 s) disappeared: most of the
 * difference was C1-compiled {@code SHA2.implCompress0}. Hashing 2 MiB of zeros on a daemon
 * thread moves that work ahead of the first layer.
 *
 * <p>The copy engines start it once they know blobs will move (the destination does not hold
 * the image yet), not when a client is built: an up-to-date copy, a manifest read or a tag
 * listing hashes no layer, and in a fresh JVM the warm-up thread (about 40 ms of CPU, plus
 * the compiler's work on it) would compete with the thread that sends the first request.
 * It runs once per JVM and is skipped when the system property {@code ferry.digestWarmup}
 * is {@code false}.
 */
public final class DigestWarmup {
  /** Enough calls of the block function (32 768) to pass every tier-4 threshold. */
  static final int BYTES = 2 * 1024 * 1024;
  private static final int CHUNK = 64 * 1024;
  private static final AtomicReference<@Nullable Thread> STARTED = new AtomicReference<>();

  private DigestWarmup() {}

  /**
   * Starts the warm-up on a daemon thread, the first time only.
   *
   * @return the warm-up thread (the same one on every call), or null when disabled
   */
  public static @Nullable Thread start() {
    if ("false".equalsIgnoreCase(System.getProperty("ferry.digestWarmup"))) {
      return null;
    }
    Thread existing = STARTED.get();
    if (existing != null) {
      return existing;
    }
    Thread thread = new Thread(DigestWarmup::run, "ferry-digest-warmup");
    thread.setDaemon(true);
    if (STARTED.compareAndSet(null, thread)) {
      thread.start();
      return thread;
    }
    return STARTED.get();
  }

  private static void run() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] zeros = new byte[CHUNK];
      for (int done = 0; done < BYTES; done += CHUNK) {
        sha256.update(zeros, 0, CHUNK);
      }
      sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      // every Java platform has SHA-256; without it there is nothing to warm
    }
  }
}
