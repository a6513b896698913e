package dev.ferry.reference;

import dev.ferry.FerryLimits;
import org.jspecify.annotations.Nullable;

/**
 * Splits reference text into registry, path, tag and digest the way
 * {@code ParseNormalizedNamed} of {@code github.com/distribution/reference} does,
 * and checks each part with {@link ReferenceGrammar}.
 *
 * <p>Thread-safety: stateless.
 */
final class ReferenceParser {
  private ReferenceParser() {}

  static ImageReference parse(String reference) {
    // The length comes first so that nothing below ever scans oversized input.
    ReferenceGrammar.checkLength(reference, reference, "reference", FerryLimits.MAX_REFERENCE_LENGTH);
    if (reference.isEmpty()) {
      throw new InvalidReferenceException(reference, "reference is empty");
    }
    ReferenceGrammar.checkCharacters(reference, reference, "reference");
    checkNoScheme(reference);
    if (ReferenceGrammar.isImageId(reference)) {
      throw new InvalidReferenceException(reference, "looks like an image ID (64 hex digits), not a reference;"
          + " name the repository, e.g. repository@sha256:<id>");
    }
    String registry = ReferenceGrammar.DOCKER_HUB;
    String remainder = reference;
    int slash = reference.indexOf('/');
    if (slash >= 0 && ReferenceGrammar.looksLikeRegistry(reference.substring(0, slash))) {
      registry = reference.substring(0, slash);
      remainder = reference.substring(slash + 1);
      ReferenceGrammar.checkRegistry(reference, registry);
    }
    // Path characters exclude ':' and '@', so the first of either ends the path.
    int at = remainder.indexOf('@');
    String nameAndTag = at < 0 ? remainder : remainder.substring(0, at);
    int colon = nameAndTag.indexOf(':');
    String path = colon < 0 ? nameAndTag : nameAndTag.substring(0, colon);
    ReferenceGrammar.checkPath(reference, path);
    @Nullable String tag = null;
    if (colon >= 0) {
      tag = nameAndTag.substring(colon + 1);
      ReferenceGrammar.checkTag(reference, tag);
    }
    @Nullable Digest digest = at < 0 ? null : ReferenceGrammar.parseDigest(reference, remainder.substring(at + 1));
    return ImageReference.assemble(reference, registry, path, tag, digest);
  }

  /**
   * A URL scheme ({@code https://}, {@code http://}) or a tool's transport prefix
   * ({@code docker://}) is not part of a reference; said plainly rather than as the
   * "empty port" the grammar would otherwise report for {@code http://host:5000/app}.
   */
  private static void checkNoScheme(String reference) {
    int separator = reference.indexOf("://");
    if (separator <= 0) {
      return;
    }
    String scheme = reference.substring(0, separator);
    for (int i = 0; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-'
          || c == '.')) {
        return;
      }
    }
    String hint = scheme.equalsIgnoreCase("http")
        ? "; to reach a plain-HTTP registry, name it with RegistryClientBuilder.plainHttp(\"host:port\")"
        : "";
    throw new InvalidReferenceException(reference, "an image reference has no scheme: drop "
        + ReferenceGrammar.quote(scheme + "://") + " and write registry/repository:tag" + hint);
  }
}
