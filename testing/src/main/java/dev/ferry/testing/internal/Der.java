package dev.ferry.testing.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Just enough of ASN.1 DER (X.690) to write an X.509 certificate: each method returns
 * one complete element (tag, length, contents). Stateless.
 */
final class Der {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] sequence(byte[]... elements) {
    return element(0x30, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return element(0x31, concat(elements));
  }

  static byte[] integer(BigInteger value) {
    return element(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return element(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  static byte[] octetString(byte[] value) {
    return element(0x04, value);
  }

  /** A BIT STRING of whole bytes, or with {@code unusedBits} of the last byte unused. */
  static byte[] bitString(int unusedBits, byte[] value) {
    byte[] contents = new byte[value.length + 1];
    contents[0] = (byte) unusedBits;
    System.arraycopy(value, 0, contents, 1, value.length);
    return element(0x03, contents);
  }

  static byte[] utf8(String value) {
    return element(0x0c, value.getBytes(StandardCharsets.UTF_8));
  }

  /** UTCTime until 2049, GeneralizedTime from 2050 on, as RFC 5280 requires. */
  static byte[] time(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    return year < 2050
        ? element(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII))
        : element(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long arc = Long.parseLong(parts[i]);
      int groups = 1;
      while ((arc >> (7 * groups)) != 0) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int seven = (int) ((arc >> (7 * g)) & 0x7f);
        out.write(g == 0 ? seven : seven | 0x80);
      }
    }
    return element(0x06, out.toByteArray());
  }

  /** {@code [n] EXPLICIT}: a constructed context-specific wrapper around whole elements. */
  static byte[] explicit(int n, byte[]... elements) {
    return element(0xa0 | n, concat(elements));
  }

  /** {@code [n] IMPLICIT} of a primitive type: context-specific tag over the raw contents. */
  static byte[] implicit(int n, byte[] contents) {
    return element(0x80 | n, contents);
  }

  static byte[] element(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
    out.write(tag);
    int length = contents.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
