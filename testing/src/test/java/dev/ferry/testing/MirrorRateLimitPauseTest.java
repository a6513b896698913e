package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.MutableClock;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.sync.Mirror;
import dev.ferry.sync.RateLimitPause;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate-limit pause with its real length: a source registry announces Docker Hub's
 * 6-hour window in each header form, on a clock the test owns; the mirror's sleeper advances
 * that clock instead of sleeping, so the window resets exactly when the pause ends if, and
 * only if, the pause was as long as the headers said.
 */
class MirrorRateLimitPauseTest {
  private static final Duration WINDOW = Duration.ofSeconds(21600);
  /** How far into the window the mirror starts: what is left of it is what the registry reports. */
  private static final Duration INTO_THE_WINDOW = Duration.ofSeconds(600);
  private static final Duration LEFT = WINDOW.minus(INTO_THE_WINDOW);
  private static final int TAGS = 4;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final List<RateLimitPause> heard = new CopyOnWriteArrayList<>();
  private EmbeddedRegistry destination;
  private long limit;

  @BeforeEach
  void start() {
    destination = EmbeddedRegistry.start();
  }

  @AfterEach
  void stop() {
    destination.close();
  }

  /**
   * Mirrors {@value #TAGS} single-platform tags (one pull each) from a registry whose limit
   * runs below {@code minRemaining} right before the last pull.
   */
  private SyncReport mirrorFrom(RateLimitHeaders form, long minRemaining) {
    limit = TAGS - 2 + minRemaining;
    try (EmbeddedRegistry limited = EmbeddedRegistry.builder().rateLimit(limit, WINDOW).rateLimitHeaders(form)
        .clock(clock).start();
        RegistryClient client = RegistryClient.builder().plainHttp(limited.address(), destination.address())
            .retryPolicy(RetryPolicy.none()).build()) {
      for (int i = 0; i < TAGS; i++) {
        TestImages.image().seed(i).push(limited, "library/base:1." + i);
      }
      limited.resetRateLimit();
      clock.advance(INTO_THE_WINDOW);
      SyncReport report = Mirror.builder()
          .repository(limited.reference("library/base"), destination.reference("base-" + form.name().toLowerCase()))
          .concurrency(1)
          .minRemaining(minRemaining)
          .sleeper(pause -> {
            slept.add(pause);
            clock.advance(pause);
          })
          .listener(new SyncListener() {
            @Override
            public void paused(RateLimitPause pause) {
              heard.add(pause);
            }
          })
          .build()
          .sync(client);
      assertThat(limited.requests()).as("no pull refused").noneMatch(c -> c.status() == 429);
      return report;
    }
  }

  private void assertOnePauseOf(SyncReport report, Duration expected) {
    assertThat(report.copied()).isEqualTo(TAGS);
    assertThat(report.failed()).isZero();
    assertThat(slept).containsExactly(expected);
    assertThat(report.pauses()).singleElement().satisfies(p -> {
      assertThat(p.pause()).isEqualTo(expected);
      assertThat(p.limit().limit()).hasValue(limit);
      assertThat(p.limit().window()).contains(WINDOW);
    });
    assertThat(heard).isEqualTo(report.pauses());
  }

  @Test
  void withRateLimitResetTheMirrorWaitsWhatIsLeftOfTheWindowThenGoesOn() {
    SyncReport report = mirrorFrom(RateLimitHeaders.WITH_RESET, 2);

    assertOnePauseOf(report, LEFT);
    RateLimitPause pause = report.pauses().get(0);
    assertThat(pause.limit().remaining()).hasValue(1);
    assertThat(pause.limit().reset()).contains(LEFT);
  }

  @Test
  void withRetryAfterTheMirrorWaitsWhatIsLeftOfTheWindowThenGoesOn() {
    SyncReport report = mirrorFrom(RateLimitHeaders.WITH_RETRY_AFTER, 1);

    assertOnePauseOf(report, LEFT);
    RateLimitPause pause = report.pauses().get(0);
    assertThat(pause.limit().remaining()).hasValue(0);
    assertThat(pause.limit().reset()).isEmpty();
    assertThat(pause.limit().retryAfter()).contains(LEFT);
  }

  @Test
  void withDockerHubsHeadersAloneTheMirrorWaitsAWholeWindowThenGoesOn() {
    SyncReport report = mirrorFrom(RateLimitHeaders.DOCKER_HUB, 2);

    // "100;w=21600" does not say when the window began: a whole window is the longest the reset can be away
    assertOnePauseOf(report, WINDOW);
    RateLimitPause pause = report.pauses().get(0);
    assertThat(pause.limit().reset()).isEmpty();
    assertThat(pause.limit().retryAfter()).isEqualTo(Optional.empty());
  }

  @Test
  void aPauseThatIsTooShortWouldMeetARefusal() {
    // the registry's own check of this test's premise: before the window's end, nothing comes back
    try (EmbeddedRegistry limited = EmbeddedRegistry.builder().rateLimit(1, WINDOW).clock(clock).start();
        RegistryClient client = RegistryClient.builder().plainHttp(limited.address())
            .retryPolicy(RetryPolicy.none()).build()) {
      TestImages.image().push(limited, "library/base:1.0");
      limited.resetRateLimit();
      client.fetchManifest(limited.reference("library/base:1.0"));
      clock.advance(WINDOW.minusSeconds(1));
      client.headManifest(limited.reference("library/base:1.0"));
      assertThat(client.rateLimit(limited.address()).orElseThrow().remaining()).hasValue(0);
      assertThat(client.rateLimit(limited.address()).orElseThrow().reset()).contains(Duration.ofSeconds(1));
      clock.advance(Duration.ofSeconds(1));
      client.headManifest(limited.reference("library/base:1.0"));
      assertThat(client.rateLimit(limited.address()).orElseThrow().remaining()).hasValue(1);
    }
  }
}
