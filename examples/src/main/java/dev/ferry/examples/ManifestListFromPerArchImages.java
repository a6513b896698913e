package dev.ferry.examples;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImages;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a multi-platform manifest list (an OCI image index) from images built per
 * architecture, as {@code docker manifest create} does: each arch was pushed under
 * its own tag; the index points at them by digest and gets the shared tag.
 *
 * @since 0.1
 */
public final class ManifestListFromPerArchImages {
  private ManifestListFromPerArchImages() {}

  /**
   * Runs the example against an embedded registry.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start();
         RegistryClient client = registry.clientBuilder().build()) {
      // what two CI jobs, one per architecture, pushed
      Map<Platform, ImageReference> perArch = new LinkedHashMap<>();
      for (String platform : new String[] {"linux/amd64", "linux/arm64"}) {
        ImageReference tag = registry.reference("team/app:1.0-" + platform.substring(platform.indexOf('/') + 1));
        TestImages.image().platforms(platform).push(client, tag);
        perArch.put(Platform.parse(platform), tag);
      }

      ImageIndex index = combine(client, perArch, registry.reference("team/app:1.0"));
      System.out.println("pushed " + registry.reference("team/app:1.0") + "  " + index.digest());
      for (Descriptor child : index.manifests()) {
        System.out.println("  " + child.platform().map(Platform::toString).orElse("?") + "  " + child.digest());
      }
    }
  }

  /** Fetches each per-arch manifest and pushes an index of them under {@code target}'s tag. */
  static ImageIndex combine(RegistryClient client, Map<Platform, ImageReference> perArch, ImageReference target) {
    IndexBuilder index = IndexBuilder.oci();
    for (Map.Entry<Platform, ImageReference> arch : perArch.entrySet()) {
      // the children must live in the target's repository; copy them there first if they do not
      Manifest manifest = client.fetchManifest(arch.getValue());
      index.add(manifest, arch.getKey());
    }
    ImageIndex built = index.build();
    client.pushManifest(target, built);
    return built;
  }
}
