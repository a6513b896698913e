package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.internal.image.MemoryImage;
import dev.ferry.internal.image.OciLayoutSink;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies between files alone: no registry is contacted, every index mode applies. */
class FileCopyTest {
  @TempDir
  Path work;

  @Test
  void copiesBetweenLayoutsAndArchivesInEveryIndexMode() throws Exception {
    MemoryImage memory = new MemoryImage();
    Manifest index = memory.index("linux/amd64", "linux/arm64", "linux/arm/v7");
    Path layout = work.resolve("layout");
    MemoryImage.copy(memory, OciLayoutSink.open(layout, "app:1"));
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyResult whole = CopyOperation.from(ImageLocation.ociLayout(layout, "app:1"))
          .to(ImageLocation.ociArchive(work.resolve("whole.tar"), "app:1"))
          .listener(events::add).execute(client);
      CopyResult filtered = CopyOperation.from(ImageLocation.ociArchive(work.resolve("whole.tar"), "app:1"))
          .to(ImageLocation.ociLayout(work.resolve("filtered"), "two"))
          .platforms(PlatformSelection.only(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
          .indexMode(IndexMode.FILTERED).executeAsync(client).get(1, TimeUnit.MINUTES);
      CopyResult single = CopyOperation.from(ImageLocation.ociLayout(work.resolve("filtered"), "two"))
          .to(ImageLocation.dockerArchive(work.resolve("arm64.tar"), "app:arm64"))
          .platforms(PlatformSelection.only(Platform.parse("linux/arm64")))
          .indexMode(IndexMode.SINGLE_PLATFORM).execute(client);
      CopyResult back = CopyOperation.from(ImageLocation.dockerArchive(work.resolve("arm64.tar"), "app:arm64"))
          .to(ImageLocation.ociLayout(layout, "arm64")).execute(client);
      CopyResult again = CopyOperation.from(ImageLocation.ociLayout(layout, "app:1"))
          .to(ImageLocation.ociLayout(layout, "app:1")).execute(client);

      assertThat(whole.digest()).isEqualTo(index.digest());
      assertThat(whole.digestChanged()).isFalse();
      assertThat(whole.blobsCopied()).isEqualTo(7);
      assertThat(events).filteredOn(e -> e instanceof CopyEvent.BlobFinished).hasSize(7);
      assertThat(filtered.digestChanged()).isTrue();
      assertThat(filtered.platforms()).hasSize(2);
      ImageIndex original = (ImageIndex) index;
      assertThat(single.digest()).isEqualTo(original.manifests().get(1).digest());
      assertThat(back.digest()).isEqualTo(single.digest());
      assertThat(again.upToDate()).isTrue();
      assertThat(whole.source().familiarString()).isEqualTo("app:1");
      assertThat(whole.destinations()).isEmpty();
    }
  }

  @Test
  void badFilesFailWithTheirOwnTypedError() {
    try (RegistryClient client = RegistryClient.builder().build()) {
      CopyOperation missing = CopyOperation.from(ImageLocation.ociArchive(work.resolve("nope.tar"), "v1"))
          .to(ImageLocation.ociLayout(work.resolve("out"), "v1"));
      assertThatThrownBy(() -> missing.execute(client))
          .isInstanceOfSatisfying(ImageLocationException.class,
              e -> assertThat(e.problem()).isEqualTo(ImageLocationException.Problem.MISSING));
      assertThatThrownBy(() -> missing.allTags()).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> ImageLocation.ociLayout(work, "two words"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(ImageLocation.ociArchive(Path.of("a.tar"), "v1")).hasToString("oci-archive:a.tar:v1");
    }
  }
}
