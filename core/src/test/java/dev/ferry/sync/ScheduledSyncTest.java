package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schedule, with the test as the clock. The source is a loopback port nobody listens
 * on, so every run ends at once with the repository reported failed: what is tested is
 * when runs happen, not what they copy (MirrorIT does that).
 */
class ScheduledSyncTest {
  private static final Duration INTERVAL = Duration.ofMinutes(10);

  private final List<SyncReport> reports = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private RegistryClient client;
  private String nowhere;

  @BeforeEach
  void setUp() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere = "127.0.0.1:" + socket.getLocalPort();
    }
    client = RegistryClient.builder().plainHttp(nowhere).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private MirrorBuilder mirrorOfNowhere(SyncListener extra) {
    return Mirror.builder()
        .repository(ImageReference.parse(nowhere + "/org/app"), ImageReference.parse(nowhere + "/mirror/app"))
        .listener(new SyncListener() {
          @Override
          public void tagSynced(TagSync tag) {
            extra.tagSynced(tag);
          }

          @Override
          public void runFinished(SyncReport report) {
            reports.add(report);
            extra.runFinished(report);
          }

          @Override
          public void runFailed(Throwable failure) {
            failures.add(failure);
          }
        });
  }

  @Test
  void runsAtOnceThenEveryIntervalWithAtMostATenthOfJitter() {
    ManualScheduler clock = new ManualScheduler();
    try (ScheduledSync schedule = mirrorOfNowhere(SyncListener.NONE).build().schedule(client, INTERVAL, clock)) {
      assertThat(clock.delays()).containsExactly(Duration.ZERO);
      assertThat(clock.runNext()).isTrue();
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).failed()).isEqualTo(1);
      assertThat(schedule.lastReport()).contains(reports.get(0));

      assertThat(clock.delays()).singleElement().satisfies(delay ->
          assertThat(delay).isBetween(INTERVAL, INTERVAL.plus(INTERVAL.dividedBy(10))));
      clock.runNext();
      clock.runNext();
      assertThat(reports).hasSize(3);
      assertThat(schedule.runs()).isEqualTo(3);
    }
  }

  @Test
  void aRunThatThrowsReachesTheListenerAndTheScheduleGoesOn() {
    ManualScheduler clock = new ManualScheduler();
    Mirror mirror = Mirror.builder()
        .repositories(List.of(ImageReference.parse(nowhere + "/org/app")), source -> {
          throw new IllegalStateException("mapping broke");
        })
        .listener(new SyncListener() {
          @Override
          public void runFailed(Throwable failure) {
            failures.add(failure);
          }
        })
        .build();
    try (ScheduledSync schedule = mirror.schedule(client, INTERVAL, clock)) {
      clock.runNext();
      clock.runNext();
      assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f).hasMessage("mapping broke"));
      assertThat(schedule.runs()).isZero();
      assertThat(clock.delays()).hasSize(1);
    }
  }

  @Test
  void theNextRunIsPlannedOnlyAfterTheRunningOneEnds() {
    ManualScheduler clock = new ManualScheduler();
    List<Integer> pendingDuringRun = new CopyOnWriteArrayList<>();
    SyncListener peek = new SyncListener() {
      @Override
      public void runFinished(SyncReport report) {
        pendingDuringRun.add(clock.delays().size());
      }
    };
    try (ScheduledSync schedule = mirrorOfNowhere(peek).build().schedule(client, INTERVAL, clock)) {
      clock.runNext();
      clock.runNext();
      assertThat(pendingDuringRun).containsExactly(0, 0);
      assertThat(clock.delays()).hasSize(1);
    }
  }

  @Test
  void closeBeforeTheFirstRunRunsNothingAndLeavesTheCallersExecutorAlone() {
    ManualScheduler clock = new ManualScheduler();
    ScheduledSync schedule = mirrorOfNowhere(SyncListener.NONE).build().schedule(client, INTERVAL, clock);
    schedule.close();
    assertThat(clock.runNext()).isFalse();
    assertThat(reports).isEmpty();
    assertThat(clock.isShutdown()).isFalse();
  }

  @Test
  void closeCancelsTheRunInFlightAndReturnsOnceItEnded() throws InterruptedException {
    CountDownLatch inRun = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    List<Boolean> interrupted = new CopyOnWriteArrayList<>();
    SyncListener blocking = new SyncListener() {
      @Override
      public void tagSynced(TagSync tag) {
        inRun.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.add(true);
          Thread.currentThread().interrupt();
        }
      }
    };
    ScheduledSync schedule = mirrorOfNowhere(blocking).build().schedule(client, INTERVAL);
    inRun.await();
    schedule.close();

    assertThat(interrupted).containsExactly(true);
    assertThat(failures).singleElement().isInstanceOf(CancellationException.class);
    assertThat(reports).isEmpty();
    assertThat(schedule.runs()).isZero();
  }
}
