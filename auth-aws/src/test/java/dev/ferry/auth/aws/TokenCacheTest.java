package dev.ferry.auth.aws;

import dev.ferry.it.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LIFE = Duration.ofHours(12);

  private final MutableClock clock = new MutableClock(T0);
  private final List<EcrCredentialException> reported = new CopyOnWriteArrayList<>();
  private final TokenCache cache = new TokenCache(clock, Duration.ofMinutes(15), Duration.ofMinutes(1), reported::add);
  private final AtomicInteger fetches = new AtomicInteger();

  private Supplier<EcrToken> issuing(String password) {
    return () -> {
      fetches.incrementAndGet();
      return new EcrToken(Credential.basic("AWS", password), clock.instant(), clock.instant().plus(LIFE));
    };
  }

  private Supplier<EcrToken> failing(String code) {
    return () -> {
      fetches.incrementAndGet();
      throw new EcrCredentialException("refused with " + code, "r", code, 400, null);
    };
  }

  @Test
  void concurrentCallersShareOneFetch() throws Exception {
    int callers = 8;
    CountDownLatch inFetch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<EcrToken> slow = () -> {
      fetches.incrementAndGet();
      inFetch.countDown();
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return new EcrToken(Credential.basic("AWS", "shared"), clock.instant(), clock.instant().plus(LIFE));
    };
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Credential>> answers = new ArrayList<>();
      answers.add(pool.submit(() -> cache.get("r", slow)));
      assertThat(inFetch.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < callers; i++) {
        answers.add(pool.submit(() -> cache.get("r", slow)));
      }
      Thread.sleep(100); // the others are now queued behind the fetch in progress
      release.countDown();
      for (Future<Credential> f : answers) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(Credential.basic("AWS", "shared"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void refreshesOnlyWithinTheMarginBeforeExpiry() {
    assertThat(cache.get("r", issuing("first"))).isEqualTo(Credential.basic("AWS", "first"));
    clock.advance(LIFE.minusMinutes(16));
    assertThat(cache.get("r", issuing("second"))).isEqualTo(Credential.basic("AWS", "first"));
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofMinutes(2)); // 14 minutes before expiry: inside the margin
    assertThat(cache.get("r", issuing("second"))).isEqualTo(Credential.basic("AWS", "second"));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void shortLivedTokenIsUsedForHalfItsLife() {
    Supplier<EcrToken> tenMinutes = () -> {
      fetches.incrementAndGet();
      return new EcrToken(Credential.basic("AWS", "short"), clock.instant(), clock.instant().plusSeconds(600));
    };
    cache.get("r", tenMinutes);
    clock.advance(Duration.ofMinutes(4));
    cache.get("r", tenMinutes);
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofMinutes(2));
    cache.get("r", tenMinutes);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void failedRefreshKeepsTheValidTokenReportsItAndPausesBeforeTryingAgain() {
    cache.get("r", issuing("old"));
    clock.advance(LIFE.minusMinutes(10));
    assertThat(cache.get("r", failing("ThrottlingException"))).isEqualTo(Credential.basic("AWS", "old"));
    assertThat(reported).singleElement().satisfies(e -> assertThat(e.errorCode()).contains("ThrottlingException"));
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(30)); // within the pause: no new attempt
    assertThat(cache.get("r", failing("ThrottlingException"))).isEqualTo(Credential.basic("AWS", "old"));
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(31));
    assertThat(cache.get("r", issuing("new"))).isEqualTo(Credential.basic("AWS", "new"));
    assertThat(fetches).hasValue(3);
  }

  @Test
  void failedRefreshOfAnExpiredTokenFails() {
    cache.get("r", issuing("old"));
    clock.advance(LIFE.plusSeconds(1));
    assertThatThrownBy(() -> cache.get("r", failing("AccessDeniedException")))
        .isInstanceOfSatisfying(EcrCredentialException.class,
            e -> assertThat(e.errorCode()).contains("AccessDeniedException"));
    assertThat(reported).isEmpty();
  }

  @Test
  void failedFirstFetchFailsAndIsTriedAgainNextTime() {
    assertThatThrownBy(() -> cache.get("r", failing("AccessDeniedException"))).isInstanceOf(EcrCredentialException.class);
    assertThat(cache.get("r", issuing("granted"))).isEqualTo(Credential.basic("AWS", "granted"));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void registriesAreCachedApart() {
    cache.get("a", issuing("for-a"));
    assertThat(cache.get("b", issuing("for-b"))).isEqualTo(Credential.basic("AWS", "for-b"));
    assertThat(cache.get("a", issuing("other"))).isEqualTo(Credential.basic("AWS", "for-a"));
    assertThat(fetches).hasValue(2);
  }
}
