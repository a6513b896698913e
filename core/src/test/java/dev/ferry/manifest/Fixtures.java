package dev.ferry.manifest;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads the test fixtures beside this package and hashes bytes independently of the code under test. */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 with the JDK alone, so a bug in {@link Digest} cannot hide one in the parser. */
  static Digest sha256(byte[] bytes) {
    try {
      return Digest.parse("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static Digest sha512(byte[] bytes) {
    try {
      return Digest.parse("sha512:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A digest for content that exists only by name in a test. */
  static Digest digestOf(String name) {
    return sha256(utf8("ferry-test:" + name));
  }

  static Manifest parse(String name) {
    return Manifest.parse(bytes(name), "");
  }
}
