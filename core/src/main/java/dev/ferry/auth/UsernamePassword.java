package dev.ferry.auth;

import java.util.Objects;

/**
 * A username and password (or access token used as a password): sent as Basic
 * auth, or exchanged for a bearer token.
 *
 * @param username the user name
 * @param password the password or token; never printed
 * @since 0.1
 */
public record UsernamePassword(String username, String password) implements Credential {
  /**
   * Validates the parts.
   *
   * @param username the user name
   * @param password the password
   * @since 0.1
   */
  public UsernamePassword {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /**
   * {@return the user name and a redacted password}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "UsernamePassword[username=" + username + ", password=<redacted>]";
  }
}
