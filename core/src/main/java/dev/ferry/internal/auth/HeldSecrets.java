package dev.ferry.internal.auth;

import dev.ferry.auth.Credential;
import dev.ferry.internal.http.Scrubber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every secret one client holds: the credentials its provider handed out and the bearer
 * and refresh tokens it was given, each in every form a server may echo (see
 * {@link Secrets#forms}). Text from a server passes through {@link #scrub} before it
 * reaches an exception. The most recently used {@value #MAX_HELD} secrets are kept, so a
 * client that refreshes tokens for days does not grow without bound; a token that old is
 * no longer the one a server would echo.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class HeldSecrets implements Scrubber {
  /** Most secrets kept; the least recently used goes first. */
  static final int MAX_HELD = 256;

  private final Map<String, List<String>> held = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
      return size() > MAX_HELD;
    }
  };

  /** Holds a credential's secrets. */
  void hold(@Nullable Credential credential) {
    if (credential != null) {
      List<String> forms = Secrets.of(credential);
      if (!forms.isEmpty()) {
        put(forms.get(0), forms);
      }
    }
  }

  /** Holds a token the client was given, and the refresh token that came with it. */
  void hold(BearerToken token) {
    put(token.value(), Secrets.forms(token.value()));
    token.refresh().ifPresent(refresh -> put(refresh, Secrets.forms(refresh)));
  }

  private synchronized void put(String key, List<String> forms) {
    if (held.get(key) == null && !forms.isEmpty()) {
      held.put(key, forms);
    }
  }

  /** Every form of every secret held, for the auth layer's own messages. */
  synchronized List<String> forms() {
    List<String> all = new ArrayList<>();
    held.values().forEach(all::addAll);
    return all;
  }

  @Override
  public String scrub(String text) {
    return Secrets.withhold(text, forms());
  }

  @Override
  public String toString() {
    return "HeldSecrets[<redacted>]";
  }
}
