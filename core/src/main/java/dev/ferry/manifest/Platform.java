package dev.ferry.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The platform an image runs on: operating system, CPU architecture, optional CPU variant, and
 * for Windows the OS version and features. Parsing, normalisation and formatting follow
 * containerd's {@code github.com/containerd/platforms}.
 *
 * <pre>{@code
 * Platform p = Platform.parse("linux/aarch64");        // linux/arm64
 * Platform raw = Platform.of("linux", "arm", null);     // as a registry wrote it
 * raw.normalize();                                     // linux/arm/v7
 * Platform win = Platform.parse("windows(10.0.20348.2340)/amd64");
 * }</pre>
 *
 * <p>{@link #of} keeps every part exactly as given, so platforms read from a manifest are reported
 * as the registry wrote them; {@link #parse} and {@link #normalize()} give containerd's canonical
 * form. {@link #equals} compares the parts as they are: compare normalised platforms, or use a
 * {@link PlatformMatcher}, to treat {@code linux/arm} and {@code linux/arm/v7} as the same.
 * Nothing here throws on odd values from a manifest (an empty OS, an unknown architecture): they
 * are kept, formatted, and simply match nothing.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Platform {
  private final String os;
  private final String architecture;
  private final @Nullable String variant;
  private final @Nullable String osVersion;
  private final List<String> osFeatures;

  private Platform(String os, String architecture, @Nullable String variant,
      @Nullable String osVersion, List<String> osFeatures) {
    this.os = Objects.requireNonNull(os, "os");
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.variant = variant == null || variant.isEmpty() ? null : variant;
    this.osVersion = osVersion == null || osVersion.isEmpty() ? null : osVersion;
    Objects.requireNonNull(osFeatures, "osFeatures");
    for (String feature : osFeatures) {
      Objects.requireNonNull(feature, "osFeatures element");
    }
    this.osFeatures = List.copyOf(osFeatures);
  }

  /**
   * A platform from its parts, kept as given (see {@link #normalize()}).
   *
   * @param os the operating system, e.g. {@code linux}
   * @param architecture the CPU architecture, e.g. {@code amd64}
   * @return the platform
   * @throws NullPointerException if an argument is null
   * @since 0.1
   */
  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, null, null, List.of());
  }

  /**
   * A platform from its parts, kept as given (see {@link #normalize()}).
   *
   * @param os the operating system, e.g. {@code linux}
   * @param architecture the CPU architecture, e.g. {@code arm}
   * @param variant the CPU variant, e.g. {@code v7}; null or empty for none
   * @return the platform
   * @throws NullPointerException if {@code os} or {@code architecture} is null
   * @since 0.1
   */
  public static Platform of(String os, String architecture, @Nullable String variant) {
    return new Platform(os, architecture, variant, null, List.of());
  }

  /**
   * A platform with every field of the OCI {@code platform} object, kept as given.
   *
   * @param os the operating system ({@code os})
   * @param architecture the CPU architecture ({@code architecture})
   * @param variant the CPU variant ({@code variant}); null or empty for none
   * @param osVersion the OS version ({@code os.version}), e.g. {@code 10.0.20348.2340}; null or
   *     empty for none
   * @param osFeatures the OS features ({@code os.features}), e.g. {@code win32k}; copied
   * @return the platform
   * @throws NullPointerException if {@code os}, {@code architecture}, {@code osFeatures} or one of
   *     its elements is null
   * @since 0.1
   */
  public static Platform of(String os, String architecture, @Nullable String variant,
      @Nullable String osVersion, List<String> osFeatures) {
    return new Platform(os, architecture, variant, osVersion, osFeatures);
  }

  /**
   * Parses a containerd platform specifier and returns it normalised as containerd's
   * {@code Parse} does, which keeps a default variant in the form written ({@code linux/arm}
   * stays {@code linux/arm}, {@code linux/arm64/v8} stays {@code linux/arm64/v8}; matchers and
   * {@link #normalize()} treat each as its canonical form): {@code os/arch[/variant]}, where the OS may carry a version and features as
   * {@code windows(10.0.17763.1234+win32k)} (escape {@code % + ( ) /} in them as {@code %XX}).
   * Components are {@code [A-Za-z0-9_.-]+} (the OS name {@code [A-Za-z0-9_-]+}). A single
   * component is an OS if containerd knows it (the architecture is then {@link #current()}'s),
   * else an architecture if known (the OS is then {@link #current()}'s).
   *
   * <pre>{@code
   * Platform.parse("linux/arm64/v8");   // linux/arm64/v8, as written; normalize() gives linux/arm64
   * Platform.parse("Linux/x86_64");     // linux/amd64
   * Platform.parse("armhf");            // <host os>/arm (containerd drops the default v7 of a lone arch)
   * }</pre>
   *
   * @param specifier the specifier, e.g. {@code linux/arm/v7}
   * @return the platform, normalised as containerd parses it
   * @throws InvalidPlatformException if the specifier breaks the grammar, uses a wildcard, or is
   *     a single word that is neither a known OS nor a known architecture
   * @throws NullPointerException if {@code specifier} is null
   * @since 0.1
   */
  public static Platform parse(String specifier) {
    Objects.requireNonNull(specifier, "specifier");
    return PlatformParser.parse(specifier, current());
  }

  /** {@link #parse(String)} with an explicit host for one-word specifiers. */
  static Platform parse(String specifier, Platform host) {
    return PlatformParser.parse(specifier, host);
  }

  /**
   * The platform of the running JVM, from the {@code os.name} and {@code os.arch} system
   * properties, with Java's names mapped to the Go names images use ({@code Mac OS X} is
   * {@code darwin}, {@code x86} is {@code 386}, {@code aarch64} is {@code arm64}). It has no
   * {@code os.version}: add the host build with {@link #withOsVersion(String)} on Windows. 32-bit
   * ARM is assumed to be {@code v7}.
   *
   * @return the normalised host platform
   * @since 0.1
   */
  public static Platform current() {
    return current(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** {@link #current()} for given {@code os.name} and {@code os.arch} values. */
  static Platform current(String osName, String osArch) {
    return PlatformHost.fromJava(osName, osArch);
  }

  /**
   * containerd's normalised form: OS lowercased and {@code macos} read as {@code darwin};
   * architecture aliases resolved ({@code x86_64} is {@code amd64}, {@code aarch64} is
   * {@code arm64}, {@code armhf} is {@code arm/v7}, {@code armel} is {@code arm/v6},
   * {@code i386} is {@code 386}); default variants dropped ({@code arm64/v8}, {@code amd64/v1})
   * or made explicit ({@code arm} is {@code arm/v7}); OS features sorted without duplicates.
   * An empty OS stays empty (containerd would substitute the host's).
   *
   * @return the normalised platform
   * @since 0.1
   */
  public Platform normalize() {
    PlatformNormalizer.Arch arch = PlatformNormalizer.arch(architecture, variant().orElse(""));
    List<String> features = osFeatures.size() > 1 ? PlatformText.sortedDistinct(osFeatures)
        : osFeatures;
    return new Platform(PlatformNormalizer.os(os), arch.architecture(), arch.variant(), osVersion,
        features);
  }

  /**
   * This platform with another variant, kept as given.
   *
   * @param variant the new variant; empty for none
   * @return a platform that differs from this one in its variant only
   * @throws NullPointerException if {@code variant} is null
   * @since 0.1
   */
  public Platform withVariant(String variant) {
    Objects.requireNonNull(variant, "variant");
    return new Platform(os, architecture, variant, osVersion, osFeatures);
  }

  /**
   * This platform with another OS version, for example the Windows host build
   * ({@code 10.0.20348.2340}) that {@link PlatformMatcher#compatible(Platform)} checks.
   *
   * @param osVersion the new OS version; empty for none
   * @return a platform that differs from this one in its OS version only
   * @throws NullPointerException if {@code osVersion} is null
   * @since 0.1
   */
  public Platform withOsVersion(String osVersion) {
    Objects.requireNonNull(osVersion, "osVersion");
    return new Platform(os, architecture, variant, osVersion, osFeatures);
  }

  /**
   * The operating system, for example {@code linux} or {@code windows}; may be empty when read from a
   * manifest that left it out.
   *
   * @return the OS
   * @since 0.1
   */
  public String os() {
    return os;
  }

  /**
   * The CPU architecture, for example {@code amd64} or {@code arm64}.
   *
   * @return the architecture
   * @since 0.1
   */
  public String architecture() {
    return architecture;
  }

  /**
   * The CPU variant, for example {@code v7} for {@code arm}.
   *
   * @return the variant, or empty when there is none
   * @since 0.1
   */
  public Optional<String> variant() {
    return Optional.ofNullable(variant);
  }

  /**
   * The OS version ({@code os.version}), used by Windows images, e.g. {@code 10.0.20348.2340}.
   *
   * @return the OS version, or empty when there is none
   * @since 0.1
   */
  public Optional<String> osVersion() {
    return Optional.ofNullable(osVersion);
  }

  /**
   * The OS features ({@code os.features}), e.g. {@code win32k}.
   *
   * @return an unmodifiable list, empty when there are none
   * @since 0.1
   */
  public List<String> osFeatures() {
    return osFeatures;
  }

  /**
   * Whether {@code o} is a platform with exactly the same parts (not normalised).
   *
   * @param o the object to compare with
   * @return true when every part is equal as written
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Platform p && os.equals(p.os) && architecture.equals(p.architecture)
        && Objects.equals(variant, p.variant) && Objects.equals(osVersion, p.osVersion)
        && osFeatures.equals(p.osFeatures);
  }

  /**
   * A hash consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   * @since 0.1
   */
  @Override
  public int hashCode() {
    return Objects.hash(os, architecture, variant, osVersion, osFeatures);
  }

  /**
   * The specifier form {@code os[(osVersion[+feature...])]/arch[/variant]}, e.g.
   * {@code linux/arm/v7} or {@code windows(10.0.17763.1234)/amd64}, which {@link #parse} reads
   * back. The version and features are %-escaped where the grammar needs it; an empty OS is
   * shown as {@code unknown}.
   *
   * @return the specifier
   * @since 0.1
   */
  @Override
  public String toString() {
    return PlatformText.format(this);
  }
}
