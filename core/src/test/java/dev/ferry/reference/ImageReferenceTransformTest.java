package dev.ferry.reference;

import static dev.ferry.reference.ImageReferenceTest.SHA256;
import static dev.ferry.reference.ImageReferenceTest.SHA512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTransformTest {
  private static final Digest DIGEST = Digest.parse(SHA256);
  private static final Digest OTHER_DIGEST = Digest.parse(SHA512);

  private static ImageReference ref(String text) {
    return ImageReference.parse(text);
  }

  @Test
  void mirrorsDockerHubImageToAnotherRegistryAndRepository() {
    ImageReference mirrored = ref("nginx:1.14.2").withRegistry("us-docker.pkg.dev").withRepository("p/r/nginx");

    assertThat(mirrored).hasToString("us-docker.pkg.dev/p/r/nginx:1.14.2");
    assertThat(mirrored.familiarString()).isEqualTo("us-docker.pkg.dev/p/r/nginx:1.14.2");
  }

  @Test
  void keepsLibraryPrefixWhenMovingOffDockerHub() {
    assertThat(ref("docker.io/library/nginx:1.14.2").withRegistry("us-docker.pkg.dev"))
        .hasToString("us-docker.pkg.dev/library/nginx:1.14.2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker.io", "index.docker.io"})
  void addsLibraryPrefixWhenMovingSingleComponentOntoDockerHub(String hub) {
    ImageReference moved = ref("quay.io/nginx:1@" + SHA256).withRegistry(hub);

    assertThat(moved).isEqualTo(ref("nginx:1@" + SHA256));
    assertThat(moved.registry()).isEqualTo("docker.io");
    assertThat(moved.repository()).isEqualTo("library/nginx");
  }

  @Test
  void keepsMultiComponentRepositoryWhenMovingOntoDockerHub() {
    assertThat(ref("quay.io/org/app").withRegistry("docker.io")).hasToString("docker.io/org/app");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      foo          | would be read as a Docker Hub namespace
      registry     | would be read as a Docker Hub namespace
      -bad.com     | each label must start and end
      [::1         | never closes
      host:port    | registry port "port" must be a decimal number
      a.com/b      | contains invalid character '/'
      a_b.com      | contains invalid character '_'
      ''           | registry host is empty
      'my host.io' | registry must not contain whitespace
      """)
  void refusesInvalidRegistry(String registry, String reason) {
    assertThatThrownBy(() -> ref("nginx").withRegistry(registry))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(reason);
    assertThatThrownBy(() -> ImageReference.of(registry, "app"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(reason);
    assertThatThrownBy(() -> ImageReference.apiHost(registry))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void refusesRegistryThatWouldMakeTheReferenceTooLong() {
    String host = "a".repeat(FerryLimits.MAX_REFERENCE_LENGTH - 10) + ".io";

    assertThatThrownBy(() -> ref("org/app:1").withRegistry(host))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("reference is too long");
  }

  @Test
  void refusesOversizedArgumentWithoutCopyingIt() {
    String huge = "a".repeat(1_000_000);

    assertThatThrownBy(() -> ref("nginx").withRepository(huge))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("repository is too long: 1000000 characters");
  }

  @Test
  void appliesDockerHubRuleToNewRepository() {
    assertThat(ref("nginx").withRepository("redis")).hasToString("docker.io/library/redis");
    assertThat(ref("quay.io/org/app").withRepository("redis")).hasToString("quay.io/redis");
    assertThat(ref("nginx:1@" + SHA256).withRepository("a/b")).hasToString("docker.io/a/b:1@" + SHA256);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      App           | repository name must be lowercase
      a//b          | empty component
      ''            | repository name is missing
      app:1         | contains invalid character ':'
      a_-b          | invalid separator
      """)
  void refusesInvalidRepository(String repository, String reason) {
    assertThatThrownBy(() -> ref("quay.io/x").withRepository(repository))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(reason);
    assertThatThrownBy(() -> ImageReference.of("quay.io", repository))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void countsLibraryPrefixAgainstRepositoryLengthLimit() {
    String name = "a".repeat(250);

    assertThat(ref("quay.io/x").withRepository(name).repository()).hasSize(250);
    assertThatThrownBy(() -> ref("quay.io/" + name).withRegistry("docker.io"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("repository name is too long: 258 characters with Docker Hub's 'library/'");
  }

  @Test
  void replacesTagAndKeepsDigest() {
    ImageReference pinned = ref("nginx:1.27@" + SHA256);

    assertThat(pinned.withTag("1.28")).hasToString("docker.io/library/nginx:1.28@" + SHA256);
    assertThat(ref("nginx").withTag("1.28")).hasToString("docker.io/library/nginx:1.28");
    assertThat(ref("nginx:1").withTag("2").tag()).contains("2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-x", ".x", "a+b", "a:b", "a/b"})
  void refusesInvalidTag(String tag) {
    assertThatThrownBy(() -> ref("nginx").withTag(tag))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("tag");
    assertThatThrownBy(() -> ImageReference.of("quay.io", "app", tag))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("tag");
  }

  @Test
  void refusesTagLongerThanLimit() {
    assertThat(ref("nginx").withTag("t".repeat(128)).tag()).hasValue("t".repeat(128));
    assertThatThrownBy(() -> ref("nginx").withTag("t".repeat(129)))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("tag is too long: 129 characters");
  }

  @Test
  void replacesDigestAndKeepsTag() {
    assertThat(ref("nginx:1").withDigest(DIGEST)).hasToString("docker.io/library/nginx:1@" + SHA256);
    assertThat(ref("nginx@" + SHA256).withDigest(OTHER_DIGEST).digest()).contains(OTHER_DIGEST);
  }

  @Test
  void dropsTagOrDigest() {
    ImageReference both = ref("nginx:1@" + SHA256);

    assertThat(both.withoutTag()).hasToString("docker.io/library/nginx@" + SHA256);
    assertThat(both.withoutDigest()).hasToString("docker.io/library/nginx:1");
    assertThat(both.withoutTag().withoutDigest()).hasToString("docker.io/library/nginx");
    assertThat(ref("nginx").withoutTag()).isEqualTo(ref("nginx"));
  }

  @Test
  void makesDefaultTagExplicitOnlyWhenNeitherTagNorDigest() {
    assertThat(ref("nginx").withDefaultTag()).hasToString("docker.io/library/nginx:latest");
    assertThat(ref("nginx:1").withDefaultTag()).hasToString("docker.io/library/nginx:1");
    assertThat(ref("nginx@" + SHA256).withDefaultTag()).hasToString("docker.io/library/nginx@" + SHA256);
    assertThat(ImageReference.DEFAULT_TAG).isEqualTo("latest");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      nginx                           | latest
      nginx:1.27                      | 1.27
      nginx@DIGEST                    | DIGEST
      nginx:1.27@DIGEST               | DIGEST
      localhost:5000/app:latest       | latest
      """)
  void choosesDigestThenTagThenLatestForManifestRequests(String input, String expected) {
    ImageReference reference = ref(input.replace("DIGEST", SHA256));

    assertThat(reference.manifestReference()).isEqualTo(expected.replace("DIGEST", SHA256));
  }

  @Test
  void createsReferencesFromParts() {
    assertThat(ImageReference.of("docker.io", "nginx")).isEqualTo(ref("nginx"));
    assertThat(ImageReference.of("index.docker.io", "nginx")).isEqualTo(ref("nginx"));
    assertThat(ImageReference.of("docker.io", "library/nginx", "1.27")).isEqualTo(ref("nginx:1.27"));
    assertThat(ImageReference.of("localhost:5000", "app", "1.0")).hasToString("localhost:5000/app:1.0");
    assertThat(ImageReference.of("localhost", "app")).hasToString("localhost/app");
    assertThat(ImageReference.of("[::1]:5000", "a/b")).hasToString("[::1]:5000/a/b");
    assertThat(ImageReference.of("Foo", "bar")).isEqualTo(ref("Foo/bar"));
  }

  @Test
  void refusesNullArgumentsWithTheirNames() {
    ImageReference nginx = ref("nginx");

    assertThatThrownBy(() -> ImageReference.of(null, "a")).hasMessage("registry");
    assertThatThrownBy(() -> ImageReference.of("a.io", null)).hasMessage("repository");
    assertThatThrownBy(() -> ImageReference.of("a.io", "a", null)).hasMessage("tag");
    assertThatThrownBy(() -> nginx.withTag(null)).isInstanceOf(NullPointerException.class).hasMessage("tag");
    assertThatThrownBy(() -> nginx.withDigest(null)).hasMessage("digest");
    assertThatThrownBy(() -> nginx.withRegistry(null)).hasMessage("registry");
    assertThatThrownBy(() -> nginx.withRepository(null)).hasMessage("repository");
    assertThatThrownBy(() -> ImageReference.apiHost(null)).hasMessage("registry");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      docker.io            | registry-1.docker.io
      index.docker.io      | registry-1.docker.io
      registry-1.docker.io | registry-1.docker.io
      quay.io              | quay.io
      localhost            | localhost
      localhost:5000       | localhost:5000
      [::1]:5000           | [::1]:5000
      ghcr.io:443          | ghcr.io:443
      """)
  void mapsRegistryToApiHost(String registry, String expected) {
    assertThat(ImageReference.apiHost(registry)).isEqualTo(expected);
  }

  @Test
  void mapsReferenceToApiHost() {
    assertThat(ref("nginx").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ref("index.docker.io/user/app").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ref("localhost:5000/app").apiHost()).isEqualTo("localhost:5000");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      nginx                       | nginx
      docker.io/library/nginx:1   | nginx
      user/app:1                  | user/app
      library/a/b                 | library/a/b
      quay.io/org/app:1           | quay.io/org/app
      localhost:5000/app          | localhost:5000/app
      docker.io/my.org/app        | docker.io/my.org/app
      """)
  void dropsDockerHubPrefixesFromFamiliarName(String input, String familiar) {
    assertThat(ref(input).familiarName()).isEqualTo(familiar);
  }

  @Test
  void appendsTagAndDigestToFamiliarString() {
    assertThat(ref("docker.io/library/nginx:1.27@" + SHA256).familiarString()).isEqualTo("nginx:1.27@" + SHA256);
    assertThat(ref("quay.io/org/app@" + SHA256).familiarString()).isEqualTo("quay.io/org/app@" + SHA256);
  }

  @Test
  void returnsTheSameInstanceWhenNothingChanges() {
    ImageReference nginx = ref("nginx:1");

    assertThat(nginx.withoutDigest()).isSameAs(nginx);
    assertThat(nginx.withDefaultTag()).isSameAs(nginx);
  }
}
