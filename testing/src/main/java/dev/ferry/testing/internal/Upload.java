package dev.ferry.testing.internal;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One upload session: its buffer and a running SHA-256, so that the digest is known
 * the moment the last byte arrives. Appends are serialised. Thread-safe.
 */
final class Upload {
  private static final int BUFFER = 64 * 1024;

  private final String id;
  private final String repository;
  private final UploadBuffer buffer;
  private final MessageDigest sha256;

  Upload(String id, String repository, UploadBuffer buffer) {
    this.id = id;
    this.repository = repository;
    this.buffer = buffer;
    this.sha256 = newSha256();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  String id() {
    return id;
  }

  String repository() {
    return repository;
  }

  UploadBuffer buffer() {
    return buffer;
  }

  synchronized long size() {
    return buffer.size();
  }

  /** Appends the whole stream through a fixed buffer; returns the bytes appended. */
  synchronized long append(InputStream in) throws IOException {
    byte[] chunk = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(chunk)) >= 0; ) {
      buffer.write(chunk, 0, n);
      sha256.update(chunk, 0, n);
      total += n;
    }
    return total;
  }

  /** Whether the content has the expected digest. Ends the running hash. */
  synchronized boolean matches(Digest expected) throws IOException {
    if (Digest.SHA256.equals(expected.algorithm())) {
      return HexFormat.of().formatHex(sha256.digest()).equals(expected.encoded());
    }
    MessageDigest other = expected.newMessageDigest();
    byte[] chunk = new byte[BUFFER];
    try (InputStream in = buffer.open(0)) {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        other.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(other.digest()).equals(expected.encoded());
  }
}
