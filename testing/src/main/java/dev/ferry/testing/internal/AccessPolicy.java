package dev.ferry.testing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who may do what: users with passwords, the repositories (exact names or patterns
 * with {@code *}) each may pull from, push to or delete in, and what anonymous
 * callers may pull. Any authenticated user may list the catalog. Immutable once
 * built; thread-safe.
 */
public final class AccessPolicy {
  /** The actions a repository grant may name. */
  public static final Set<String> ACTIONS = Set.of("pull", "push", "delete");

  private record Grant(Pattern repositories, Set<String> actions) {}

  private record User(byte[] password, List<Grant> grants) {}

  private final Map<String, User> users;
  private final List<Grant> anonymous;

  private AccessPolicy(Map<String, User> users, List<Grant> anonymous) {
    this.users = Map.copyOf(users);
    this.anonymous = List.copyOf(anonymous);
  }

  /** A policy under construction. Not thread-safe. */
  public static final class Builder {
    private final Map<String, User> users = new LinkedHashMap<>();
    private final List<Grant> anonymous = new ArrayList<>();

    /** Adds a user, or a grant to a user already added with the same password. */
    public Builder grant(String user, String password, String repositories, Set<String> actions) {
      byte[] secret = password.getBytes(StandardCharsets.UTF_8);
      User existing = users.get(user);
      if (existing != null && !MessageDigest.isEqual(existing.password, secret)) {
        throw new IllegalArgumentException("user " + user + " was already given another password");
      }
      List<Grant> grants = existing == null ? new ArrayList<>() : new ArrayList<>(existing.grants);
      grants.add(new Grant(pattern(repositories), Set.copyOf(actions)));
      users.put(user, new User(secret, grants));
      return this;
    }

    /** Lets callers without credentials pull from matching repositories. */
    public Builder anonymousPull(String repositories) {
      anonymous.add(new Grant(pattern(repositories), Set.of("pull")));
      return this;
    }

    /** An independent builder with the same users and grants. */
    public Builder copy() {
      Builder copy = new Builder();
      copy.users.putAll(users);
      copy.anonymous.addAll(anonymous);
      return copy;
    }

    public boolean hasUsers() {
      return !users.isEmpty();
    }

    public AccessPolicy build() {
      return new AccessPolicy(users, anonymous);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code *} matches any run of characters (slashes included); everything else is literal. */
  static Pattern pattern(String repositories) {
    StringBuilder regex = new StringBuilder();
    for (String part : repositories.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /** The user, if the password is theirs. Compared in constant time. */
  Optional<String> authenticate(String user, String password) {
    User known = users.get(user);
    byte[] given = password.getBytes(StandardCharsets.UTF_8);
    return known != null && MessageDigest.isEqual(known.password, given) ? Optional.of(user) : Optional.empty();
  }

  /** Of the actions asked for, those {@code user} (null: anonymous) may perform. */
  Set<String> allowed(@Nullable String user, Access wanted) {
    if (wanted.type().equals("registry") && wanted.name().equals("catalog")) {
      return user == null ? Set.of() : wanted.actions().contains("*") ? Set.of("*") : Set.of();
    }
    if (!wanted.type().equals("repository")) {
      return Set.of();
    }
    List<Grant> grants = user == null ? anonymous : users.containsKey(user) ? users.get(user).grants : List.of();
    Set<String> allowed = new LinkedHashSet<>();
    for (Grant grant : grants) {
      if (grant.repositories.matcher(wanted.name()).matches()) {
        for (String action : wanted.actions()) {
          if (grant.actions.contains(action)) {
            allowed.add(action);
          }
        }
      }
    }
    return allowed;
  }

  /** Whether {@code user} (null: anonymous) may perform every action of {@code wanted}. */
  boolean permits(@Nullable String user, Access wanted) {
    if (wanted.isAuthenticationOnly()) {
      return user != null;
    }
    return allowed(user, wanted).containsAll(wanted.actions());
  }
}
