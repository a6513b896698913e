package dev.ferry.manifest;

import java.util.OptionalLong;

/**
 * The major.minor.build of a Windows {@code os.version}, and containerd's rule for which container
 * builds a host build can run ({@code platform_windows_compat.go}).
 *
 * @param major the major version (0-255)
 * @param minor the minor version (0-255)
 * @param build the build number (0-65535)
 */
record PlatformWindowsVersion(int major, int minor, int build) {
  /** Windows Server 2019 / Windows 10 1809 ("RS5"). */
  static final int LTSC_2019 = 17763;
  /** Windows Server 2022: the first build with a stable container ABI. */
  static final int LTSC_2022 = 20348;
  /** Windows 11 22H2. */
  static final int WIN11_22H2 = 22621;
  /** Windows Server annual channel 23H2. */
  static final int SAC_23H2 = 25398;
  /** Windows Server 2025. */
  static final int LTSC_2025 = 26100;

  /** LTSC releases with a stable ABI, ascending. */
  private static final int[] STABLE_ABI_RELEASES = {LTSC_2022, LTSC_2025};

  /** What an absent or unreadable version parses to; a host with it accepts every version. */
  static final PlatformWindowsVersion NONE = new PlatformWindowsVersion(0, 0, 0);

  /**
   * Reads the first three dot-separated numbers; anything unreadable (fewer than two dots, a
   * non-number, a number out of range) gives {@link #NONE}, as containerd does.
   */
  static PlatformWindowsVersion parse(String osVersion) {
    int first = osVersion.indexOf('.');
    int second = first < 0 ? -1 : osVersion.indexOf('.', first + 1);
    if (second < 0) {
      return NONE;
    }
    int third = osVersion.indexOf('.', second + 1);
    int major = unsigned(osVersion.substring(0, first), 0xff);
    int minor = unsigned(osVersion.substring(first + 1, second), 0xff);
    int build = unsigned(osVersion.substring(second + 1, third < 0 ? osVersion.length() : third),
        0xffff);
    if (major < 0 || minor < 0 || build < 0) {
      return NONE;
    }
    return new PlatformWindowsVersion(major, minor, build);
  }

  /**
   * The revision (UBR), the fourth dot-separated number, or 0 when absent or unreadable.
   */
  static long revision(String osVersion) {
    String[] parts = osVersion.split("\\.", -1);
    if (parts.length < 4) {
      return 0;
    }
    OptionalLong r = PlatformText.parseDecimal(parts[3]);
    return r.orElse(0);
  }

  boolean isNone() {
    return major == 0 && minor == 0 && build == 0;
  }

  /**
   * Whether a host of this version can run a container of {@code container}'s version with
   * process isolation. Major and minor must be equal. Hosts older than Windows Server 2022 need
   * the same build; newer hosts run any build from the newest stable-ABI LTSC release that is
   * older than the host (Windows Server 2022 at least) up to their own build.
   */
  boolean canRun(PlatformWindowsVersion container) {
    if (major != container.major || minor != container.minor) {
      return false;
    }
    if (build < LTSC_2022) {
      return build == container.build;
    }
    int oldest = LTSC_2022;
    for (int i = STABLE_ABI_RELEASES.length - 1; i >= 0; i--) {
      if (build > STABLE_ABI_RELEASES[i]) {
        oldest = STABLE_ABI_RELEASES[i];
        break;
      }
    }
    return oldest <= container.build && container.build <= build;
  }

  /** An unsigned decimal of ASCII digits no greater than {@code max}, or -1. */
  private static int unsigned(String s, int max) {
    if (s.isEmpty()) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value > max) {
        return -1;
      }
    }
    return value;
  }
}
