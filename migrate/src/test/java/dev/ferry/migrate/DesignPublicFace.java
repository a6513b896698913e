package dev.ferry.migrate;

import dev.ferry.registry.RegistryClient;
import java.nio.file.Path;

/**
 * The "Migration of a code base" part of DESIGN.md, written exactly as it stands there: this class
 * compiling is the check (it would copy to Artifact Registry, so it is never run here; the same
 * calls run against local registries in {@code MigrationTest} and {@code MigrationIT}).
 */
final class DesignPublicFace {
  private DesignPublicFace() {}

  static void asWritten(RegistryClient client) {
    ImageScan scan = ImageScan.of(Path.of("repo"));            // Dockerfiles, Kubernetes / Compose YAML, Helm values
    for (ImageUse use : scan.uses()) { use.file(); use.line(); use.reference(); }
    Migration migration = Migration.of(scan)
        .skip(ref -> ref.registry().endsWith("docker.pkg.dev"))   // already migrated
        .toPrefix("us-docker.pkg.dev/my-project/mirror")          // or .mapping(Function<ImageReference, ImageReference>)
        .pinDigests(true);                                        // rewrite to name:tag@sha256:...
    MigrationPlan plan = migration.plan(client);                  // dry run: what would be copied and which lines change
    MigrationReport done = migration.execute(client);             // copy, then rewrite the files in place; done.succeeded()
  }
}
