package dev.ferry.internal.auth.config;

import dev.ferry.auth.CredentialException;

/** Names of credential helpers: {@code docker-credential-<name>}, where the name cannot leave the PATH. */
public final class HelperNames {
  /** The prefix Docker puts before a helper's name to find its program. */
  public static final String PREFIX = "docker-credential-";

  private HelperNames() {}

  /** Whether a name is one Ferry will run: letters, digits, {@code . _ -}, not starting with a dot or dash. */
  public static boolean valid(String name) {
    if (name.isEmpty() || name.length() > ConfigLimits.MAX_HELPER_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || i > 0 && (c == '.' || c == '_' || c == '-');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Refuses a name from a config file that could run something other than a helper on the PATH. */
  static void check(String name, String where) {
    if (!valid(name)) {
      throw new CredentialException(where + ": " + ConfigJson.quote(name) + " is not a credential helper name"
          + " (letters, digits, '.', '_' and '-'; it is run as " + PREFIX + "<name> from the PATH)");
    }
  }
}
