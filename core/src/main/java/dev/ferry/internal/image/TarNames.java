package dev.ferry.internal.image;

import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import java.nio.file.Path;

/** Paths inside an archive: one spelling for lookups, and no way out of the archive. */
final class TarNames {
  private TarNames() {}

  /** Drops {@code ./} prefixes, doubled and trailing slashes, so that lookups match however a tool spelled it. */
  static String normalise(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  /** The normalised name, or a typed error when it is absolute or climbs out with {@code ..}. */
  static String checked(Path archive, String name) {
    if (name.startsWith("/") || name.contains("\0") || name.contains("\\")) {
      throw new ImageLocationException(archive, Problem.UNSAFE_ENTRY, "the entry " + quote(name)
          + " is an absolute or platform-specific path; archive entries must be relative", null);
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new ImageLocationException(archive, Problem.UNSAFE_ENTRY, "the entry " + quote(name)
            + " escapes the archive with '..'", null);
      }
    }
    return normalise(name);
  }

  private static String quote(String name) {
    return dev.ferry.internal.Texts.quote(name);
  }
}
