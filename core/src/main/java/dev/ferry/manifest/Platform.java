package dev.ferry.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The platform an image runs on: operating system, CPU architecture, optional
 * CPU variant, and for Windows the OS version and features.
 *
 * <p>SKELETON: the full containerd-compatible parsing and normalisation is being written.
 *
 * <p>Thread-safety: immutable.
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
    this.osFeatures = List.copyOf(osFeatures);
  }

  /** A platform from its parts, kept as given (see {@link #normalize()}). */
  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, null, null, List.of());
  }

  /** A platform from its parts, kept as given (see {@link #normalize()}). */
  public static Platform of(String os, String architecture, @Nullable String variant) {
    return new Platform(os, architecture, variant, null, List.of());
  }

  /** A platform with every field of the OCI {@code platform} object, kept as given. */
  public static Platform of(String os, String architecture, @Nullable String variant,
      @Nullable String osVersion, List<String> osFeatures) {
    return new Platform(os, architecture, variant, osVersion, osFeatures);
  }

  /** Parses {@code os/arch[/variant]}. */
  public static Platform parse(String specifier) {
    String[] parts = specifier.split("/", -1);
    return new Platform(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : null,
        null, List.of());
  }

  /** The normalised form. */
  public Platform normalize() {
    return this;
  }

  public String os() {
    return os;
  }

  public String architecture() {
    return architecture;
  }

  public Optional<String> variant() {
    return Optional.ofNullable(variant);
  }

  public Optional<String> osVersion() {
    return Optional.ofNullable(osVersion);
  }

  public List<String> osFeatures() {
    return osFeatures;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Platform p && os.equals(p.os) && architecture.equals(p.architecture)
        && Objects.equals(variant, p.variant) && Objects.equals(osVersion, p.osVersion)
        && osFeatures.equals(p.osFeatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(os, architecture, variant, osVersion, osFeatures);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
