package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class RegistryAuthConcurrencyTest extends MockRegistryFixture {
  private static final int THREADS = 16;

  @Test
  void manyThreadsNeedingOneTokenFetchItOnce() throws Exception {
    AtomicInteger tokenRequests = new AtomicInteger();
    List<Thread> workers = new CopyOnWriteArrayList<>();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/token")) {
          int n = tokenRequests.incrementAndGet();
          // answer only once every other thread is parked on the fetch in flight
          Threads.awaitParked(workers, THREADS - 1, Duration.ofSeconds(20));
          return new MockResponse.Builder().code(200).body("{\"token\":\"tok-" + n + "\",\"expires_in\":300}").build();
        }
        if ("Bearer tok-1".equals(request.getHeaders().get("Authorization"))) {
          return new MockResponse.Builder().code(200).body("blob").build();
        }
        return new MockResponse.Builder().code(401)
            .addHeader("WWW-Authenticate", bearerChallenge("repository:library/nginx:pull")).build();
      }
    });
    RegistryAuth auth = auth(null);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
      Thread t = new Thread(task);
      workers.add(t);
      return t;
    });
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Sent>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return getManifest(auth, List.of(Scope.pull(NGINX)));
        }));
      }
      start.countDown();
      for (Future<Sent> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(new Sent(200, "blob"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenRequests).hasValue(1);
  }
}
