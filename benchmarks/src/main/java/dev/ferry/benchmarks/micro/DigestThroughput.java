package dev.ferry.benchmarks.micro;

import dev.ferry.reference.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What verifying a layer costs per byte: Ferry's {@code Digest.verifying} stream read through
 * the copy buffer, against a bare {@link MessageDigest} over the same bytes (the floor) and a
 * plain read (no hashing). The difference between the first two is Ferry's overhead; between
 * the last two, SHA-256 itself. Throughput is reported per operation of one blob.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DigestThroughput {
  /** The blob size in bytes. */
  @Param({"1048576", "16777216"})
  public int size;

  private byte[] blob;
  private Digest digest;
  private final byte[] buffer = new byte[256 * 1024];

  /** Random, incompressible content and its digest. */
  @Setup
  public void setUp() {
    blob = new byte[size];
    new Random(42).nextBytes(blob);
    digest = Digest.sha256(blob);
  }

  /**
   * Ferry's verifying stream, read to the end through a 256 KiB buffer.
   *
   * @return bytes read, so the JIT keeps the work
   * @throws IOException never: the digest matches
   */
  @Benchmark
  public long verifyingStream() throws IOException {
    long total = 0;
    try (InputStream in = digest.verifying(new ByteArrayInputStream(blob), size)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    }
    return total;
  }

  /**
   * A bare SHA-256 over the same chunks: the floor of any verification.
   *
   * @return the hash
   * @throws NoSuchAlgorithmException never
   */
  @Benchmark
  public byte[] bareMessageDigest() throws NoSuchAlgorithmException {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (int off = 0; off < size; off += buffer.length) {
      sha256.update(blob, off, Math.min(buffer.length, size - off));
    }
    return sha256.digest();
  }

  /**
   * The same reads without hashing.
   *
   * @return bytes read
   * @throws IOException never
   */
  @Benchmark
  public long plainRead() throws IOException {
    long total = 0;
    try (InputStream in = new ByteArrayInputStream(blob)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    }
    return total;
  }
}
