package dev.ferry.sync;

import dev.ferry.registry.RegistryResponseException;
import java.util.Optional;

/**
 * Recognises a destination that refuses to move an existing tag: ECR's
 * {@code ImageTagAlreadyExistsException} on a repository with immutable tags, and the
 * distribution spec's {@code TAG_INVALID} that Harbor and others send for the same.
 * Such a refusal is final: it is reported, and remembered so later runs do not push again.
 */
final class ImmutableTags {
  private ImmutableTags() {}

  static Optional<String> reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryResponseException r) {
        boolean ecr = r.errors().stream().anyMatch(e -> e.code().contains("ImageTagAlreadyExists")
            || e.message().contains("ImageTagAlreadyExists")) || String.valueOf(r.getMessage())
            .contains("ImageTagAlreadyExistsException");
        if (ecr || r.hasCode("TAG_INVALID")) {
          return Optional.of("the destination tag is immutable and already holds another digest ("
              + (ecr ? "ImageTagAlreadyExistsException" : "TAG_INVALID") + "); not retried: " + r.getMessage());
        }
      }
    }
    return Optional.empty();
  }
}
