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
  public boolean equals(@Nullable Object other) {
    // written out: a record's generated equals and hashCode are bootstrapped through method
    // handles, which costs a fresh JVM dozens of generated classes on its first token lookup
    return other instanceof TokenKey that && registry.equals(that.registry) && scopes.equals(that.scopes)
        && Objects.equals(credential, that.credential);
  }

  @Override
  public int hashCode() {
    return (31 * registry.hashCode() + scopes.hashCode()) * 31 + Objects.hashCode(credential);
  }

  @Override
  public String toString() {
    return "TokenKey[" + registry + " " + String.join(" ", scopes) + " as "
        + (credential == null ? "anonymous" : credential.getClass().getSimpleName()) + "]";
  }
}
