package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheConcurrencyTest {
  private static final int THREADS = 32;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final TokenCache cache = new TokenCache(clock, AuthOptions.defaults());
  private final TokenKey key = TokenKey.of("ghcr.io", List.of(Scope.pullPush("org/app")), null);

  @Test
  void manyThreadsShareOneFetch() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Object> results = runAll(() -> cache.get(key, () -> {
      fetches.incrementAndGet();
      await(release);
      Instant now = clock.instant();
      return new BearerToken("shared", now, now.plusSeconds(300), null);
    }), release);
    assertThat(fetches).hasValue(1);
    assertThat(results).hasSize(THREADS).allSatisfy(r -> assertThat(((BearerToken) r).value()).isEqualTo("shared"));
  }

  @Test
  void waitingThreadsGetTheFetchersFailureAndTheNextCallTriesAgain() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Object> results = runAll(() -> cache.get(key, () -> {
      fetches.incrementAndGet();
      await(release);
      throw new IllegalStateException("realm unreachable");
    }), release);
    assertThat(fetches).hasValue(1);
    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(IllegalStateException.class)
        .hasFieldOrPropertyWithValue("message", "realm unreachable"));
    Instant now = clock.instant();
    assertThat(cache.get(key, () -> new BearerToken("later", now, now.plusSeconds(60), null)).value())
        .isEqualTo("later");
  }

  private static List<Object> runAll(java.util.concurrent.Callable<Object> task, CountDownLatch release)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          try {
            return task.call();
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      ready.await(10, TimeUnit.SECONDS);
      Thread.sleep(200); // let every thread reach the cache while the one fetch is held
      release.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<Object> f : futures) {
        results.add(f.get(10, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
