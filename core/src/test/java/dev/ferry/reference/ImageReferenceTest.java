package dev.ferry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  static final String HEX64 = "6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";
  static final String SHA256 = "sha256:" + HEX64;
  static final String SHA512 = "sha512:" + HEX64 + HEX64;

  /** One valid input and everything it must normalise to; null means absent. */
  record Valid(String input, String registry, String repository, String tag, String digest, String canonical,
      String familiar) {
    @Override
    public String toString() {
      return input.length() > 80 ? input.substring(0, 77) + "..." : input;
    }
  }

  static Valid valid(String input, String registry, String repository, String tag, String digest,
      String familiar) {
    String canonical = registry + "/" + repository + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest);
    return new Valid(input, registry, repository, tag, digest, canonical, familiar);
  }

  static Stream<Valid> validReferences() {
    String path255 = "a".repeat(255);
    String hubPath255 = ("a/").repeat(127) + "a";
    String official247 = "b".repeat(247);
    String tag128 = "t".repeat(128);
    return Stream.of(
        // Docker Hub normalisation
        valid("nginx", "docker.io", "library/nginx", null, null, "nginx"),
        valid("nginx:1.27", "docker.io", "library/nginx", "1.27", null, "nginx:1.27"),
        valid("library/nginx", "docker.io", "library/nginx", null, null, "nginx"),
        valid("docker.io/nginx", "docker.io", "library/nginx", null, null, "nginx"),
        valid("docker.io/library/nginx", "docker.io", "library/nginx", null, null, "nginx"),
        valid("index.docker.io/library/nginx", "docker.io", "library/nginx", null, null, "nginx"),
        valid("index.docker.io/nginx:1.27", "docker.io", "library/nginx", "1.27", null, "nginx:1.27"),
        valid("index.docker.io/user/app:v1", "docker.io", "user/app", "v1", null, "user/app:v1"),
        valid("user/app", "docker.io", "user/app", null, null, "user/app"),
        valid("docker.io/user/app", "docker.io", "user/app", null, null, "user/app"),
        valid("library/foo/bar", "docker.io", "library/foo/bar", null, null, "library/foo/bar"),
        valid("other/library", "docker.io", "other/library", null, null, "other/library"),
        valid("docker.io/library", "docker.io", "library/library", null, null, "library"),
        valid("test_com/foo", "docker.io", "test_com/foo", null, null, "test_com/foo"),
        valid("x--y", "docker.io", "library/x--y", null, null, "x--y"),
        valid("docker---rules/docker", "docker.io", "docker---rules/docker", null, null, "docker---rules/docker"),
        valid("dock__er/d", "docker.io", "dock__er/d", null, null, "dock__er/d"),
        valid("ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base", null, null, "ubuntu-12.04-base"),
        // a first component without '.', ':' or uppercase is a Docker Hub namespace, not a host
        valid("registry/app", "docker.io", "registry/app", null, null, "registry/app"),
        // without '/', host-like text is a Docker Hub name and ':...' a tag
        valid("localhost", "docker.io", "library/localhost", null, null, "localhost"),
        valid("localhost:5000", "docker.io", "library/localhost", "5000", null, "localhost:5000"),
        valid("192.168.1.1", "docker.io", "library/192.168.1.1", null, null, "192.168.1.1"),
        valid("test.com:5000", "docker.io", "library/test.com", "5000", null, "test.com:5000"),
        // Docker Hub paths that would read as a registry keep their prefix in the familiar form
        valid("docker.io/foo.com/app", "docker.io", "foo.com/app", null, null, "docker.io/foo.com/app"),
        valid("docker.io/localhost/app", "docker.io", "localhost/app", null, null, "docker.io/localhost/app"),
        valid("docker.io/" + HEX64, "docker.io", "library/" + HEX64, null, null, "library/" + HEX64),
        valid(HEX64 + ":v1", "docker.io", "library/" + HEX64, "v1", null, "library/" + HEX64 + ":v1"),
        valid(HEX64.substring(1), "docker.io", "library/" + HEX64.substring(1), null, null, HEX64.substring(1)),
        // registries
        valid("localhost/app", "localhost", "app", null, null, "localhost/app"),
        valid("localhost:5000/app:tag", "localhost:5000", "app", "tag", null, "localhost:5000/app:tag"),
        valid("Foo/bar", "Foo", "bar", null, null, "Foo/bar"),
        valid("FOO/bar", "FOO", "bar", null, null, "FOO/bar"),
        valid("DOCKER.IO/nginx", "DOCKER.IO", "nginx", null, null, "DOCKER.IO/nginx"),
        valid("registry-1.docker.io/library/nginx", "registry-1.docker.io", "library/nginx", null, null,
            "registry-1.docker.io/library/nginx"),
        valid("foo.com:8080/a/b/c", "foo.com:8080", "a/b/c", null, null, "foo.com:8080/a/b/c"),
        valid("test-com:8080/foo", "test-com:8080", "foo", null, null, "test-com:8080/foo"),
        valid("example.com:0/x", "example.com:0", "x", null, null, "example.com:0/x"),
        valid("quay.io/org/app", "quay.io", "org/app", null, null, "quay.io/org/app"),
        valid("[::1]:5000/foo", "[::1]:5000", "foo", null, null, "[::1]:5000/foo"),
        valid("[2001:db8::1]/foo", "[2001:db8::1]", "foo", null, null, "[2001:db8::1]/foo"),
        valid("[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo", null, null, "[2001:db8::]:5000/repo"),
        valid("[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian", null,
            null, "[fc00:1:2:3:4:5:6:7]:5000/library/debian"),
        valid("[2001:DB8::1]:5000/repo:tag", "[2001:DB8::1]:5000", "repo", "tag", null,
            "[2001:DB8::1]:5000/repo:tag"),
        valid("127.0.0.1:5000/foo", "127.0.0.1:5000", "foo", null, null, "127.0.0.1:5000/foo"),
        valid("192.168.1.1/repo", "192.168.1.1", "repo", null, null, "192.168.1.1/repo"),
        valid("a.b.c/d__e/f-g.h_i:tag", "a.b.c", "d__e/f-g.h_i", "tag", null, "a.b.c/d__e/f-g.h_i:tag"),
        valid("xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", null,
            "xn--n3h.com/myimage:xn--n3h.com"),
        valid("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app",
            "test.example.com", null, "b.gcr.io/test.example.com/my-app:test.example.com"),
        valid("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag",
            null, "sub-dom1.foo.com/bar/baz/quux:some-long-tag"),
        // tags
        valid("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", null, "lowercase:Uppercase"),
        valid("nginx:_tag", "docker.io", "library/nginx", "_tag", null, "nginx:_tag"),
        valid("nginx:1.2.3-alpine_x", "docker.io", "library/nginx", "1.2.3-alpine_x", null,
            "nginx:1.2.3-alpine_x"),
        valid("nginx:a..--__", "docker.io", "library/nginx", "a..--__", null, "nginx:a..--__"),
        valid("nginx:" + tag128, "docker.io", "library/nginx", tag128, null, "nginx:" + tag128),
        // digests
        valid("nginx@" + SHA256, "docker.io", "library/nginx", null, SHA256, "nginx@" + SHA256),
        valid("nginx:1.27@" + SHA256, "docker.io", "library/nginx", "1.27", SHA256, "nginx:1.27@" + SHA256),
        valid("ghcr.io/org/app@" + SHA512, "ghcr.io", "org/app", null, SHA512, "ghcr.io/org/app@" + SHA512),
        valid("[::1]:5000/repo:tag@" + SHA256, "[::1]:5000", "repo", "tag", SHA256,
            "[::1]:5000/repo:tag@" + SHA256),
        // lengths: the path is counted after normalisation, registry excluded
        valid("example.com/" + path255, "example.com", path255, null, null, "example.com/" + path255),
        valid(hubPath255, "docker.io", hubPath255, null, null, hubPath255),
        valid(official247, "docker.io", "library/" + official247, null, null, official247));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validReferences")
  void parsesAndNormalisesValidReference(Valid c) {
    ImageReference ref = ImageReference.parse(c.input());

    assertThat(ref.registry()).isEqualTo(c.registry());
    assertThat(ref.repository()).isEqualTo(c.repository());
    assertThat(ref.tag()).isEqualTo(java.util.Optional.ofNullable(c.tag()));
    assertThat(ref.digest().map(Digest::toString)).isEqualTo(java.util.Optional.ofNullable(c.digest()));
    assertThat(ref.name()).isEqualTo(c.registry() + "/" + c.repository());
    assertThat(ref.toString()).isEqualTo(c.canonical());
    assertThat(ref.familiarString()).isEqualTo(c.familiar());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validReferences")
  void readsBackItsCanonicalAndFamiliarForms(Valid c) {
    ImageReference ref = ImageReference.parse(c.input());

    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    assertThat(ImageReference.parse(ref.familiarString())).isEqualTo(ref);
    assertThat(ImageReference.parse(ref.familiarName())).isEqualTo(ref.withoutTag().withoutDigest());
  }

  @Test
  void normalisesSingleComponentDockerHubNameToLibrary() {
    assertThat(ImageReference.parse("nginx").repository()).isEqualTo("library/nginx");
    assertThat(ImageReference.parse("docker.io/nginx").repository()).isEqualTo("library/nginx");
  }

  @Test
  void keepsLibraryPrefixOnlyOnDockerHub() {
    assertThat(ImageReference.parse("quay.io/nginx").repository()).isEqualTo("nginx");
    assertThat(ImageReference.parse("localhost/nginx").repository()).isEqualTo("nginx");
  }

  @Test
  void treatsUppercaseFirstComponentAsRegistry() {
    ImageReference ref = ImageReference.parse("Foo/bar:1");

    assertThat(ref.registry()).isEqualTo("Foo");
    assertThat(ref.repository()).isEqualTo("bar");
  }

  @Test
  void keepsTagAndDigestTogether() {
    ImageReference ref = ImageReference.parse("busybox:latest@" + SHA256);

    assertThat(ref.tag()).contains("latest");
    assertThat(ref.digest()).contains(Digest.parse(SHA256));
    assertThat(ref.toString()).isEqualTo("docker.io/library/busybox:latest@" + SHA256);
  }

  @Test
  void printsNoDefaultTagWhenNeitherTagNorDigestIsGiven() {
    ImageReference ref = ImageReference.parse("nginx");

    assertThat(ref.tag()).isEmpty();
    assertThat(ref.digest()).isEmpty();
    assertThat(ref).hasToString("docker.io/library/nginx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "library/nginx", "docker.io/nginx", "docker.io/library/nginx",
      "index.docker.io/nginx", "index.docker.io/library/nginx"})
  void equalsWhenNormalisedPartsAreEqual(String spelling) {
    ImageReference canonical = ImageReference.parse("docker.io/library/nginx");
    ImageReference ref = ImageReference.parse(spelling);

    assertThat(ref).isEqualTo(canonical);
    assertThat(ref.hashCode()).isEqualTo(canonical.hashCode());
  }

  @Test
  void differsWhenTagDigestRegistryOrRepositoryDiffer() {
    ImageReference nginx = ImageReference.parse("nginx");

    assertThat(nginx).isNotEqualTo(ImageReference.parse("nginx:latest"));
    assertThat(nginx).isNotEqualTo(ImageReference.parse("nginx@" + SHA256));
    assertThat(ImageReference.parse("nginx:1@" + SHA256)).isNotEqualTo(ImageReference.parse("nginx:1"));
    assertThat(nginx).isNotEqualTo(ImageReference.parse("quay.io/library/nginx"));
    assertThat(nginx).isNotEqualTo(ImageReference.parse("nginx2"));
    assertThat(nginx).isNotEqualTo(ImageReference.parse("Foo/nginx"));
    assertThat(nginx).isNotEqualTo("docker.io/library/nginx");
    assertThat(nginx).isEqualTo(nginx);
  }

  @Test
  void refusesNullWithTheParameterName() {
    assertThatThrownBy(() -> ImageReference.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reference");
  }
}
