package dev.ferry.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * containerd's {@code platformVector} ({@code compare.go}): a host platform followed by the
 * platforms it can also run, best first.
 *
 * <ul>
 *   <li>{@code amd64/vN}: {@code amd64/vN-1} ... {@code amd64/v1}, then {@code 386};
 *   <li>{@code arm/vN} (N &gt; 5): {@code arm/vN-1} ... {@code arm/v5};
 *   <li>{@code arm64/v8.x}: {@code arm64/v8.x-1} ... {@code arm64/v8}, then the vector of
 *       {@code arm/v8};
 *   <li>{@code arm64/v9.x}: {@code arm64/v9.x-1} ... {@code arm64/v9}, {@code arm64/v8.(x+5, at
 *       most 9)} ... {@code arm64/v8}, then the vector of {@code arm/v8}.
 * </ul>
 */
final class PlatformVector {
  /**
   * Largest amd64 or arm variant number that is expanded into lower variants. containerd has no
   * bound; real variants stop at single digits, and a hostile {@code arm/v2000000000} must not
   * allocate billions of entries. Larger numbers match only themselves (and 386 for amd64).
   */
  static final int MAX_EXPANDED_VARIANT = 64;

  private PlatformVector() {}

  /** The vector for an already-normalised platform; the first entry is the platform itself. */
  static List<Platform> of(Platform host) {
    List<Platform> vector = new ArrayList<>();
    append(host, vector);
    return vector;
  }

  private static void append(Platform p, List<Platform> out) {
    out.add(p);
    switch (p.architecture()) {
      case "amd64":
        long amd64 = variantNumber(p.variant().orElse(""));
        for (long v = amd64 - 1; v >= 1 && amd64 <= MAX_EXPANDED_VARIANT; v--) {
          out.add(sibling(p, "amd64", "v" + v));
        }
        out.add(sibling(p, "386", ""));
        break;
      case "arm":
        long arm = variantNumber(p.variant().orElse(""));
        for (long v = arm - 1; v >= 5 && arm <= MAX_EXPANDED_VARIANT; v--) {
          out.add(sibling(p, "arm", "v" + v));
        }
        break;
      case "arm64":
        appendArm64(p, out);
        break;
      default:
        break;
    }
  }

  private static void appendArm64(Platform p, List<Platform> out) {
    String variant = p.variant().orElse("v8");
    int dot = variant.indexOf('.');
    String majorPart = dot < 0 ? variant : variant.substring(0, dot);
    long major = variantNumber(majorPart);
    if (major >= 8) {
      long minor = 0;
      if (dot >= 0 && variant.length() == 4) {
        minor = PlatformText.parseDecimal(variant.substring(dot + 1)).orElse(0);
      }
      if (major == 9) {
        appendArm64Minors(p, 9, minor, out);
        // v9.0 branched from v8.5: v9.x runs what v8.(x+5) runs, up to v8.9.
        minor = Math.min(minor + 5, 9);
        major = 8;
        out.add(sibling(p, "arm64", "v8." + minor));
      }
      appendArm64Minors(p, major, minor, out);
    }
    // Every arm64 v8.x and v9.x runs 32-bit arm up to v8; containerd keeps other variants as they are.
    String armVariant = variant.startsWith("v8.") || variant.startsWith("v9.") ? "v8" : variant;
    append(sibling(p, "arm", armVariant), out);
  }

  /** Adds {@code arm64/v<major>.<minor-1>} down to {@code arm64/v<major>}. */
  private static void appendArm64Minors(Platform p, long major, long minor, List<Platform> out) {
    for (long m = minor - 1; m >= 0; m--) {
      out.add(sibling(p, "arm64", m == 0 ? "v" + major : "v" + major + "." + m));
    }
  }

  /** The number in {@code vN} (or {@code N}), or -1 when it is not a number. */
  private static long variantNumber(String variant) {
    String digits = variant.startsWith("v") ? variant.substring(1) : variant;
    OptionalLong n = PlatformText.parseDecimal(digits);
    return n.isPresent() ? n.getAsLong() : -1;
  }

  private static Platform sibling(Platform p, String architecture, String variant) {
    return Platform.of(p.os(), architecture, variant, p.osVersion().orElse(""), p.osFeatures());
  }
}
