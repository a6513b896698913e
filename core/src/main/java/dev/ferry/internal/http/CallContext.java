package dev.ferry.internal.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a request is for, so that errors can name it, and whom to tell as it goes.
 *
 * @param registry the registry as users name it, for example {@code docker.io}
 * @param repository the repository, or null for registry-wide calls
 * @param events the hooks of the call this request belongs to
 */
public record CallContext(String registry, @Nullable String repository, TransportEvents events) {
  public CallContext {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(events, "events");
  }

  /** A context whose requests report to no one. */
  public CallContext(String registry, @Nullable String repository) {
    this(registry, repository, TransportEvents.NONE);
  }
}
