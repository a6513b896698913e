package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.MutableClock;
import dev.ferry.it.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
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

  /**
   * Runs the task in every thread and lets the one fetch finish only once all threads
   * are parked: the fetcher on the release latch, the others waiting for its result.
   */
  private static List<Object> runAll(Supplier<Object> task, CountDownLatch release) throws InterruptedException {
    AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int slot = i;
      threads.add(new Thread(() -> {
        try {
          results.set(slot, task.get());
        } catch (RuntimeException e) {
          results.set(slot, e);
        }
      }, "token-cache-test-" + i));
    }
    threads.forEach(Thread::start);
    Threads.awaitParked(threads, Duration.ofSeconds(10));
    release.countDown();
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      threads.get(i).join(10_000);
      out.add(results.get(i));
    }
    return out;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
