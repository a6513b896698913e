package dev.ferry.examples;

import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.sync.Mirror;
import dev.ferry.sync.ScheduledSync;
import dev.ferry.sync.SyncListener;
import dev.ferry.sync.SyncReport;
import dev.ferry.sync.TagFilter;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImages;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a mirror of two repositories in step on a schedule, as {@code oc import-image
 * --scheduled} or a cron'd {@code skopeo sync} would: only releases from 1.4 on, every
 * platform, the digest unchanged. Each run's report is printed; a release pushed between
 * runs shows up in the next one, and everything else costs HEAD requests only.
 *
 * @since 0.1
 */
public final class MirrorOnSchedule {
  private MirrorOnSchedule() {}

  /**
   * Runs the example between two embedded registries: three runs, two seconds apart.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while waiting for a run
   */
  public static void main(String[] args) throws InterruptedException {
    try (EmbeddedRegistry upstream = EmbeddedRegistry.start();
         EmbeddedRegistry local = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(upstream.address(), local.address()).build()) {
      for (String tag : new String[] {"1.3.0", "1.4.0", "1.4.1", "2.0.0-rc.1", "latest"}) {
        TestImages.image().platforms("linux/amd64", "linux/arm64").push(client, upstream.reference("org/app:" + tag));
      }
      TestImages.image().push(client, upstream.reference("org/worker:v1.5.0"));

      BlockingQueue<SyncReport> reports = new LinkedBlockingQueue<>();
      Mirror mirror = mirror(upstream.reference("org/app"), local.reference("mirror/app"),
          upstream.reference("org/worker"), local.reference("mirror/worker"), reports::add);

      try (ScheduledSync running = mirror.schedule(client, Duration.ofSeconds(2))) {
        print(1, reports.poll(1, TimeUnit.MINUTES));
        TestImages.image().push(client, upstream.reference("org/worker:v1.6.0"));   // a new release upstream
        print(2, reports.poll(1, TimeUnit.MINUTES));
        print(3, reports.poll(1, TimeUnit.MINUTES));
        System.out.println(running.runs() + " runs; closing the schedule");
      }
      System.out.println("mirrored: app " + client.listTags(local.reference("mirror/app")).stream().sorted().toList()
          + ", worker " + client.listTags(local.reference("mirror/worker")).stream().sorted().toList());
    }
  }

  /** Two repositories, releases from 1.4.0 on (no pre-releases, no {@code latest}); each report to {@code onReport}. */
  static Mirror mirror(ImageReference app, ImageReference appMirror, ImageReference worker,
      ImageReference workerMirror, java.util.function.Consumer<SyncReport> onReport) {
    return Mirror.builder()
        .repository(app, appMirror)
        .repository(worker, workerMirror)
        .tags(TagFilter.semver(">=1.4.0"))
        .listener(new SyncListener() {
          @Override
          public void runFinished(SyncReport report) {
            onReport.accept(report);
          }
        })
        .build();
  }

  private static void print(int run, SyncReport report) {
    if (report == null) {
      System.out.println("run " + run + ": no report within a minute");
      return;
    }
    System.out.println("run " + run + ": " + report);
    report.tags().forEach(tag -> System.out.println("  " + tag.outcome() + "  " + tag.source().familiarString()
        + " -> " + tag.destination().familiarString()));
  }
}
