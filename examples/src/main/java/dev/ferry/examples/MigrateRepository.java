package dev.ferry.examples;

import dev.ferry.migrate.FileEntry;
import dev.ferry.migrate.ImageScan;
import dev.ferry.migrate.ImageUse;
import dev.ferry.migrate.Migration;
import dev.ferry.migrate.MigrationPlan;
import dev.ferry.migrate.MigrationReport;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Moves a small code base (a Dockerfile, a Kubernetes manifest, Helm values) to another registry:
 * scan it, print the plan, copy every image and rewrite the files with pinned digests, then print
 * what changed in one file. Only the image text changes; comments and quoting stay.
 *
 * @since 0.1
 */
public final class MigrateRepository {
  private MigrateRepository() {}

  /**
   * Runs the example between two embedded registries, on a sample tree in a temporary directory.
   *
   * @param args ignored
   * @throws IOException if the sample tree cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path repo = Files.createTempDirectory("ferry-migrate-example");
    try (EmbeddedRegistry old = EmbeddedRegistry.start();
         EmbeddedRegistry target = EmbeddedRegistry.start();
         RegistryClient client = RegistryClient.builder().plainHttp(old.address(), target.address()).build()) {
      for (String image : List.of("library/python:3.12", "library/nginx:1.27", "bitnami/redis:7.2.5")) {
        TestImages.image().platforms("linux/amd64", "linux/arm64").push(client, old.reference(image));
      }
      writeSample(repo, old.address());
      String before = Files.readString(repo.resolve("k8s/web.yaml"));

      ImageScan scan = ImageScan.of(repo);
      for (ImageUse use : scan.uses()) {
        System.out.println(use.file() + ":" + use.line() + "  " + use.text() + "  (" + use.place() + ")");
      }
      Migration migration = migrate(scan, target.address() + "/mirror");
      MigrationPlan plan = migration.plan(client);            // HEAD requests only, nothing written
      System.out.print(plan.summary());
      MigrationReport done = migration.execute(client);       // copy each image once, then rewrite the files
      System.out.print(done.summary());

      System.out.println("--- k8s/web.yaml");
      System.out.print(diff(before, Files.readString(repo.resolve("k8s/web.yaml"))));
      System.out.println(done.succeeded() ? "migrated" : "not everything migrated");
    } finally {
      deleteTree(repo);
    }
  }

  /** The migration: everything not yet under the prefix goes there, rewritten as {@code name:tag@sha256:...}. */
  static Migration migrate(ImageScan scan, String prefix) {
    return Migration.of(scan)
        .skip(ref -> ref.registry().endsWith("docker.pkg.dev"))   // left alone: already migrated
        .toPrefix(prefix)
        .pinDigests(true);
  }

  /** Writes the sample tree, its images in the registry {@code host}. */
  static void writeSample(Path repo, String host) throws IOException {
    Files.createDirectories(repo.resolve("k8s"));
    Files.createDirectories(repo.resolve("chart"));
    Files.writeString(repo.resolve("Dockerfile"), """
        ARG BASE=%s/library/python:3.12
        FROM ${BASE}
        COPY app /app
        """.formatted(host));
    Files.writeString(repo.resolve("k8s/web.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: "%s/library/nginx:1.27"   # the front end
                - name: app
                  image: %s/library/python:3.12
                - name: agent
                  image: us-docker.pkg.dev/my-project/tools/agent:2   # already migrated
        """.formatted(host, host));
    Files.writeString(repo.resolve("chart/values.yaml"), """
        image:
          registry: %s
          repository: bitnami/redis
          tag: 7.2.5
        """.formatted(host));
  }

  /** The lines that differ, as {@code -old} / {@code +new} (a rewrite never adds or removes lines). */
  static String diff(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "";
      String y = i < b.size() ? b.get(i) : "";
      if (!x.equals(y)) {
        out.append("@@ line ").append(i + 1).append('\n').append('-').append(x).append('\n')
            .append('+').append(y).append('\n');
      }
    }
    return out.toString();
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files rewritten by a report, for callers that want them. */
  static List<Path> rewritten(MigrationReport report) {
    return report.files().stream().filter(f -> f.status() == FileEntry.Status.REWRITTEN).map(FileEntry::file)
        .toList();
  }
}
