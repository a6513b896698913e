package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.Manifest;
import dev.ferry.it.Skopeo;
import dev.ferry.reference.Digest;
import dev.ferry.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client no one here wrote, skopeo, copies into, inspects and copies out of the embedded registry. */
class SkopeoInteropIT {
  private static Skopeo skopeo;
  private static EmbeddedRegistry source;
  private static EmbeddedRegistry target;
  private static RegistryClient client;

  @TempDir
  Path work;

  @BeforeAll
  static void start() {
    skopeo = Skopeo.require();
    source = EmbeddedRegistry.start();
    target = EmbeddedRegistry.start();
    client = RegistryClient.builder().plainHttp(source.address(), target.address()).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
      source.close();
      target.close();
    }
  }

  private static String skopeo(String... args) {
    return skopeo.ok(args).out();
  }

  private static Digest sha256(String manifest) {
    return Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void copiesAMultiPlatformIndexInAndOutWithAllAndKeepsEveryDigest() throws Exception {
    TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64", "linux/arm/v7")
        .layerSizes(200_000, 3_000).push(source, "skopeo/multi:1.0");

    skopeo("copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false",
        "docker://" + source.reference("skopeo/multi:1.0"), "docker://" + target.reference("skopeo/copied:1.0"));
    skopeo("copy", "--all", "--src-tls-verify=false", "docker://" + target.reference("skopeo/copied:1.0"),
        "dir:" + work.resolve("out"));
    skopeo("copy", "--all", "--dest-tls-verify=false", "dir:" + work.resolve("out"),
        "docker://" + target.reference("skopeo/back:1.0"));

    String raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + target.reference("skopeo/copied:1.0"));
    assertThat(sha256(raw)).isEqualTo(image.digest());
    assertThat(client.headManifest(target.reference("skopeo/back:1.0")).orElseThrow().digest())
        .isEqualTo(image.digest());
    ImageIndex copied = (ImageIndex) client.fetchManifest(target.reference("skopeo/back:1.0"));
    assertThat(copied.manifests()).extracting(d -> d.digest()).containsExactlyElementsOf(image.platforms().values());
  }

  @Test
  void inspectsADockerImageAndCopiesItFromADirectoryWithTheSameDigest() throws Exception {
    TestImage image = TestImages.image().docker().layerSizes(10_000, 20_000).push(source, "skopeo/docker:1.0");

    String inspect = skopeo("inspect", "--tls-verify=false", "docker://" + source.reference("skopeo/docker:1.0"));
    skopeo("copy", "--src-tls-verify=false", "docker://" + source.reference("skopeo/docker:1.0"),
        "dir:" + work.resolve("docker"));
    skopeo("copy", "--dest-tls-verify=false", "dir:" + work.resolve("docker"),
        "docker://" + target.reference("skopeo/docker-in:2.0"));

    assertThat(inspect).contains("\"Digest\": \"" + image.digest() + "\"").contains("\"Architecture\": \"amd64\"");
    Manifest pushed = client.fetchManifest(target.reference("skopeo/docker-in:2.0"));
    assertThat(pushed.digest()).isEqualTo(image.digest());
    assertThat(pushed.bytes()).isEqualTo(image.manifest().bytes());
    assertThat(skopeo("list-tags", "--tls-verify=false", "docker://" + target.reference("skopeo/docker-in")))
        .contains("\"2.0\"");
  }

  @Test
  void copiesIntoAndOutOfATlsRegistryTrustingItsCaFromACertDirectory() throws Exception {
    try (EmbeddedRegistry tls = EmbeddedRegistry.builder().tls().start()) {
      String certs = tls.writeCaPem(work.resolve("certs/ca.crt")).getParent().toString();
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(50_000)
          .push(source, "skopeo/tls:1.0");

      skopeo("copy", "--all", "--src-tls-verify=false", "--dest-cert-dir", certs,
          "docker://" + source.reference("skopeo/tls:1.0"), "docker://" + tls.reference("skopeo/in-tls:1.0"));
      String raw = skopeo("inspect", "--raw", "--cert-dir", certs, "docker://" + tls.reference("skopeo/in-tls:1.0"));
      skopeo("copy", "--all", "--src-cert-dir", certs, "docker://" + tls.reference("skopeo/in-tls:1.0"),
          "dir:" + work.resolve("from-tls"));

      assertThat(sha256(raw)).isEqualTo(image.digest());
      assertThat(work.resolve("from-tls/manifest.json")).hasBinaryContent(image.manifest().bytes());
      // without the CA skopeo refuses the registry: the certificate really is checked
      assertThat(skopeo.run("inspect", "--raw", "docker://" + tls.reference("skopeo/in-tls:1.0")).exitCode())
          .isNotZero();
    }
  }

  @Test
  void copiesIntoAndOutOfAPlainHttpRegistryWithTokenAuth() throws Exception {
    try (EmbeddedRegistry plain = EmbeddedRegistry.builder().tokenAuth().user("skopeo", "s3cret").start()) {
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(30_000)
          .push(source, "skopeo/plain-auth:1.0");

      skopeo("copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false", "--dest-creds", "skopeo:s3cret",
          "docker://" + source.reference("skopeo/plain-auth:1.0"), "docker://" + plain.reference("skopeo/plain-auth:1.0"));
      String raw = skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "skopeo:s3cret",
          "docker://" + plain.reference("skopeo/plain-auth:1.0"));
      skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds", "skopeo:s3cret",
          "docker://" + plain.reference("skopeo/plain-auth:1.0"), "dir:" + work.resolve("from-plain-auth"));

      assertThat(sha256(raw)).isEqualTo(image.digest());
      assertThat(work.resolve("from-plain-auth/manifest.json")).hasBinaryContent(image.manifest().bytes());
      assertThat(skopeo.run("inspect", "--raw", "--tls-verify=false",
          "docker://" + plain.reference("skopeo/plain-auth:1.0")).exitCode()).isNotZero();
      assertThat(plain.requests()).filteredOn(c -> c.method().equals("PUT") && c.path().contains("/manifests/"))
          .isNotEmpty().allMatch(c -> c.hasAuthorization() && c.status() == 201);
    }
  }

  @Test
  void copiesIntoAndOutOfATlsRegistryWithBasicAuth() throws Exception {
    try (EmbeddedRegistry basic = EmbeddedRegistry.builder().tls().basicAuth().user("skopeo", "s3cret").start()) {
      String certs = basic.writeCaPem(work.resolve("basic-certs/ca.crt")).getParent().toString();
      TestImage image = TestImages.image().docker().layerSizes(40_000, 1_000).push(source, "skopeo/basic:1.0");

      skopeo("copy", "--src-tls-verify=false", "--dest-cert-dir", certs, "--dest-creds", "skopeo:s3cret",
          "docker://" + source.reference("skopeo/basic:1.0"), "docker://" + basic.reference("skopeo/basic:1.0"));
      String raw = skopeo("inspect", "--raw", "--cert-dir", certs, "--creds", "skopeo:s3cret",
          "docker://" + basic.reference("skopeo/basic:1.0"));
      skopeo("copy", "--src-cert-dir", certs, "--src-creds", "skopeo:s3cret",
          "docker://" + basic.reference("skopeo/basic:1.0"), "dir:" + work.resolve("from-basic"));

      assertThat(sha256(raw)).isEqualTo(image.digest());
      assertThat(work.resolve("from-basic/manifest.json")).hasBinaryContent(image.manifest().bytes());
      assertThat(skopeo.run("inspect", "--raw", "--cert-dir", certs, "--creds", "skopeo:wrong",
          "docker://" + basic.reference("skopeo/basic:1.0")).exitCode()).isNotZero();
      assertThat(basic.requests()).anyMatch(c -> c.status() == 401)
          .filteredOn(c -> c.method().equals("PUT") && c.path().contains("/manifests/"))
          .allMatch(c -> c.hasAuthorization() && c.status() == 201);
    }
  }

  @Test
  void copiesIntoAndOutOfATlsRegistryWithTokenAuth() throws Exception {
    try (EmbeddedRegistry token = EmbeddedRegistry.builder().tls().tokenAuth().user("skopeo", "s3cret")
        .user("reader", "r3ad", "*", "pull").start()) {
      String certs = token.writeCaPem(work.resolve("token-certs/ca.crt")).getParent().toString();
      TestImage image = TestImages.image().platforms("linux/amd64", "linux/s390x").layerSizes(30_000)
          .push(source, "skopeo/token:1.0");

      skopeo("copy", "--all", "--src-tls-verify=false", "--dest-cert-dir", certs, "--dest-creds", "skopeo:s3cret",
          "docker://" + source.reference("skopeo/token:1.0"), "docker://" + token.reference("skopeo/token:1.0"));
      String raw = skopeo("inspect", "--raw", "--cert-dir", certs, "--creds", "reader:r3ad",
          "docker://" + token.reference("skopeo/token:1.0"));
      skopeo("copy", "--all", "--src-cert-dir", certs, "--src-creds", "reader:r3ad",
          "docker://" + token.reference("skopeo/token:1.0"), "dir:" + work.resolve("from-token"));

      assertThat(sha256(raw)).isEqualTo(image.digest());
      assertThat(work.resolve("from-token/manifest.json")).hasBinaryContent(image.manifest().bytes());
      assertThat(token.requests()).anyMatch(c -> c.method().equals("GET") && c.path().startsWith("/token?")
          && c.hasAuthorization() && c.status() == 200);
      // the reader's token does not open a push, and no credentials open nothing
      assertThat(skopeo.run("copy", "--src-tls-verify=false", "--dest-cert-dir", certs, "--dest-creds", "reader:r3ad",
          "docker://" + source.reference("skopeo/token:1.0"), "docker://" + token.reference("skopeo/denied:1.0"))
          .exitCode()).isNotZero();
      assertThat(skopeo.run("inspect", "--raw", "--cert-dir", certs,
          "docker://" + token.reference("skopeo/token:1.0")).exitCode()).isNotZero();
    }
  }
}
