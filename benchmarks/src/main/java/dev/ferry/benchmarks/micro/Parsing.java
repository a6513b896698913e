package dev.ferry.benchmarks.micro;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call costs on every copy's path: parsing a reference as Docker does, and parsing
 * (and digesting) an image manifest of ten layers from its exact bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Parsing {
  private byte[] manifest;

  /** An OCI image manifest with a config and ten layers, as a registry serves it. */
  @Setup
  public void setUp() {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaTypes.OCI_IMAGE_MANIFEST).append("\",\"config\":").append(descriptor(MediaTypes.OCI_IMAGE_CONFIG, 0, 1469))
        .append(",\"layers\":[");
    for (int i = 1; i <= 10; i++) {
      json.append(i == 1 ? "" : ",").append(descriptor(MediaTypes.OCI_LAYER_TAR_GZIP, i, 1_000_000L * i));
    }
    manifest = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String descriptor(String mediaType, int seed, long size) {
    Digest d = Digest.sha256(("blob " + seed).getBytes(StandardCharsets.UTF_8));
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + d + "\",\"size\":" + size + "}";
  }

  /**
   * A familiar name with a tag, normalised to {@code docker.io/library/...}.
   *
   * @return the parsed reference
   */
  @Benchmark
  public ImageReference familiarReference() {
    return ImageReference.parse("nginx:1.27");
  }

  /**
   * A full reference with a registry port, a nested path, a tag and a digest.
   *
   * @return the parsed reference
   */
  @Benchmark
  public ImageReference fullReference() {
    return ImageReference.parse("registry.example.com:5000/team/app/api:v1.2.3"
        + "@sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b");
  }

  /**
   * An image manifest from its exact bytes: JSON, checks and its SHA-256.
   *
   * @return the parsed manifest
   */
  @Benchmark
  public Manifest imageManifest() {
    return Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST);
  }
}
