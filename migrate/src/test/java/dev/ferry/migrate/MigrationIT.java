package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.Skopeo;
import dev.ferry.reference.Digest;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture repository's images seeded into one real {@code docker-registry}, migrated into
 * another with pinned digests; {@code skopeo} then resolves every rewritten reference at the digest
 * written, and the files differ from the originals only inside image values.
 */
class MigrationIT {
  @TempDir
  Path work;

  @Test
  void migratesTheFixtureBetweenRealRegistriesAndSkopeoResolvesEveryPinnedReference() throws Exception {
    Skopeo skopeo = Skopeo.require();
    try (DockerRegistryProcess source = DockerRegistryProcess.start(work.resolve("source"));
         DockerRegistryProcess target = DockerRegistryProcess.start(work.resolve("target"));
         RegistryClient client = RegistryClient.builder().plainHttp(source.address(), target.address()).build()) {
      Map<String, TestImage> images = FixtureRepo.seed(client, source.address());
      Path repo = FixtureRepo.lay(Files.createDirectories(work.resolve("repo")), source.address());
      Files.delete(repo.resolve("k8s/broken.yaml"));
      ImageScan before = ImageScan.of(repo);
      Map<String, byte[]> originals = FixtureRepo.snapshot(repo);
      String prefix = target.address() + "/mirror";

      MigrationReport report = Migration.of(before)
          .skip(ref -> ref.registry().endsWith("docker.pkg.dev"))
          .toPrefix(prefix)
          .pinDigests(true)
          .execute(client);

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.images()).filteredOn(i -> i.status() == ImageEntry.Status.COPIED).hasSize(images.size());
      assertThat(report.files()).hasSize(6).allMatch(f -> f.status() == FileEntry.Status.REWRITTEN);

      ImageScan after = ImageScan.of(repo);
      List<ImageUse> migrated = after.uses().stream()
          .filter(u -> u.reference().registry().equals(target.address())).toList();
      assertThat(migrated).hasSize(before.uses().size() - 1);
      for (ImageUse use : migrated) {
        Digest pinned = use.reference().digest().orElseThrow(() -> new AssertionError("not pinned: " + use));
        String repository = use.reference().repository().substring("mirror/".length());
        TestImage image = images.entrySet().stream().filter(e -> e.getKey().startsWith(repository + ":"))
            .findFirst().orElseThrow().getValue();
        assertThat(pinned).as(use.toString()).isEqualTo(image.digest());
        // runtimes resolve name:tag@digest by the digest; skopeo takes one of the two, so both are read
        String byDigest = use.reference().withoutTag().toString();
        String byTag = use.reference().withoutDigest().toString();
        for (String ref : use.reference().tag().isPresent() ? List.of(byDigest, byTag) : List.of(byDigest)) {
          byte[] raw = skopeo.ok("inspect", "--raw", "--tls-verify=false", "docker://" + ref).stdout();
          assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
              .as("what skopeo reads at " + ref + " for " + use).isEqualTo(pinned.toString());
        }
        assertThat(use.text()).isEqualTo(use.reference().toString());
      }

      for (Path file : before.files()) {
        String old = new String(originals.get(file.toString()), StandardCharsets.UTF_8);
        String now = Files.readString(repo.resolve(file.toString()));
        assertThat(outsideImages(now, after, file)).as("bytes outside image values of " + file)
            .isEqualTo(outsideImages(old, before, file));
      }
    }
  }

  /** The file's text with every image value (each rewritten span) cut out: what must not change. */
  private static String outsideImages(String text, ImageScan scan, Path file) {
    List<Slot> slots = scan.uses().stream().filter(u -> u.file().equals(file)).flatMap(u -> u.slots().stream())
        .sorted((a, b) -> Integer.compare(b.start(), a.start())).toList();
    StringBuilder out = new StringBuilder(text);
    for (Slot slot : slots) {
      out.replace(slot.start(), slot.end(), "\u0000");
    }
    return out.toString();
  }
}
