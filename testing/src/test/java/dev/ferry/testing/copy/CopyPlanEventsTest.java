package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocation;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Platform;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan a copy reports before its first byte ({@link CopyEvent.Planned}) agrees with what the
 * copy then does, and a copy with nothing to do says so ({@link CopyEvent.UpToDate}).
 */
class CopyPlanEventsTest {
  @AutoClose
  private final TwoRegistries registries = new TwoRegistries();
  private final List<CopyEvent> events = new CopyOnWriteArrayList<>();

  @TempDir
  Path work;

  private <T extends CopyEvent> List<T> all(Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private CopyEvent.Planned thePlan() {
    List<CopyEvent.Planned> plans = all(CopyEvent.Planned.class);
    assertThat(plans).hasSize(1);
    int at = events.indexOf(plans.get(0));
    assertThat(events.subList(0, at)).as("nothing moved before the plan")
        .noneMatch(e -> e instanceof CopyEvent.BlobStarted || e instanceof CopyEvent.BlobProgress
            || e instanceof CopyEvent.BlobSkipped || e instanceof CopyEvent.BlobMounted);
    return plans.get(0);
  }

  @Test
  void theIndexPlanCountsEveryChildAndMatchesTheBlobsStartedSkippedAndTheBytesMoved() {
    TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64", "linux/s390x")
        .layerSizes(40_000, 3_000_000).push(registries.source, "plan/app:1");
    // one platform is there already: its layers and config are skipped
    CopyOperation.from(image.reference()).to(registries.dst("plan/app:amd64"))
        .platforms(PlatformSelection.only(Platform.parse("linux/amd64"))).indexMode(IndexMode.SINGLE_PLATFORM)
        .execute(registries.client);

    CopyResult result = CopyOperation.from(image.reference()).to(registries.dst("plan/app:1"))
        .listener(events::add).execute(registries.client);

    CopyEvent.Planned plan = thePlan();
    List<CopyEvent.BlobStarted> started = all(CopyEvent.BlobStarted.class);
    assertThat(plan.skipped()).isEqualTo(3).isEqualTo(result.blobsSkipped())
        .isEqualTo(all(CopyEvent.BlobSkipped.class).size());
    assertThat(plan.blobs()).isEqualTo(6).isEqualTo(result.blobsCopied()).isEqualTo(started.size());
    assertThat(plan.bytes()).isEqualTo(started.stream().mapToLong(CopyEvent.BlobStarted::size).sum())
        .isEqualTo(result.bytesTransferred());
    assertThat(plan.mounts()).isZero().isEqualTo(result.blobsMounted());
    assertThat(all(CopyEvent.UpToDate.class)).isEmpty();
  }

  @Test
  void blobsMountedFromAnotherRepositoryArePlannedAsMountsAndMoveNoBytes() {
    TestImage image = TestImages.image().layerSizes(50_000, 60_000).push(registries.destination, "plan/base:1");

    CopyResult result = CopyOperation.from(image.reference()).to(registries.dst("plan/team:1"))
        .listener(events::add).execute(registries.client);

    CopyEvent.Planned plan = thePlan();
    assertThat(plan.mounts()).isEqualTo(3).isEqualTo(result.blobsMounted())
        .isEqualTo(all(CopyEvent.BlobMounted.class).size());
    assertThat(plan.blobs()).isZero();
    assertThat(plan.bytes()).isZero().isEqualTo(result.bytesTransferred());
    assertThat(all(CopyEvent.BlobStarted.class)).isEmpty();
  }

  @Test
  void aSecondCopyIsUpToDateAndReportsNoPlan() {
    TestImage image = TestImages.image().push(registries.source, "plan/again:1");
    CopyOperation copy = CopyOperation.from(image.reference()).to(registries.dst("plan/again:1"));
    copy.execute(registries.client);

    CopyResult again = copy.listener(events::add).execute(registries.client);

    assertThat(again.upToDate()).isTrue();
    assertThat(events).containsExactly(new CopyEvent.UpToDate(image.digest(), List.of(registries.dst("plan/again:1"))));
  }

  @Test
  void aCopyIntoAnOciLayoutPlansThenIsUpToDate() {
    TestImage image = TestImages.image().layerSizes(10_000, 20_000).push(registries.source, "plan/files:1");
    ImageLocation layout = ImageLocation.ociLayout(work.resolve("layout"), "files:1");

    CopyResult first = CopyOperation.from(ImageLocation.of(image.reference())).to(layout)
        .listener(events::add).execute(registries.client);

    CopyEvent.Planned plan = thePlan();
    assertThat(plan).isEqualTo(new CopyEvent.Planned(3, all(CopyEvent.BlobStarted.class).stream()
        .mapToLong(CopyEvent.BlobStarted::size).sum(), 0, 0));
    assertThat(plan.bytes()).isEqualTo(first.bytesTransferred());

    events.clear();
    CopyOperation.from(ImageLocation.of(image.reference())).to(layout).listener(events::add)
        .execute(registries.client);

    assertThat(events).hasSize(1).first().isInstanceOf(CopyEvent.UpToDate.class)
        .extracting(e -> ((CopyEvent.UpToDate) e).digest()).isEqualTo(image.digest());
  }
}
