package dev.ferry.internal.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a request is for, so that errors can name it.
 *
 * @param registry the registry as users name it, e.g. {@code docker.io}
 * @param repository the repository, or null for registry-wide calls
 */
public record CallContext(String registry, @Nullable String repository) {
  public CallContext {
    Objects.requireNonNull(registry, "registry");
  }
}
