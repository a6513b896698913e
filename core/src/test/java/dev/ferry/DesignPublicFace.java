package dev.ferry;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.ImageLocation;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.sync.Mirror;
import dev.ferry.sync.ScheduledSync;
import dev.ferry.sync.SyncReport;
import dev.ferry.sync.TagFilter;
import java.time.Duration;
import java.nio.file.Path;

/**
 * The public face of DESIGN.md, written exactly as it stands there: this class
 * compiling is the check (it talks to Docker Hub, so it is never run here; the
 * same calls run against local registries in the integration tests).
 */
final class DesignPublicFace {
  private DesignPublicFace() {}

  static void asWritten() {
    ImageReference src = ImageReference.parse("nginx:1.27");          // docker.io/library/nginx:1.27
    ImageReference dst = ImageReference.parse("localhost:5000/mirror/nginx:1.27");

    try (RegistryClient client = RegistryClient.builder()
            .credentials(CredentialProvider.defaults())     // env, docker/podman config, helpers, cloud modules
            .insecure("localhost:5000")                     // plain HTTP or unverified TLS, per registry
            .build()) {

      Manifest manifest = client.fetchManifest(src);       // ImageManifest or ImageIndex, raw bytes kept
      if (manifest instanceof ImageIndex index) {
        index.manifests().forEach(d -> System.out.println(d.platform()));
      }

      CopyResult result = CopyOperation.from(src).to(dst)
              .platforms(PlatformSelection.all())            // or .only(Platform.parse("linux/arm64"))
              .indexMode(IndexMode.PRESERVE_ORIGINAL)        // or SINGLE_PLATFORM, FILTERED
              .listener(event -> System.out.println(event))
              .execute(client);
      System.out.println(result.digest());                  // equals the source digest when preserved
    }
  }

  static void mirrorsKeptInStep(RegistryClient client) {
    Mirror mirror = Mirror.builder()
        .repository(ImageReference.parse("quay.io/org/app"), ImageReference.parse("registry.local/mirror/app"))
        .tags(TagFilter.matching("^v[0-9.]+$").and(TagFilter.semver(">=1.4.0")).newest(10))
        .platforms(PlatformSelection.all())
        .prune(false)                                          // true: delete destination tags the filter no longer yields
        .build();
    SyncReport report = mirror.sync(client);                   // report.copied(), upToDate(), pruned(), failed(): counts
    try (ScheduledSync running = mirror.schedule(client, Duration.ofMinutes(15))) {
      System.out.println(report.copied() + report.upToDate() + report.pruned() + report.failed());
    } // re-sync until closed
  }

  /** "Images outside registries", as written there. */
  static void imagesOutsideRegistries(RegistryClient client) {
    ImageLocation hub    = ImageLocation.of(ImageReference.parse("nginx:1.27"));             // a registry
    ImageLocation layout = ImageLocation.ociLayout(Path.of("airgap/oci"), "nginx:1.27");     // OCI image layout directory
    ImageLocation ociTar = ImageLocation.ociArchive(Path.of("airgap/nginx.oci.tar"), "nginx:1.27");  // the same as one tar
    ImageLocation docker = ImageLocation.dockerArchive(Path.of("nginx.tar"), "nginx:1.27");  // docker save / load format
    CopyOperation.from(hub).to(layout).execute(client);        // from(ImageReference) and to(ImageReference...) stay
    CopyOperation.from(docker).to(ImageLocation.of(ImageReference.parse("registry.local/nginx:1.27"))).execute(client);
    System.out.println(ociTar);
  }
}
