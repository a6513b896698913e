package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.ferry.copy.IndexMode;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  @TempDir
  Path dir;

  EmbeddedRegistry source;
  EmbeddedRegistry target;
  RegistryClient client;
  Map<String, TestImage> images;
  String src;
  String prefix;

  @BeforeEach
  void start() throws Exception {
    source = EmbeddedRegistry.start();
    target = EmbeddedRegistry.start();
    client = RegistryClient.builder().plainHttp(source.address(), target.address()).build();
    src = source.address();
    prefix = target.address() + "/mirror";
    images = FixtureRepo.seed(client, src);
    FixtureRepo.lay(dir, src);
  }

  @AfterEach
  void stop() {
    client.close();
    target.close();
    source.close();
  }

  private Migration migration() {
    return Migration.of(ImageScan.of(dir))
        .skip(ref -> ref.registry().endsWith("docker.pkg.dev"))
        .toPrefix(prefix)
        .pinDigests(true);
  }

  private String read(String file) throws Exception {
    return Files.readString(dir.resolve(file));
  }

  private String pinned(String name) {
    return prefix + "/" + name + "@" + images.get(name).digest();
  }

  @Test
  void planListsEachDistinctImageWithItsSourceDigestAndEveryLineAndWritesNothing() throws Exception {
    Map<String, byte[]> before = FixtureRepo.snapshot(dir);

    MigrationPlan plan = migration().plan(client);

    assertThat(plan.images()).filteredOn(i -> i.status() == ImageEntry.Status.TO_COPY)
        .extracting(i -> i.source().repository() + ":" + i.source().tag().orElseThrow())
        .containsExactlyInAnyOrderElementsOf(FixtureRepo.IMAGES);
    assertThat(plan.images()).filteredOn(i -> i.status() == ImageEntry.Status.TO_COPY)
        .allSatisfy(i -> assertThat(i.digest()).contains(images.get(i.source().repository() + ":"
            + i.source().tag().orElseThrow()).digest()));
    assertThat(plan.images()).filteredOn(i -> i.status() == ImageEntry.Status.NOT_FOUND).singleElement()
        .satisfies(i -> assertThat(i.source().repository()).isEqualTo("library/missing"));
    assertThat(plan.images()).filteredOn(i -> i.status() == ImageEntry.Status.SKIPPED).singleElement()
        .satisfies(i -> assertThat(i.detail()).contains("skipped by the predicate"));
    ImageEntry busybox = plan.images().stream().filter(i -> i.source().repository().equals("tools/busybox"))
        .findFirst().orElseThrow();
    assertThat(busybox.uses()).extracting(u -> u.file().toString())
        .containsExactly("Dockerfile", "k8s/deploy.yaml", "svc/worker.Dockerfile");
    assertThat(plan.files()).extracting(f -> f.file().toString() + " " + f.status()).containsExactly(
        "Dockerfile TO_REWRITE", "chart/values.yaml TO_REWRITE", "compose.yaml TO_REWRITE", "k8s/broken.yaml FAILED",
        "k8s/crlf.yaml TO_REWRITE", "k8s/deploy.yaml TO_REWRITE", "svc/worker.Dockerfile TO_REWRITE");
    assertThat(plan.files().get(0).changes()).extracting(LineChange::line).containsExactly(2, 5, 8);
    assertThat(plan.files().get(0).changes().get(0).after()).isEqualTo(pinned("library/python:3.12"));
    assertThat(plan.unresolved()).extracting(u -> u.file().toString()).containsExactly("chart/templates/deployment.yaml");
    assertThat(plan.ready()).isFalse();

    assertThat(FixtureRepo.snapshot(dir)).usingRecursiveComparison().isEqualTo(before);
    assertThat(target.requests()).isEmpty();
  }

  @Test
  void executeCopiesEachImageOnceAndRewritesOnlyTheImageTextOfFilesWhoseImagesAllCopied() throws Exception {
    Map<String, byte[]> before = FixtureRepo.snapshot(dir);

    MigrationReport report = migration().execute(client);

    assertThat(report.images()).filteredOn(i -> i.status() == ImageEntry.Status.COPIED).hasSize(6);
    assertThat(report.images()).filteredOn(i -> i.status() == ImageEntry.Status.FAILED).singleElement()
        .satisfies(i -> assertThat(i.source().repository()).isEqualTo("library/missing"));
    assertThat(report.succeeded()).isFalse();
    assertThat(report.files()).filteredOn(f -> f.status() == FileEntry.Status.FAILED).singleElement()
        .satisfies(f -> {
          assertThat(f.file()).isEqualTo(Path.of("k8s/broken.yaml"));
          assertThat(f.detail().orElseThrow()).contains("library/missing:1.0").contains("failed to copy");
        });
    assertThat(dir.resolve("k8s/broken.yaml")).hasBinaryContent(before.get("k8s/broken.yaml"));

    String python = pinned("library/python:3.12");
    String busybox = pinned("tools/busybox:1.36");
    assertThat(read("Dockerfile")).isEqualTo(new String(before.get("Dockerfile"), StandardCharsets.UTF_8)
        .replace(src + "/library/python:3.12", python)
        .replace(src + "/tools/busybox:1.36", busybox)
        .replace(src + "/distroless/static:nonroot", pinned("distroless/static:nonroot")));
    assertThat(read("k8s/deploy.yaml")).isEqualTo(new String(before.get("k8s/deploy.yaml"), StandardCharsets.UTF_8)
        .replace("\"" + src + "/tools/busybox:1.36\"", "\"" + busybox + "\"")
        .replace("'" + src + "/library/nginx:1.27'", "'" + pinned("library/nginx:1.27") + "'")
        .replace("image: " + src + "/library/python:3.12", "image: " + python))
        .contains("# image: " + src + "/not/this:1 (a comment)")
        .contains("image: " + src + "/not/this-either:2")
        .contains("image: *tools");
    assertThat(read("chart/values.yaml")).isEqualTo(new String(before.get("chart/values.yaml"), StandardCharsets.UTF_8)
        .replace("registry: " + src, "registry: " + target.address())
        .replace("repository: bitnami/redis", "repository: mirror/bitnami/redis")
        .replace("digest: \"\"", "digest: \"" + images.get("bitnami/redis:7.2.5").digest() + "\"")
        .replace("\"" + src + "/library/redis:7\"", "\"" + pinned("library/redis:7") + "\""));
    assertThat(read(FixtureRepo.CRLF_FILE)).isEqualTo("apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n"
        + "  - name: c # crlf\r\n    image: " + pinned("library/redis:7") + " # crlf\r\n");
    assertThat(Files.getPosixFilePermissions(dir.resolve("Dockerfile")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    try (var files = Files.list(dir)) {
      assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".ferry-tmp"));
    }
    for (String name : FixtureRepo.IMAGES) {
      assertThat(client.headManifest(ImageReference.parse(prefix + "/" + name)).orElseThrow().digest())
          .isEqualTo(images.get(name).digest());
    }
  }

  @Test
  void aSecondExecuteOnTheRewrittenTreeChangesNothing() throws Exception {
    migration().execute(client);
    Map<String, byte[]> after = FixtureRepo.snapshot(dir);

    MigrationReport again = migration().execute(client);

    assertThat(again.files()).extracting(f -> f.file().toString()).containsExactly("k8s/broken.yaml");
    // broken.yaml was left untouched: its images are still the source's, nginx now up to date
    assertThat(again.images()).filteredOn(i -> i.status() != ImageEntry.Status.SKIPPED)
        .extracting(i -> i.source().repository() + " " + i.status())
        .containsExactlyInAnyOrder("library/missing FAILED", "library/nginx UP_TO_DATE");
    assertThat(again.images()).filteredOn(i -> i.status() == ImageEntry.Status.SKIPPED)
        .extracting(i -> i.detail().orElseThrow()).contains("already under the prefix");
    assertThat(FixtureRepo.snapshot(dir)).usingRecursiveComparison().isEqualTo(after);
  }

  @Test
  void withoutPinningTheTagIsKeptAndAReRunCopiesNothingNew() throws Exception {
    Files.delete(dir.resolve("k8s/broken.yaml"));

    MigrationReport report = Migration.of(ImageScan.of(dir)).skip(ref -> ref.registry().endsWith("pkg.dev"))
        .toPrefix(prefix).execute(client);

    assertThat(report.succeeded()).isTrue();
    assertThat(read("compose.yaml")).contains("image: \"" + prefix + "/library/nginx:1.27\"")
        .contains("image: " + prefix + "/library/redis:7   # keep in step with prod");
    assertThat(report.summary()).startsWith("Migration: 6 images copied, 1 image skipped; 6 files rewritten;");

    MigrationReport upToDate = Migration.of(ImageScan.of(dir)).skip(ref -> ref.registry().endsWith("pkg.dev"))
        .toPrefix(prefix).execute(client);
    assertThat(upToDate.files()).isEmpty();
    assertThat(upToDate.succeeded()).isTrue();
  }

  @Test
  void aFileChangedSinceTheScanIsLeftAloneAndReported() throws Exception {
    Migration migration = migration();
    Files.writeString(dir.resolve("compose.yaml"), "# edited meanwhile\n", java.nio.file.StandardOpenOption.APPEND);
    byte[] edited = Files.readAllBytes(dir.resolve("compose.yaml"));

    MigrationReport report = migration.execute(client);

    assertThat(report.files()).filteredOn(f -> f.file().equals(Path.of("compose.yaml"))).singleElement()
        .satisfies(f -> assertThat(f.detail().orElseThrow()).contains("changed since it was scanned"));
    assertThat(dir.resolve("compose.yaml")).hasBinaryContent(edited);
  }

  @Test
  void aHelmMapWithoutDigestKeyIsPinnedAfterItsTagAndAFilteredIndexPinsTheDigestWritten() throws Exception {
    Files.writeString(dir.resolve("chart/values.yaml"), "image:\n  repository: " + src + "/library/python\n"
        + "  tag: \"3.12\"\n");

    MigrationReport report = Migration.of(ImageScan.of(dir.resolve("chart/values.yaml"))).toPrefix(prefix)
        .pinDigests(true).indexMode(IndexMode.FILTERED)
        .platforms(dev.ferry.copy.PlatformSelection.only(dev.ferry.manifest.Platform.parse("linux/arm64")))
        .execute(client);

    Digest written = report.images().get(0).digest().orElseThrow();
    assertThat(written).isNotEqualTo(images.get("library/python:3.12").digest());
    assertThat(read("chart/values.yaml")).isEqualTo("image:\n  repository: " + prefix + "/library/python\n"
        + "  tag: \"3.12@" + written + "\"\n");
    assertThat(client.headManifest(ImageReference.parse(prefix + "/library/python@" + written))).isPresent();
  }

  @Test
  void aFileScannedThroughALinkIsRewrittenWhereItLivesAndTheLinkStays() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("compose-link.yaml"), dir.resolve("compose.yaml"));

    MigrationReport report = Migration.of(ImageScan.of(link)).toPrefix(prefix).execute(client);

    assertThat(report.succeeded()).isTrue();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(read("compose.yaml")).contains("image: \"" + prefix + "/library/nginx:1.27\"");
  }

  @Test
  void aReaderScanIsPlannedButNotRewritten() {
    ImageScan scan = ImageScan.of(Path.of("pod.yaml"),
        new StringReader("spec:\n  containers:\n  - image: " + src + "/library/nginx:1.27\n"));

    MigrationReport report = Migration.of(scan).toPrefix(prefix).execute(client);

    assertThat(report.files()).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FileEntry.Status.FAILED);
      assertThat(f.detail().orElseThrow()).contains("Reader");
    });
  }

  @Test
  void planAndReportAreValidJsonForPipelines() throws Exception {
    MigrationPlan plan = migration().plan(client);
    MigrationReport report = migration().execute(client);

    for (String json : new String[] {plan.toJson(), report.toJson()}) {
      try (JsonParser parser = new JsonFactory().createParser(json)) {
        while (parser.nextToken() != null) {
          // reads to the end: throws on malformed JSON
        }
      }
    }
    assertThat(plan.toJson()).contains("\"kind\" : \"plan\"").contains("\"status\" : \"TO_COPY\"")
        .contains("\"before\" : \"" + src + "/library/nginx:1.27\"");
    assertThat(report.toJson()).contains("\"succeeded\" : false").contains("\"status\" : \"REWRITTEN\"")
        .contains("\"reason\" : \"Helm template");
  }

  @Test
  void withoutADestinationPlanAndExecuteRefuse() {
    assertThatThrownBy(() -> Migration.of(ImageScan.of(dir)).plan(client))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("toPrefix");
  }
}
