package dev.ferry.manifest;

import java.util.Locale;
import java.util.Set;

/**
 * containerd's normalisation tables ({@code database.go}): OS and architecture aliases, the
 * default variants, and the operating systems and architectures Go knows.
 */
final class PlatformNormalizer {
  /** Operating systems Go's {@code syslist.go} knows; a one-part specifier is tried against these first. */
  static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd",
      "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris",
      "windows", "zos");

  /** Architectures Go's {@code syslist.go} knows (normalised names). */
  static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
      "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
      "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

  /** A normalised architecture and variant; the variant is empty when it is the default. */
  record Arch(String architecture, String variant) {}

  private PlatformNormalizer() {}

  /**
   * Lowercases an OS and maps {@code macos} to {@code darwin}. Unlike containerd, an empty OS
   * stays empty rather than becoming the host's: Ferry reads no global state here.
   */
  static String os(String os) {
    String lower = os.toLowerCase(Locale.ROOT);
    return lower.equals("macos") ? "darwin" : lower;
  }

  /** containerd's {@code normalizeArch}: aliases, default variants, lowercase. */
  static Arch arch(String architecture, String variant) {
    String arch = architecture.toLowerCase(Locale.ROOT);
    String v = variant.toLowerCase(Locale.ROOT);
    switch (arch) {
      case "i386":
        return new Arch("386", "");
      case "x86_64":
      case "x86-64":
      case "amd64":
        return new Arch("amd64", v.equals("v1") ? "" : v);
      case "aarch64":
      case "arm64":
        return new Arch("arm64", arm64Variant(v));
      case "armhf":
        return new Arch("arm", "v7");
      case "armel":
        return new Arch("arm", "v6");
      case "arm":
        return new Arch("arm", armVariant(v));
      default:
        return new Arch(arch, v);
    }
  }

  private static String arm64Variant(String v) {
    switch (v) {
      case "8":
      case "v8":
      case "v8.0":
        return "";
      case "9":
      case "9.0":
      case "v9.0":
        return "v9";
      default:
        return v;
    }
  }

  private static String armVariant(String v) {
    switch (v) {
      case "":
      case "7":
        return "v7";
      case "5":
      case "6":
      case "8":
        return "v" + v;
      default:
        return v;
    }
  }
}
