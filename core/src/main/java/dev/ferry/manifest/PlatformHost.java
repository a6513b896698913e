package dev.ferry.manifest;

import java.util.Locale;

/**
 * Maps the JVM's {@code os.name} and {@code os.arch} to Go's {@code GOOS}/{@code GOARCH} names,
 * which is what image platforms use.
 */
final class PlatformHost {
  private PlatformHost() {}

  /** The normalised platform for the given {@code os.name} and {@code os.arch} values. */
  static Platform fromJava(String osName, String osArch) {
    String arch = osArch.trim().toLowerCase(Locale.ROOT);
    String variant = "";
    switch (arch) {
      case "x86_64":
      case "x86-64":
      case "amd64":
      case "x64":
      case "em64t":
        arch = "amd64";
        break;
      case "x86":
      case "i386":
      case "i486":
      case "i586":
      case "i686":
      case "ia32":
        arch = "386";
        break;
      case "aarch64":
      case "arm64":
        arch = "arm64";
        break;
      case "arm":
      case "arm32":
      case "armv7":
      case "armv7l":
      case "armhf":
        arch = "arm";
        variant = "v7";
        break;
      case "armv6":
      case "armv6l":
      case "armel":
        arch = "arm";
        variant = "v6";
        break;
      case "armv5":
      case "armv5l":
      case "armv5tel":
        arch = "arm";
        variant = "v5";
        break;
      case "loongarch64":
        arch = "loong64";
        break;
      case "powerpc":
        arch = "ppc";
        break;
      case "mipsel":
        arch = "mipsle";
        break;
      case "mips64el":
        arch = "mips64le";
        break;
      case "sparcv9":
        arch = "sparc64";
        break;
      default:
        arch = sanitize(arch);
        break;
    }
    return Platform.of(os(osName), arch, variant).normalize();
  }

  private static String os(String osName) {
    String os = osName.trim().toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return "windows";
    }
    if (os.startsWith("mac") || os.equals("darwin")) {
      return "darwin";
    }
    if (os.equals("sunos") || os.equals("solaris")) {
      return "solaris";
    }
    if (os.equals("z/os") || os.equals("os/390")) {
      return "zos";
    }
    if (os.startsWith("dragonfly")) {
      return "dragonfly";
    }
    return sanitize(os);
  }

  /** Keeps only characters a platform component may hold, so the result always formats and parses. */
  private static String sanitize(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
