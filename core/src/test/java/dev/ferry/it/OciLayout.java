package dev.ferry.it;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an OCI image layout directory ({@code oci-layout}, {@code index.json},
 * {@code blobs/<alg>/<hex>}) that {@code skopeo copy oci:DIR:TAG ...} reads.
 */
public final class OciLayout {
  private final Path dir;

  public OciLayout(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Stores content under its SHA-256 and returns the digest. */
  public Digest blob(byte[] content) {
    Digest d = Digest.sha256(content);
    try {
      Files.write(dir.resolve("blobs").resolve(d.algorithm()).resolve(d.encoded()), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /** Writes {@code index.json} naming one manifest or index under a tag. */
  public void tag(String tag, String mediaType, Digest digest, long size) {
    String json = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + mediaType + "\",\"digest\":\""
        + digest + "\",\"size\":" + size + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
        + tag + "\"}}]}";
    try {
      Files.writeString(dir.resolve("index.json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
