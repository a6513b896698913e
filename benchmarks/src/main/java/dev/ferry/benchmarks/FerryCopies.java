package dev.ferry.benchmarks;

import dev.ferry.copy.BulkCopy;
import dev.ferry.copy.BulkResult;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.List;
import java.util.function.Function;

/** The only place the benchmark calls the copy engine, so the three ways of running it copy alike. */
final class FerryCopies {
  /** Images copied at once by a bulk copy, in {@link BulkMain} and in-process alike. */
  static final int BULK_CONCURRENCY = 4;

  private FerryCopies() {}

  /** One copy with the defaults: every platform, the index preserved byte for byte (or one platform, if asked). */
  static CopyResult copy(RegistryClient client, ImageReference source, ImageReference destination,
      boolean allPlatforms) {
    return CopyOperation.from(source).to(destination)
        .platforms(allPlatforms ? PlatformSelection.all() : PlatformSelection.current())
        .indexMode(allPlatforms ? IndexMode.PRESERVE_ORIGINAL : IndexMode.SINGLE_PLATFORM)
        .execute(client);
  }

  /** The line a whole-process copy prints: destination digest, bytes uploaded, milliseconds, what it did with the blobs. */
  static String describe(CopyResult result, long millis) {
    return result.digest() + " " + result.bytesTransferred() + " bytes " + millis + " ms"
        + (result.upToDate() ? " (up to date)" : "") + " blobs copied/skipped/mounted " + result.blobsCopied()
        + "/" + result.blobsSkipped() + "/" + result.blobsMounted();
  }

  /** A bulk copy; throws if any image failed. */
  static BulkResult bulk(RegistryClient client, List<ImageReference> sources,
      Function<ImageReference, ImageReference> destinationFor) {
    BulkResult result = BulkCopy.of(sources, destinationFor).concurrency(BULK_CONCURRENCY).execute(client);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.failed() + " of " + sources.size() + " images failed: "
          + result.entries().stream().filter(e -> e.failure().isPresent()).map(Object::toString).toList());
    }
    return result;
  }

  /** The destination of {@code source} under {@code prefix} ({@code registry[/path]}): same repository path and tag. */
  static Function<ImageReference, ImageReference> under(String prefix) {
    int slash = prefix.indexOf('/');
    String registry = slash < 0 ? prefix : prefix.substring(0, slash);
    String path = slash < 0 ? "" : prefix.substring(slash + 1);
    return source -> {
      ImageReference moved = source.withRegistry(registry);
      return path.isEmpty() ? moved : moved.withRepository(path + "/" + source.repository());
    };
  }
}
