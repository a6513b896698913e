package dev.ferry.testing.internal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A resource and actions on it, as a token scope names them:
 * {@code repository:demo/app:pull,push} or {@code registry:catalog:*}. The empty
 * resource type stands for "any authenticated caller" ({@code /v2/}). Immutable.
 */
record Access(String type, String name, Set<String> actions) {
  static final Access AUTHENTICATED = new Access("", "", Set.of());

  Access {
    actions = Set.copyOf(actions);
  }

  static Access repository(String name, String... actions) {
    return new Access("repository", name, new LinkedHashSet<>(java.util.List.of(actions)));
  }

  static Access catalog() {
    return new Access("registry", "catalog", Set.of("*"));
  }

  /** Parses {@code type:name:action,action}; the name may itself hold colons. */
  static Optional<Access> parse(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first) {
      return Optional.empty();
    }
    Set<String> actions = new LinkedHashSet<>();
    for (String action : scope.substring(last + 1).split(",")) {
      if (!action.isBlank()) {
        actions.add(action.trim());
      }
    }
    return Optional.of(new Access(scope.substring(0, first), scope.substring(first + 1, last), actions));
  }

  /** The scope string, with the actions in a stable order (pull, push, delete, then others). */
  String scope() {
    StringBuilder out = new StringBuilder(type).append(':').append(name).append(':');
    java.util.List<String> ordered = new java.util.ArrayList<>(actions);
    ordered.sort(java.util.Comparator.comparingInt(Access::rank).thenComparing(a -> a));
    return out.append(String.join(",", ordered)).toString();
  }

  private static int rank(String action) {
    return switch (action) {
      case "pull" -> 0;
      case "push" -> 1;
      case "delete" -> 2;
      default -> 3;
    };
  }

  boolean isAuthenticationOnly() {
    return type.isEmpty();
  }
}
