package dev.ferry.internal.image;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The ustar header format (POSIX.1-1988, with pax and GNU extensions for reading), both ways. */
final class TarHeaders {
  static final int BLOCK = 512;
  /** The largest size the 11 octal digits of a ustar header hold; beyond it, base-256 (GNU, star, Go). */
  private static final long MAX_OCTAL_SIZE = 077777777777L;

  private TarHeaders() {}

  static boolean checksumOk(byte[] h) {
    long stored;
    try {
      stored = octal(h, 148, 8);
    } catch (NumberFormatException e) {
      return false;
    }
    return stored == checksum(h);
  }

  static boolean looksCompressed(byte[] h) {
    boolean gzip = (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b;
    boolean zstd = (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd;
    return gzip || zstd;
  }

  private static long checksum(byte[] h) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    return sum;
  }

  static long size(byte[] h) {
    if ((h[124] & 0x80) != 0) {
      long value = 0;
      for (int i = 125; i < 136; i++) {
        value = (value << 8) | (h[i] & 0xff);
      }
      return (h[124] & 0x7f) != 0 || value < 0 ? -1 : value;
    }
    try {
      return octal(h, 124, 12);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String name(byte[] h) {
    String name = string(h, 0, 100);
    boolean ustar = string(h, 257, 6).startsWith("ustar");
    String prefix = ustar ? string(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  static String string(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int offset, int length) {
    String text = string(h, offset, length).trim();
    if (text.isEmpty()) {
      return 0;
    }
    return Long.parseLong(text, 8);
  }

  /** Records of the form {@code "<length> <key>=<value>\n"}. */
  static Map<String, String> parsePax(String body) {
    Map<String, String> records = new HashMap<>();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    int at = 0;
    while (at < bytes.length) {
      int space = at;
      while (space < bytes.length && bytes[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(bytes, at, space - at, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        break;
      }
      if (length <= 0 || at + length > bytes.length) {
        break;
      }
      String record = new String(bytes, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        records.put(record.substring(0, eq), record.substring(eq + 1));
      }
      at += length;
    }
    return records;
  }

  /** A ustar header for a regular file (type '0') or a directory (type '5'), owned by root, time 0. */
  static byte[] header(String name, long size, char type) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      throw new IllegalArgumentException("tar entry names of image archives fit in 100 bytes: " + name);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    put(h, 100, type == '5' ? "0000755" : "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    if (size <= MAX_OCTAL_SIZE) {
      put(h, 124, String.format("%011o", size));
    } else {
      h[124] = (byte) 0x80;
      for (int i = 0; i < 8; i++) {
        h[135 - i] = (byte) (size >>> (8 * i));
      }
    }
    put(h, 136, "00000000000");
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    put(h, 148, String.format("%06o", checksum(h)));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int offset, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }
}
