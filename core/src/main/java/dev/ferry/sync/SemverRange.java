package dev.ferry.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An npm-style range ({@code >=1.4.0}, {@code >=1.2 <2}, {@code ^1.2}, {@code ~1.2.3},
 * {@code 1.x}, {@code 1.2 - 1.4}, {@code a || b}), desugared into sets of plain comparators.
 * A pre-release version satisfies a set only when one of the set's comparators, as written,
 * names a pre-release of the same major.minor.patch (npm's rule): {@code >=1.0.0} never yields
 * {@code 2.0.0-rc.1}, {@code >=2.0.0-rc.0} does.
 */
final class SemverRange {
  private static final String KIND = "semantic-version range";
  private static final Pattern PARTIAL = Pattern.compile(
      "[vV]?(\\d{1,18}|[xX*])(?:\\.(\\d{1,18}|[xX*]))?(?:\\.(\\d{1,18}|[xX*]))?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|\\^|~)\\s+");
  private static final Pattern HYPHEN = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$");

  private enum Op { LT, LE, GT, GE, EQ }

  /** One comparison; {@code named} when the user wrote this version (so its pre-release counts as asked for). */
  private record Comparator(Op op, Semver version, boolean named) {
    boolean test(Semver v) {
      int c = v.compareTo(version);
      return switch (op) {
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        case EQ -> c == 0;
      };
    }
  }

  /** A version as written: null parts are missing or wildcards. */
  private record Partial(@Nullable Long major, @Nullable Long minor, @Nullable Long patch, List<String> prerelease) {
    boolean full() {
      return major != null && minor != null && patch != null;
    }

    Semver floor() {
      return new Semver(zero(major), zero(minor), zero(patch), full() ? prerelease : List.of());
    }

    private static long zero(@Nullable Long part) {
      return part == null ? 0 : part;
    }
  }

  private final String text;
  private final List<List<Comparator>> sets;

  private SemverRange(String text, List<List<Comparator>> sets) {
    this.text = text;
    this.sets = sets;
  }

  static SemverRange parse(String range) {
    List<List<Comparator>> sets = new ArrayList<>();
    for (String set : range.split("\\|\\|", -1)) {
      sets.add(parseSet(range, set.trim()));
    }
    return new SemverRange(range, List.copyOf(sets));
  }

  boolean test(Semver version) {
    for (List<Comparator> set : sets) {
      if (set.stream().allMatch(c -> c.test(version)) && prereleaseAllowed(set, version)) {
        return true;
      }
    }
    return false;
  }

  private static boolean prereleaseAllowed(List<Comparator> set, Semver version) {
    return !version.isPrerelease() || set.stream()
        .anyMatch(c -> c.named() && c.version().isPrerelease() && c.version().sameRelease(version));
  }

  private static List<Comparator> parseSet(String range, String set) {
    List<Comparator> out = new ArrayList<>();
    String normalised = OPERATOR_SPACE.matcher(set).replaceAll("$1");
    Matcher hyphen = HYPHEN.matcher(normalised);
    if (hyphen.matches()) {
      out.add(new Comparator(Op.GE, partial(range, hyphen.group(1)).floor(), true));
      upTo(out, partial(range, hyphen.group(2)), true);
      return List.copyOf(out);
    }
    if (normalised.isEmpty()) {
      out.add(new Comparator(Op.GE, Semver.of(0, 0, 0), false));
      return List.copyOf(out);
    }
    for (String token : normalised.split("\\s+")) {
      comparator(range, token, out);
    }
    return List.copyOf(out);
  }

  private static void comparator(String range, String token, List<Comparator> out) {
    String op = token.startsWith(">=") || token.startsWith("<=") ? token.substring(0, 2)
        : token.startsWith(">") || token.startsWith("<") || token.startsWith("=") || token.startsWith("^")
            || token.startsWith("~") ? token.substring(0, 1) : "";
    Partial p = partial(range, token.substring(op.length()));
    switch (op) {
      case "^" -> caret(p, out);
      case "~" -> tilde(p, out);
      case ">=" -> out.add(new Comparator(Op.GE, p.floor(), true));
      case "<" -> out.add(p.full() ? new Comparator(Op.LT, p.floor(), true)
          : new Comparator(Op.LT, p.floor().withPrerelease("0"), false));
      case ">" -> {
        if (p.full()) {
          out.add(new Comparator(Op.GT, p.floor(), true));
        } else if (p.major() == null) {
          out.add(new Comparator(Op.LT, Semver.of(0, 0, 0).withPrerelease("0"), false));
        } else {
          out.add(new Comparator(Op.GE, bump(p.major(), p.minor()), false));
        }
      }
      case "<=" -> upTo(out, p, true);
      default -> {
        if (p.full()) {
          out.add(new Comparator(Op.EQ, p.floor(), true));
        } else {
          out.add(new Comparator(Op.GE, p.floor(), false));
          if (p.major() != null) {
            out.add(new Comparator(Op.LT, bump(p.major(), p.minor()).withPrerelease("0"), false));
          }
        }
      }
    }
  }

  /** {@code <=p}: inclusive for a full version, below the next release of the named part otherwise. */
  private static void upTo(List<Comparator> out, Partial p, boolean named) {
    if (p.full()) {
      out.add(new Comparator(Op.LE, p.floor(), named));
    } else if (p.major() != null) {
      out.add(new Comparator(Op.LT, bump(p.major(), p.minor()).withPrerelease("0"), false));
    }
  }

  private static void tilde(Partial p, List<Comparator> out) {
    out.add(new Comparator(Op.GE, p.floor(), true));
    if (p.major() == null) {
      return;
    }
    out.add(new Comparator(Op.LT, bump(p.major(), p.minor()).withPrerelease("0"), false));
  }

  private static void caret(Partial p, List<Comparator> out) {
    out.add(new Comparator(Op.GE, p.floor(), true));
    if (p.major() == null) {
      return;
    }
    Semver below;
    if (p.major() > 0 || p.minor() == null) {
      below = Semver.of(p.major() + 1, 0, 0);
    } else if (p.minor() > 0 || p.patch() == null) {
      below = Semver.of(0, p.minor() + 1, 0);
    } else {
      below = Semver.of(0, 0, p.patch() + 1);
    }
    out.add(new Comparator(Op.LT, below.withPrerelease("0"), false));
  }

  /** The first release after everything a partial version covers: 1.2 gives 1.3.0, 1 gives 2.0.0. */
  private static Semver bump(long major, @Nullable Long minor) {
    return minor == null ? Semver.of(major + 1, 0, 0) : Semver.of(major, minor + 1, 0);
  }

  private static Partial partial(String range, String text) {
    Matcher m = PARTIAL.matcher(text);
    if (!m.matches()) {
      throw new InvalidTagFilterException(KIND, range, "\"" + text + "\" is not a version"
          + " (write e.g. >=1.4.0, >=1.2 <2, ^1.2, ~1.2.3, 1.x, 1.2 - 1.4, or several joined with ||)", null);
    }
    Long major = number(m.group(1));
    Long minor = major == null ? null : number(m.group(2));
    Long patch = minor == null ? null : number(m.group(3));
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return new Partial(major, minor, patch, pre);
  }

  private static @Nullable Long number(@Nullable String part) {
    return part == null || part.equalsIgnoreCase("x") || part.equals("*") ? null : Long.valueOf(part);
  }

  @Override
  public String toString() {
    return text;
  }
}
