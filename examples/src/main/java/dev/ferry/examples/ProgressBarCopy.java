package dev.ferry.examples;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyListener;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar (the {@code me.tongfei:progressbar} library) driven by a copy's events:
 * {@link CopyEvent.Planned} gives the bar its total before the first byte moves, each
 * {@link CopyEvent.BlobProgress} moves it, and {@link CopyEvent.UpToDate} says there is nothing
 * to draw. Three copies: a cold one (every blob sent), one within the mirror (every blob mounted,
 * no bytes), and the first again (up to date).
 *
 * @since 0.1
 */
public final class ProgressBarCopy {
  private ProgressBarCopy() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (EmbeddedRegistry source = EmbeddedRegistry.start();
         EmbeddedRegistry mirror = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), mirror.address()).build()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64")
          .layerSizes(2 << 20, 512 << 10).push(client, source.reference("demo/app:1.0"));
      // a source at 8 MiB/s per download, so that the bar has time to move
      source.throttleBlobDownloads(8L << 20, r -> true);

      ImageReference mirrored = mirror.reference("mirror/app:1.0");
      copy(client, image.reference(), mirrored, System.out);
      copy(client, mirrored, mirror.reference("team/app:1.0"), System.out);
      copy(client, image.reference(), mirrored, System.out);
    }
  }

  /**
   * Copies one image with a progress bar on {@code out}.
   *
   * @param client the client
   * @param from the source image
   * @param to the destination
   * @param out where the bar and the summary go
   * @return what the copy did
   */
  static CopyResult copy(RegistryClient client, ImageReference from, ImageReference to, PrintStream out) {
    Bar bar = new Bar(to.toString(), out);
    CopyResult result;
    try {
      result = CopyOperation.from(from).to(to).listener(bar).execute(client);
    } finally {
      bar.close(); // the bar's last line before the summary
    }
    out.println("  " + to + "  " + result.digest() + "  " + result.blobsCopied() + " sent, "
        + result.blobsSkipped() + " skipped, " + result.blobsMounted() + " mounted");
    return result;
  }

  /** The listener: one bar per copy, created when the plan arrives. Called from the copy's threads. */
  static final class Bar implements CopyListener, AutoCloseable {
    private final String task;
    private final PrintStream out;
    /** Bytes of each blob already counted on the bar: progress events carry totals so far, not steps. */
    private final Map<String, Long> counted = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ProgressBar bar;

    Bar(String task, PrintStream out) {
      this.task = task;
      this.out = out;
    }

    @Override
    public void planned(CopyEvent.Planned plan) {
      out.println(task + ": " + plan.blobs() + " blobs (" + plan.bytes() + " bytes) to send, " + plan.skipped()
          + " skipped, " + plan.mounts() + " to mount");
      if (plan.bytes() == 0) {
        return; // only mounts and skips: nothing to draw
      }
      bar = new ProgressBarBuilder().setTaskName("copy").setInitialMax(plan.bytes()).setUnit(" MiB", 1 << 20)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out, 100))
          .setUpdateIntervalMillis(100).build();
    }

    @Override
    public void upToDate(CopyEvent.UpToDate event) {
      out.println(task + ": up to date (" + event.digest() + "), nothing to send");
    }

    @Override
    public void blobProgress(CopyEvent.BlobProgress event) {
      ProgressBar current = bar;
      long before = counted.getOrDefault(event.digest().toString(), 0L);
      // a restarted upload reads from the start again: only bytes beyond what was counted move the bar
      if (current != null && event.transferred() > before) {
        counted.put(event.digest().toString(), event.transferred());
        current.stepBy(event.transferred() - before);
      }
    }

    @Override
    public void retry(CopyEvent.Retry event) {
      ProgressBar current = bar;
      if (current != null) {
        current.setExtraMessage("retrying: " + event.reason());
      }
    }

    /** Bytes the bar has counted. */
    long done() {
      ProgressBar current = bar;
      return current == null ? 0 : current.getCurrent();
    }

    /** The bar's total: the plan's bytes. */
    long total() {
      ProgressBar current = bar;
      return current == null ? 0 : current.getMax();
    }

    /** Draws the bar a last time and ends its line; once. */
    @Override
    public void close() {
      ProgressBar current = bar;
      if (current != null && !closed.getAndSet(true)) {
        current.close();
      }
    }
  }
}
