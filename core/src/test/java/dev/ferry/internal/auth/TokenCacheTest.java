package dev.ferry.internal.auth;

import dev.ferry.it.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  private final MutableClock clock = new MutableClock(START);
  private final TokenCache cache = new TokenCache(clock, AuthOptions.defaults());
  private final TokenKey key = TokenKey.of("docker.io", List.of(Scope.pull("library/nginx")), null);
  private final AtomicInteger fetches = new AtomicInteger();

  private BearerToken fetch(Duration lifetime) {
    int n = fetches.incrementAndGet();
    Instant now = clock.instant();
    return new BearerToken("token-" + n, now, now.plus(lifetime), null);
  }

  @Test
  void reusesAFreshTokenAndReplacesItAMarginBeforeExpiry() {
    // 300 s lifetime: margin is 10 % = 30 s, so the token is replaced from 270 s on
    assertThat(cache.get(key, () -> fetch(Duration.ofSeconds(300))).value()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(269));
    assertThat(cache.get(key, () -> fetch(Duration.ofSeconds(300))).value()).isEqualTo("token-1");
    assertThat(cache.fresh(key)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.fresh(key)).isEmpty();
    assertThat(cache.get(key, () -> fetch(Duration.ofSeconds(300))).value()).isEqualTo("token-2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void theMarginIsAtLeastTheMinimumAndAtMostHalfTheLifetime() {
    AuthOptions options = AuthOptions.defaults();
    assertThat(options.marginFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(6));
    assertThat(options.marginFor(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.marginFor(Duration.ofSeconds(3600))).isEqualTo(Duration.ofSeconds(360));
    assertThat(options.withExpiryMargin(0.5, Duration.ofMinutes(10)).marginFor(Duration.ofSeconds(60)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(options.withExpiryMargin(0, Duration.ZERO).marginFor(Duration.ofSeconds(60))).isZero();
    assertThatThrownBy(() -> options.withExpiryMargin(0.9, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.withExpiryMargin(0.1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aConfiguredMarginChangesWhenTokensAreReplaced() {
    TokenCache eager = new TokenCache(clock, AuthOptions.defaults().withExpiryMargin(0.5, Duration.ZERO));
    eager.get(key, () -> fetch(Duration.ofSeconds(100)));
    clock.advance(Duration.ofSeconds(49));
    assertThat(eager.fresh(key)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(eager.fresh(key)).isEmpty();
  }

  @Test
  void keysDifferBySortedScopesAndCredential() {
    TokenKey ab = TokenKey.of("r", List.of(Scope.pull("a"), Scope.pull("b")), null);
    TokenKey ba = TokenKey.of("r", List.of(Scope.pull("b"), Scope.pull("a"), Scope.pull("a")), null);
    assertThat(ab).isEqualTo(ba);
    TokenKey alice = TokenKey.of("r", List.of(Scope.pull("a")), Credential.basic("alice", "pw-1"));
    TokenKey bob = TokenKey.of("r", List.of(Scope.pull("a")), Credential.basic("bob", "pw-2"));
    assertThat(alice).isNotEqualTo(bob);
    cache.get(alice, () -> fetch(Duration.ofMinutes(5)));
    assertThat(cache.fresh(bob)).isEmpty();
    assertThat(alice.toString()).doesNotContain("pw-1").doesNotContain("alice").contains("UsernamePassword");
  }

  @Test
  void invalidateDropsOnlyTheTokenGiven() {
    BearerToken first = cache.get(key, () -> fetch(Duration.ofMinutes(5)));
    cache.invalidate(key, first);
    BearerToken second = cache.get(key, () -> fetch(Duration.ofMinutes(5)));
    cache.invalidate(key, first); // a late thread that also saw the first token refused
    assertThat(cache.fresh(key)).contains(second);
  }

  @Test
  void aFailedFetchIsNotCached() {
    assertThatThrownBy(() -> cache.get(key, () -> {
      throw new IllegalStateException("token server down");
    })).hasMessage("token server down");
    assertThat(cache.size()).isZero();
    assertThat(cache.get(key, () -> fetch(Duration.ofMinutes(5))).value()).isEqualTo("token-1");
  }

  @Test
  void expiredEntriesAreSweptWhenTheCacheGrows() {
    for (int i = 0; i < 300; i++) {
      cache.get(TokenKey.of("r", List.of(Scope.pull("repo" + i)), null), () -> fetch(Duration.ofSeconds(60)));
    }
    clock.advance(Duration.ofSeconds(61));
    cache.get(key, () -> fetch(Duration.ofSeconds(60)));
    assertThat(cache.size()).isEqualTo(1);
  }
}
