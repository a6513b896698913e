package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.TamperingProxy;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies between two real docker-registry instances through a proxy that tampers with one
 * side: a reset in the middle of the first upload body, or a flipped byte in a source blob.
 * Default settings, public API only.
 */
class CopyRecoveryIT {
  private static final int MIB = 1024 * 1024;

  @TempDir
  static Path work;

  private static DockerRegistryProcess source;
  private static DockerRegistryProcess destination;

  @BeforeAll
  static void start() {
    source = DockerRegistryProcess.start(work.resolve("source"));
    destination = DockerRegistryProcess.start(work.resolve("destination"));
  }

  @AfterAll
  static void stop() {
    if (source != null) {
      source.close();
    }
    if (destination != null) {
      destination.close();
    }
  }

  private static ImageManifest pushSource(String path, long seed) {
    try (RegistryClient client = RegistryClient.builder().plainHttp(source.address()).build()) {
      // a 4 MiB layer goes up in one monolithic PUT, as most layers and every config do
      return CopyFixtures.pushImage(client, ImageReference.parse(source.address() + "/" + path), seed, 4 * MIB);
    }
  }

  @Test
  void aCopyWhoseUploadIsResetAfterOneMebibyteOfBodyArrivesWhole() {
    ImageManifest image = pushSource("reset/app:1.0", 1);
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    try (TamperingProxy proxy = TamperingProxy.resetUploads(destination.address(), MIB, 1);
        RegistryClient client = RegistryClient.builder().plainHttp(source.address(), proxy.address()).build()) {
      CopyResult result = CopyOperation.from(ImageReference.parse(source.address() + "/reset/app:1.0"))
          .to(ImageReference.parse(proxy.address() + "/reset/app:1.0")).listener(events::add).execute(client);

      assertThat(proxy.tampered()).isEqualTo(1);
      assertThat(result.digest()).isEqualTo(image.digest());
    }
    try (RegistryClient direct = RegistryClient.builder().plainHttp(destination.address()).build()) {
      assertThat(direct.fetchManifest(ImageReference.parse(destination.address() + "/reset/app:1.0")).digest())
          .isEqualTo(image.digest());
      assertThat(direct.headBlob(ImageReference.parse(destination.address() + "/reset/app"),
          image.layers().get(0).digest())).contains((long) 4 * MIB);
    }
    assertThat(events).filteredOn(e -> e instanceof CopyEvent.Retry).hasSize(1);
  }

  @Test
  void aSourceBlobCorruptedOnceIsFetchedAgainAndArrives() {
    ImageManifest image = pushSource("corrupt/once:1.0", 2);
    List<CopyEvent> events = new CopyOnWriteArrayList<>();

    try (TamperingProxy proxy = TamperingProxy.corruptDownloads(source.address(), MIB, 4 * MIB, 1);
        RegistryClient client = RegistryClient.builder().plainHttp(proxy.address(), destination.address()).build()) {
      CopyResult result = CopyOperation.from(ImageReference.parse(proxy.address() + "/corrupt/once:1.0"))
          .to(ImageReference.parse(destination.address() + "/corrupt/once:1.0")).listener(events::add)
          .execute(client);

      assertThat(proxy.tampered()).isEqualTo(1);
      assertThat(result.digest()).isEqualTo(image.digest());
    }
    assertThat(events).filteredOn(e -> e instanceof CopyEvent.Retry)
        .singleElement().satisfies(e -> assertThat(((CopyEvent.Retry) e).reason()).contains("digest"));
  }

  @Test
  void aSourceBlobCorruptedTwiceFailsWithDigestMismatchAndWritesNoTag() {
    pushSource("corrupt/twice:1.0", 3);

    try (TamperingProxy proxy = TamperingProxy.corruptDownloads(source.address(), MIB, 4 * MIB, 2);
        RegistryClient client = RegistryClient.builder().plainHttp(proxy.address(), destination.address()).build()) {
      assertThatThrownBy(() -> CopyOperation.from(ImageReference.parse(proxy.address() + "/corrupt/twice:1.0"))
          .to(ImageReference.parse(destination.address() + "/corrupt/twice:1.0")).execute(client))
          .hasCauseInstanceOf(DigestMismatchException.class);
      assertThat(proxy.tampered()).isEqualTo(2);
      assertThat(client.headManifest(ImageReference.parse(destination.address() + "/corrupt/twice:1.0"))).isEmpty();
    }
  }
}
