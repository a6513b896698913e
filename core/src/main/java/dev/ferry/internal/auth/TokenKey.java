package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a cached token is for: a registry, a set of scopes, and the credential it
 * was obtained with, so two credentials for one registry (one per repository, say)
 * never share a token. Immutable; {@link #toString()} names the credential's kind only.
 *
 * @param registry the registry as the caller names it
 * @param scopes the scopes the caller asked for, sorted and without duplicates
 * @param credential the credential the token was fetched with, or null for anonymous
 */
record TokenKey(String registry, List<String> scopes, @Nullable Credential credential) {
  TokenKey {
    Objects.requireNonNull(registry, "registry");
    scopes = List.copyOf(new TreeSet<>(scopes));
  }

  static TokenKey of(String registry, List<Scope> scopes, @Nullable Credential credential) {
    return new TokenKey(registry, scopes.stream().map(Scope::toString).toList(), credential);
  }

  @Override
  public String toString() {
    return "TokenKey[" + registry + " " + String.join(" ", scopes) + " as "
        + (credential == null ? "anonymous" : credential.getClass().getSimpleName()) + "]";
  }
}
