package dev.ferry.reference;

import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A content digest, {@code algorithm:encoded}, as the OCI image spec defines it:
 * {@code sha256:} followed by 64 lowercase hex digits, or {@code sha512:} followed
 * by 128. Those are the algorithms Ferry can verify; any other is refused when
 * parsed rather than accepted unverifiable.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b");
 * Digest same = Digest.sha256(bytes);
 * try (InputStream in = d.verifying(registryStream, size)) { ... }   // throws DigestMismatchException at the end
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param algorithm the algorithm, {@code sha256} or {@code sha512}
 * @param encoded the lowercase hex encoding of the hash
 * @since 0.1
 */
public record Digest(String algorithm, String encoded) implements Serializable {
  /**
   * The canonical algorithm: every registry supports it.
   *
   * @since 0.1
   */
  public static final String SHA256 = "sha256";
  /**
   * The other registered algorithm of the OCI image spec.
   *
   * @since 0.1
   */
  public static final String SHA512 = "sha512";

  /**
   * Validates the parts.
   *
   * @param algorithm the algorithm, {@code sha256} or {@code sha512}
   * @param encoded the lowercase hex encoding of the hash
   * @throws InvalidDigestException if the algorithm is not supported or the encoding has the wrong form
   * @since 0.1
   */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(encoded, "encoded");
    String input = algorithm + ":" + encoded;
    int hexLength = switch (algorithm) {
      case SHA256 -> 64;
      case SHA512 -> 128;
      default -> throw new InvalidDigestException(input, algorithm.isEmpty()
          ? "the algorithm is empty"
          : "unsupported digest algorithm '" + algorithm + "' (supported: sha256, sha512)");
    };
    if (encoded.length() != hexLength) {
      throw new InvalidDigestException(input, algorithm + " needs " + hexLength
          + " hex digits, found " + encoded.length() + " characters");
    }
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new InvalidDigestException(input, "the encoded part must be lowercase hex; '"
            + c + "' at position " + i + " is not");
      }
    }
  }

  /**
   * Parses {@code algorithm:encoded}.
   *
   * @param digest the digest text, e.g. {@code sha256:6c3c...}
   * @return the digest
   * @throws InvalidDigestException naming the input and the rule it broke
   * @since 0.1
   */
  public static Digest parse(String digest) {
    Objects.requireNonNull(digest, "digest");
    int colon = digest.indexOf(':');
    if (colon < 0) {
      throw new InvalidDigestException(digest, "expected algorithm:encoded, e.g. sha256:<64 hex digits>");
    }
    return new Digest(digest.substring(0, colon), digest.substring(colon + 1));
  }

  /**
   * Returns the SHA-256 digest of some bytes.
   *
   * @param bytes the content
   * @return {@code sha256:<hex>} of the bytes
   * @since 0.1
   */
  public static Digest sha256(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    MessageDigest md = messageDigest(SHA256);
    return new Digest(SHA256, hex(md.digest(bytes)));
  }

  /**
   * Returns the digest of some bytes with the same algorithm as this digest.
   * Use it to check content against an expected digest of any supported algorithm.
   *
   * @param bytes the content
   * @return the digest of the bytes, with this digest's algorithm
   * @since 0.1
   */
  public Digest recompute(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new Digest(algorithm, hex(newMessageDigest().digest(bytes)));
  }

  /**
   * Whether some bytes hash to this digest.
   *
   * @param bytes the content
   * @return true if the content matches
   * @since 0.1
   */
  public boolean matches(byte[] bytes) {
    return equals(recompute(bytes));
  }

  /**
   * Wraps a stream so that its bytes are hashed as they are read and checked
   * against this digest and an expected size. Reading past {@code size} bytes
   * fails at once; reaching the end of the stream with the wrong size or digest
   * fails with {@link DigestMismatchException} from that {@code read}.
   *
   * @param in the stream to verify; closed when the returned stream is closed
   * @param size the expected number of bytes
   * @return a verifying stream
   * @since 0.1
   */
  public VerifyingInputStream verifying(InputStream in, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    return new VerifyingInputStream(in, this, size);
  }

  /**
   * Like {@link #verifying(InputStream, long)} when the size is not known:
   * only the digest is checked at the end of the stream.
   *
   * @param in the stream to verify; closed when the returned stream is closed
   * @return a verifying stream
   * @since 0.1
   */
  public VerifyingInputStream verifying(InputStream in) {
    return new VerifyingInputStream(in, this, VerifyingInputStream.UNKNOWN_SIZE);
  }

  /**
   * A new {@link MessageDigest} for this digest's algorithm.
   *
   * @return a fresh message digest, not shared
   * @since 0.1
   */
  public MessageDigest newMessageDigest() {
    return messageDigest(algorithm);
  }

  /**
   * {@return the hex part without the algorithm; the same as {@link #encoded()}}
   *
   * @since 0.1
   */
  public String hex() {
    return encoded;
  }

  /**
   * Returns {@code algorithm:encoded}.
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return algorithm + ":" + encoded;
  }

  /**
   * Whether {@code other} is a digest of the same algorithm and hash.
   *
   * <p>Written out rather than generated: a record's generated {@code equals} and
   * {@code hashCode} are bootstrapped through method handles, which costs a fresh JVM
   * dozens of generated classes the first time; digests are compared on every copy.
   *
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Digest that && algorithm.equals(that.algorithm) && encoded.equals(that.encoded);
  }

  /**
   * {@return a hash of the algorithm and the hash}
   *
   * @since 0.1
   */
  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + encoded.hashCode();
  }

  static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(SHA512.equals(algorithm) ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // every Java platform is required to provide SHA-256 and SHA-512
      throw new IllegalStateException("the JVM lacks " + algorithm, e);
    }
  }

  static String hex(byte[] hash) {
    char[] out = new char[hash.length * 2];
    for (int i = 0; i < hash.length; i++) {
      out[2 * i] = Character.forDigit((hash[i] >> 4) & 0xf, 16);
      out[2 * i + 1] = Character.forDigit(hash[i] & 0xf, 16);
    }
    return new String(out);
  }
}
