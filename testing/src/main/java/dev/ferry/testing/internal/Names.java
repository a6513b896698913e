package dev.ferry.testing.internal;

import java.util.regex.Pattern;

/** Repository names and tags as the distribution spec writes them. */
final class Names {
  static final String NAME =
      "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*";
  private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private Names() {}

  static boolean valid(String name) {
    return name.length() <= 255 && NAME_PATTERN.matcher(name).matches();
  }

  static boolean validTag(String tag) {
    return TAG.matcher(tag).matches();
  }
}
