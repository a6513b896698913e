package dev.ferry.auth;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A username and password (or access token used as a password): sent as Basic
 * auth, or exchanged for a bearer token.
 *
 * @param username the user name
 * @param password the password or token; never printed
 * @param source where it was found (see {@link Credential#source()}); not part of equality
 * @since 0.1
 */
public record UsernamePassword(String username, String password, Optional<String> source) implements Credential {
  /**
   * Validates the parts.
   *
   * @param username the user name
   * @param password the password
   * @param source where it was found, or empty
   * @since 0.1
   */
  public UsernamePassword {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(source, "source");
  }

  /**
   * A user name and password found nowhere in particular (given in code).
   *
   * @param username the user name
   * @param password the password
   * @since 0.1
   */
  public UsernamePassword(String username, String password) {
    this(username, password, Optional.empty());
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1
   */
  @Override
  public UsernamePassword withSource(String source) {
    return new UsernamePassword(username, password, CredentialSources.of(source));
  }

  /**
   * {@return whether the other is a {@code UsernamePassword} with the same user name and password}
   *
   * @param other the object to compare with
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof UsernamePassword that && username.equals(that.username) && password.equals(that.password);
  }

  /**
   * {@return a hash of the user name and password}
   *
   * @since 0.1
   */
  @Override
  public int hashCode() {
    return Objects.hash(username, password);
  }

  /**
   * {@return the user name and a redacted password}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "UsernamePassword[username=" + username + ", password=<redacted>" + CredentialSources.text(source) + "]";
  }
}
