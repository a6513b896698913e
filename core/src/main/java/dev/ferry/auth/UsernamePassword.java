package dev.ferry.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
   * Whether {@code other} is a username and password with the same parts.
   *
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    // written out: a record's generated equals and hashCode are bootstrapped through method
    // handles, which costs a fresh JVM dozens of generated classes on its first token lookup
    return other instanceof UsernamePassword that && username.equals(that.username)
        && password.equals(that.password);
  }

  /**
   * {@return a hash of the parts}
   *
   * @since 0.1
   */
  @Override
  public int hashCode() {
    return 31 * username.hashCode() + password.hashCode();
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
