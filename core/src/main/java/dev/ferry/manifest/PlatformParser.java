package dev.ferry.manifest;

import dev.ferry.internal.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * containerd's {@code Parse} ({@code platforms.go}) for the specifier grammar
 * {@code <os>[(<version>[+<feature>]*)] | <arch> | <os>[(...)]/<arch>[/<variant>]}.
 */
final class PlatformParser {
  private static final String COMPONENT_RULE = "must match [A-Za-z0-9_.-]+";
  private static final String OS_RULE =
      "must match [A-Za-z0-9_-]+, optionally followed by (version+feature...)";

  private PlatformParser() {}

  /** Parses and normalises as containerd does; a one-part specifier borrows the missing part from {@code host}. */
  static Platform parse(String specifier, Platform host) {
    if (specifier.indexOf('*') >= 0) {
      throw new InvalidPlatformException(specifier, "wildcards are not supported");
    }
    String[] parts = specifier.split("/", -1);
    if (parts.length > 3) {
      throw new InvalidPlatformException(specifier,
          "too many components: expected os, arch, os/arch or os/arch/variant");
    }
    OsComponent os = parseOs(specifier, parts[0]);
    for (int i = 1; i < parts.length; i++) {
      if (!PlatformText.isWord(parts[i], ".")) {
        throw new InvalidPlatformException(specifier,
            "component \"" + Texts.escape(parts[i]) + "\" " + COMPONENT_RULE);
      }
    }
    if (parts.length == 1) {
      return parseSingle(specifier, os, host.normalize());
    }
    String variant = parts.length == 3 ? parts[2] : "";
    return asWritten(Platform.of(os.name, parts[1], variant, os.version, os.features).normalize(),
        parts.length == 3);
  }

  /**
   * containerd's {@code Parse} keeps the default variant in the form the user wrote it: an
   * {@code arm} without a variant stays {@code arm} (not {@code arm/v7}), and an explicit
   * {@code arm64/v8} stays {@code arm64/v8}. Matching normalises, so both still match the same.
   */
  private static Platform asWritten(Platform normalized, boolean variantWritten) {
    String arch = normalized.architecture();
    String variant = normalized.variant().orElse("");
    if (!variantWritten && arch.equals("arm") && variant.equals("v7")) {
      return normalized.withVariant("");
    }
    if (variantWritten && arch.equals("arm64") && variant.isEmpty()) {
      return normalized.withVariant("v8");
    }
    return normalized;
  }

  /** A lone word is an OS if Go knows it, else an architecture if Go knows that, else an error. */
  private static Platform parseSingle(String specifier, OsComponent os, Platform host) {
    if (PlatformNormalizer.KNOWN_OS.contains(PlatformNormalizer.os(os.name))) {
      // containerd takes the host variant only for 32-bit arm, whose variant it detects.
      String variant = host.architecture().equals("arm") ? host.variant().orElse("") : "";
      return asWritten(Platform.of(os.name, host.architecture(), variant, os.version, os.features)
          .normalize(), false);
    }
    if (!os.hasOptions) {
      PlatformNormalizer.Arch arch = PlatformNormalizer.arch(os.name, "");
      if (PlatformNormalizer.KNOWN_ARCH.contains(arch.architecture())) {
        return asWritten(Platform.of(host.os(), arch.architecture(), arch.variant()).normalize(), false);
      }
    }
    throw new InvalidPlatformException(specifier, "unknown operating system or architecture");
  }

  private static OsComponent parseOs(String specifier, String part) {
    int open = part.indexOf('(');
    String name = open < 0 ? part : part.substring(0, open);
    if (!PlatformText.isWord(name, "")) {
      throw new InvalidPlatformException(specifier,
          "operating system \"" + Texts.escape(part) + "\" " + OS_RULE);
    }
    if (open < 0) {
      return new OsComponent(name, "", List.of(), false);
    }
    String options = part.endsWith(")") ? part.substring(open + 1, part.length() - 1) : null;
    if (options == null || (!options.isEmpty() && !PlatformText.isWord(options, ".%+"))) {
      throw new InvalidPlatformException(specifier,
          "operating system \"" + Texts.escape(part) + "\" " + OS_RULE);
    }
    String[] pieces = options.split("\\+", -1);
    String version = unescape(specifier, pieces[0], "OS version");
    List<String> features = new ArrayList<>(pieces.length - 1);
    for (int i = 1; i < pieces.length; i++) {
      if (pieces[i].isEmpty()) {
        throw new InvalidPlatformException(specifier, "empty OS feature after \"+\"");
      }
      String feature = unescape(specifier, pieces[i], "OS feature");
      if (!feature.isEmpty()) {
        features.add(feature);
      }
    }
    return new OsComponent(name, version, features, true);
  }

  private static String unescape(String specifier, String value, String what) {
    try {
      return PlatformText.unescapeOption(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidPlatformException(specifier,
          "invalid " + what + " \"" + Texts.escape(value) + "\": " + e.getMessage());
    }
  }

  /** The first component: OS name, decoded version (may be empty), decoded features. */
  private record OsComponent(String name, String version, List<String> features,
      boolean hasOptions) {}
}
