package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.ExpiringCredentialCache.ExpiringCredential;
import dev.ferry.it.MutableClock;
import dev.ferry.it.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExpiringCredentialCacheTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LIFE = Duration.ofHours(12);

  private final MutableClock clock = new MutableClock(T0);
  private final List<Map.Entry<String, RuntimeException>> reported = new CopyOnWriteArrayList<>();
  private final ExpiringCredentialCache<String> cache = ExpiringCredentialCache.<String>builder()
      .clock(clock)
      .refreshMargin(Duration.ofMinutes(15))
      .pauseAfterFailure(Duration.ofMinutes(1))
      .onRefreshFailure((key, e) -> reported.add(Map.entry(key, e)))
      .build();
  private final AtomicInteger fetches = new AtomicInteger();

  private static Credential secret(String password) {
    return Credential.basic("bot", password);
  }

  private Supplier<ExpiringCredential> issuing(String password, Duration life) {
    return () -> {
      fetches.incrementAndGet();
      return ExpiringCredential.expiringAt(secret(password), clock.instant().plus(life));
    };
  }

  private Supplier<ExpiringCredential> issuing(String password) {
    return issuing(password, LIFE);
  }

  private Supplier<ExpiringCredential> failing(RuntimeException failure) {
    return () -> {
      fetches.incrementAndGet();
      throw failure;
    };
  }

  @Test
  void theFirstCallFetchesAndLaterCallsGetTheHeldCredential() {
    assertThat(cache.get("r", issuing("first"))).isEqualTo(secret("first"));
    clock.advance(Duration.ofHours(1));
    assertThat(cache.get("r", issuing("second"))).isEqualTo(secret("first"));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void concurrentCallersOfOneKeyShareOneFetch() throws Exception {
    int callers = 8;
    CountDownLatch inFetch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<ExpiringCredential> slow = () -> {
      fetches.incrementAndGet();
      inFetch.countDown();
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return ExpiringCredential.expiringAt(secret("shared"), clock.instant().plus(LIFE));
    };
    List<Thread> workers = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(callers, task -> {
      Thread t = new Thread(task);
      workers.add(t);
      return t;
    });
    try {
      List<Future<Credential>> answers = new ArrayList<>();
      answers.add(pool.submit(() -> cache.get("r", slow)));
      assertThat(inFetch.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < callers; i++) {
        answers.add(pool.submit(() -> cache.get("r", slow)));
      }
      // every caller is parked: the fetcher on the release latch, the others on the fetch in progress
      Threads.awaitParked(workers, Duration.ofSeconds(10));
      assertThat(workers).hasSize(callers);
      release.countDown();
      for (Future<Credential> f : answers) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(secret("shared"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void aFetchInProgressForOneKeyDoesNotHoldUpAnother() throws Exception {
    CountDownLatch inFetch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<ExpiringCredential> stuck = () -> {
      inFetch.countDown();
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return ExpiringCredential.expiringAt(secret("slow"), clock.instant().plus(LIFE));
    };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Credential> slow = pool.submit(() -> cache.get("a", stuck));
      assertThat(inFetch.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(cache.get("b", issuing("quick"))).isEqualTo(secret("quick"));
      release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(secret("slow"));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void refreshesOnlyWithinTheMarginBeforeExpiry() {
    assertThat(cache.get("r", issuing("first"))).isEqualTo(secret("first"));
    clock.advance(LIFE.minusMinutes(16));
    assertThat(cache.get("r", issuing("second"))).isEqualTo(secret("first"));
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofMinutes(1)); // exactly the margin before expiry: due
    assertThat(cache.get("r", issuing("second"))).isEqualTo(secret("second"));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aShortLivedCredentialIsUsedForHalfItsLife() {
    Duration tenMinutes = Duration.ofMinutes(10); // shorter than the 15-minute margin
    cache.get("r", issuing("short", tenMinutes));
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(cache.get("r", issuing("next", tenMinutes))).isEqualTo(secret("short"));
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("r", issuing("next", tenMinutes))).isEqualTo(secret("next"));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void anAlreadyExpiredCredentialIsReturnedOnceAndFetchedAgainAtTheNextCall() {
    Supplier<ExpiringCredential> stale = () -> {
      fetches.incrementAndGet();
      return ExpiringCredential.expiringAt(secret("stale"), clock.instant().minusSeconds(1));
    };
    assertThat(cache.get("r", stale)).isEqualTo(secret("stale"));
    assertThat(cache.get("r", issuing("fresh"))).isEqualTo(secret("fresh"));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aCredentialWithoutExpiryIsKeptForEver() {
    Supplier<ExpiringCredential> forever = () -> {
      fetches.incrementAndGet();
      return ExpiringCredential.withoutExpiry(secret("forever"));
    };
    assertThat(cache.get("r", forever)).isEqualTo(secret("forever"));
    clock.advance(Duration.ofDays(3650));
    assertThat(cache.get("r", issuing("other"))).isEqualTo(secret("forever"));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void aFailedRefreshKeepsTheValidCredentialReportsItAndPausesBeforeTryingAgain() {
    cache.get("r", issuing("old"));
    clock.advance(LIFE.minusMinutes(10));
    IllegalStateException throttled = new IllegalStateException("throttled");
    assertThat(cache.get("r", failing(throttled))).isEqualTo(secret("old"));
    assertThat(reported).singleElement().isEqualTo(Map.entry("r", throttled));
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(59)); // within the pause: no new attempt
    assertThat(cache.get("r", failing(throttled))).isEqualTo(secret("old"));
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(1)); // the pause is over
    assertThat(cache.get("r", failing(throttled))).isEqualTo(secret("old"));
    assertThat(fetches).hasValue(3);
    assertThat(reported).hasSize(2);

    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.get("r", issuing("new"))).isEqualTo(secret("new"));
    assertThat(fetches).hasValue(4);
  }

  @Test
  void aSuccessfulFetchEndsThePauseOfAnEarlierFailure() {
    ExpiringCredentialCache<String> patient = ExpiringCredentialCache.<String>builder().clock(clock)
        .refreshMargin(Duration.ofMinutes(15)).pauseAfterFailure(Duration.ofHours(1))
        .onRefreshFailure((key, e) -> reported.add(Map.entry(key, e))).build();
    Duration life = Duration.ofMinutes(20);
    patient.get("r", issuing("old", life));
    clock.advance(Duration.ofMinutes(10)); // half the life: due
    assertThat(patient.get("r", failing(new IllegalStateException("down")))).isEqualTo(secret("old"));
    clock.advance(Duration.ofMinutes(10)); // expired: fetched despite the hour's pause
    assertThat(patient.get("r", issuing("new", life))).isEqualTo(secret("new"));
    clock.advance(Duration.ofMinutes(10)); // due again; the earlier failure's pause no longer applies
    assertThat(patient.get("r", issuing("newer", life))).isEqualTo(secret("newer"));
    assertThat(fetches).hasValue(4);
    assertThat(reported).hasSize(1);
  }

  @Test
  void theRefreshOfAnExpiredCredentialThrowsTheFetchsExceptionUnchangedAndReportsNothing() {
    cache.get("r", issuing("old"));
    clock.advance(LIFE);
    CredentialException refused = new CredentialException("refused");
    assertThatThrownBy(() -> cache.get("r", failing(refused))).isSameAs(refused);
    assertThat(reported).isEmpty();
  }

  @Test
  void thePauseDoesNotOutliveTheHeldCredential() {
    cache.get("r", issuing("old"));
    clock.advance(LIFE.minusSeconds(30));
    cache.get("r", failing(new IllegalStateException("down")));
    clock.advance(Duration.ofSeconds(30)); // expired, though still within the pause
    IllegalStateException again = new IllegalStateException("still down");
    assertThatThrownBy(() -> cache.get("r", failing(again))).isSameAs(again);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void aFailedFirstFetchThrowsAndIsTriedAgainAtTheNextCallWithoutPause() {
    IllegalArgumentException denied = new IllegalArgumentException("denied");
    assertThatThrownBy(() -> cache.get("r", failing(denied))).isSameAs(denied);
    assertThat(cache.get("r", issuing("granted"))).isEqualTo(secret("granted"));
    assertThat(fetches).hasValue(2);
    assertThat(reported).isEmpty();
  }

  @Test
  void keysAreCachedApart() {
    cache.get("a", issuing("for-a"));
    assertThat(cache.get("b", issuing("for-b"))).isEqualTo(secret("for-b"));
    assertThat(cache.get("a", issuing("other"))).isEqualTo(secret("for-a"));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aFetchThatReturnsNullIsAnError() {
    assertThatThrownBy(() -> cache.get("r", () -> null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theDefaultListenerIsUsedUnlessSetAndTheDefaultsAreDocumented() {
    ExpiringCredentialCache<String> defaults = ExpiringCredentialCache.<String>builder().clock(clock).build();
    defaults.get("r", issuing("old", Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(56)); // within the default five-minute margin
    assertThat(defaults.get("r", failing(new IllegalStateException("down")))).isEqualTo(secret("old"));
    clock.advance(ExpiringCredentialCache.Builder.DEFAULT_PAUSE_AFTER_FAILURE);
    assertThat(defaults.get("r", issuing("new"))).isEqualTo(secret("new"));
    assertThat(fetches).hasValue(3);
    assertThat(ExpiringCredentialCache.Builder.DEFAULT_REFRESH_MARGIN).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theBuilderRefusesNegativeDurationsAndNulls() {
    ExpiringCredentialCache.Builder<String> builder = ExpiringCredentialCache.builder();
    assertThatThrownBy(() -> builder.refreshMargin(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.pauseAfterFailure(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.onRefreshFailure(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.get(null, issuing("x"))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.get("r", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aFetchedCredentialKnowsWhenItIsValidAndNeverPrintsTheSecret() {
    ExpiringCredential expiring = ExpiringCredential.expiringAt(secret("s3cr3t-value"), T0);
    assertThat(expiring.validAt(T0.minusNanos(1))).isTrue();
    assertThat(expiring.validAt(T0)).isFalse();
    assertThat(ExpiringCredential.withoutExpiry(secret("s3cr3t-value")).validAt(Instant.MAX)).isTrue();
    assertThat(expiring.toString()).doesNotContain("s3cr3t-value");
    assertThat(cache.toString()).doesNotContain("s3cr3t-value");
    assertThatThrownBy(() -> new ExpiringCredential(secret("x"), null)).isInstanceOf(NullPointerException.class);
  }
}
