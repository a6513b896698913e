package dev.ferry.internal.auth;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A token scope, {@code repository:org/app:pull,push}.
 *
 * @param type the resource type, usually {@code repository}
 * @param name the resource name, e.g. {@code org/app}
 * @param actions the actions, e.g. {@code pull}, {@code push}
 */
public record Scope(String type, String name, Set<String> actions) {
  public Scope {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    actions = Set.copyOf(new TreeSet<>(actions));
  }

  /** {@code repository:<name>:pull} */
  public static Scope pull(String repository) {
    return new Scope("repository", repository, Set.of("pull"));
  }

  /** {@code repository:<name>:pull,push} */
  public static Scope pullPush(String repository) {
    return new Scope("repository", repository, Set.of("pull", "push"));
  }

  /** {@code repository:<name>:delete} plus pull (registries want both to delete). */
  public static Scope delete(String repository) {
    return new Scope("repository", repository, Set.of("pull", "delete"));
  }

  /** {@code registry:catalog:*} */
  public static Scope catalog() {
    return new Scope("registry", "catalog", Set.of("*"));
  }

  /** The wire form, actions sorted: {@code repository:org/app:pull,push}. */
  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", new TreeSet<>(actions));
  }
}
