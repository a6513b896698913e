package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.digestOf;
import static dev.ferry.manifest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Platform selection on an index. Tests marked "needs the real compatible matcher"
 * depend on containerd semantics (an arm/v7 host also runs v6 and v5; arm64 is
 * arm64/v8) that the skeleton {@link PlatformMatcher#compatible} does not have yet.
 */
class ImageIndexSelectionTest {
  private static final Platform ARM_V5 = Platform.of("linux", "arm", "v5");
  private static final Platform ARM_V6 = Platform.of("linux", "arm", "v6");
  private static final Platform ARM_V7 = Platform.of("linux", "arm", "v7");
  private static final Platform AMD64 = Platform.of("linux", "amd64");
  private static final Platform UNKNOWN = Platform.of("unknown", "unknown");

  private final ImageIndex dockerList = (ImageIndex) Fixtures.parse("docker-manifest-list.json");
  private final ImageIndex buildx = (ImageIndex) Fixtures.parse("oci-index-buildx.json");

  @Test
  void compatibleArmV7HostPicksTheV7ImageWhenThereIsOne() {
    Descriptor pick = dockerList.select(PlatformMatcher.compatible(ARM_V7)).orElseThrow();

    assertThat(pick.platform()).contains(ARM_V7);
    assertThat(pick.digest()).isEqualTo(dockerList.manifests().get(2).digest());
  }

  @Test
  void compatibleArmV7HostPrefersV7EvenWhenV6IsListedFirst() {
    ImageIndex index = index(ARM_V6, ARM_V7);

    assertThat(index.select(PlatformMatcher.compatible(ARM_V7)).flatMap(Descriptor::platform)).contains(ARM_V7);
  }

  @Test
  void compatibleArmV7HostFallsBackToV6WhenNoV7Exists() {
    // needs the real compatible matcher: the skeleton matches arm/v7 only
    ImageIndex index = index(AMD64, ARM_V6);

    assertThat(index.select(PlatformMatcher.compatible(ARM_V7)).flatMap(Descriptor::platform)).contains(ARM_V6);
  }

  @Test
  void compatibleArmV7HostPrefersV6OverV5() {
    // needs the real compatible matcher: the skeleton matches arm/v7 only
    ImageIndex index = index(ARM_V5, ARM_V6, AMD64);

    assertThat(index.select(PlatformMatcher.compatible(ARM_V7)).flatMap(Descriptor::platform)).contains(ARM_V6);
  }

  @Test
  void selectAllListsEveryRunnableImageInIndexOrder() {
    // needs the real compatible matcher: the skeleton matches arm/v7 only
    ImageIndex index = index(ARM_V7, AMD64, ARM_V5, ARM_V6);

    assertThat(index.selectAll(PlatformMatcher.compatible(ARM_V7))).extracting(d -> d.platform().orElseThrow())
        .containsExactly(ARM_V7, ARM_V5, ARM_V6);
  }

  @Test
  void compatibleArmV6HostNeverPicksV7() {
    ImageIndex index = index(ARM_V7);

    assertThat(index.select(PlatformMatcher.compatible(ARM_V6))).isEmpty();
  }

  @Test
  void strictMatcherFindsExactlyThePlatformAskedFor() {
    assertThat(dockerList.selectAll(PlatformMatcher.strict(ARM_V6))).singleElement()
        .extracting(d -> d.platform().orElseThrow()).isEqualTo(ARM_V6);
    assertThat(dockerList.select(PlatformMatcher.strict(AMD64)).orElseThrow().digest())
        .isEqualTo(dockerList.manifests().get(0).digest());
  }

  @Test
  void strictArm64FindsTheArm64V8Image() {
    // needs the real Platform.normalize (arm64 is arm64/v8); the skeleton compares the fields as given
    assertThat(dockerList.select(PlatformMatcher.strict(Platform.of("linux", "arm64"))).flatMap(Descriptor::platform))
        .contains(Platform.of("linux", "arm64", "v8"));
  }

  @Test
  void neverSelectsAttestationsEvenWhenAskedForTheirPlatform() {
    assertThat(buildx.select(PlatformMatcher.strict(UNKNOWN))).isEmpty();
    assertThat(buildx.selectAll(PlatformMatcher.compatible(UNKNOWN))).isEmpty();
    assertThat(buildx.selectAll(everything())).hasSize(2).noneMatch(Descriptor::isAttestation);
  }

  @Test
  void neverSelectsChildrenWithoutAPlatform() {
    ImageIndex artifacts = (ImageIndex) Fixtures.parse("oci-index-artifact.json");

    assertThat(artifacts.select(everything())).isEmpty();
    assertThat(artifacts.selectAll(everything())).isEmpty();
  }

  @Test
  void keepsIndexOrderBetweenEquallyGoodChildren() {
    ImageIndex index = index(ARM_V6, AMD64, AMD64);

    Descriptor pick = index.select(everything()).orElseThrow();
    Descriptor amd64 = index.select(PlatformMatcher.strict(AMD64)).orElseThrow();

    assertThat(pick).isEqualTo(index.manifests().get(0));
    assertThat(amd64).isEqualTo(index.manifests().get(1));
  }

  @Test
  void ranksChildrenWithTheMatchersOrder() {
    ImageIndex index = index(ARM_V5, AMD64, ARM_V7, ARM_V6);
    PlatformMatcher highestVariant = matcher(p -> p.architecture().equals("arm"),
        Comparator.comparing((Platform p) -> p.variant().orElse("")).reversed());

    assertThat(index.select(highestVariant).orElseThrow().platform()).contains(ARM_V7);
    assertThat(index.selectAll(highestVariant)).extracting(d -> d.platform().orElseThrow())
        .containsExactly(ARM_V5, ARM_V7, ARM_V6);
  }

  @Test
  void requireReturnsTheBestChild() {
    assertThat(buildx.require(PlatformMatcher.strict(AMD64))).isEqualTo(buildx.manifests().get(0));
  }

  @Test
  void requireListsTheAvailablePlatformsWhenNothingMatches() {
    PlatformMatcher s390x = PlatformMatcher.strict(Platform.of("linux", "s390x"));

    PlatformNotFoundException e = catchThrowableOfType(PlatformNotFoundException.class, () -> buildx.require(s390x));

    assertThat(e.available()).containsExactly(AMD64, Platform.of("linux", "arm64"));
    assertThat(e.requested()).isEqualTo(s390x.toString());
    assertThat(e.digest()).isEqualTo(buildx.digest());
    assertThat(e).hasMessage("no image for platform " + s390x + " in index " + buildx.digest()
        + "; available: linux/amd64, linux/arm64");
  }

  @Test
  void requireSaysWhenAnIndexHasNoRunnablePlatformAtAll() {
    ImageIndex artifacts = (ImageIndex) Fixtures.parse("oci-index-artifact.json");

    PlatformNotFoundException e = catchThrowableOfType(PlatformNotFoundException.class,
        () -> artifacts.require(PlatformMatcher.strict(AMD64)));

    assertThat(e.available()).isEmpty();
    assertThat(e.getMessage()).endsWith("; it lists no runnable platforms");
  }

  @Test
  void listsWindowsPlatformsWithTheirOsVersionInErrors() {
    ImageIndex windows = (ImageIndex) Fixtures.parse("windows-manifest-list.json");

    PlatformNotFoundException e = catchThrowableOfType(PlatformNotFoundException.class,
        () -> windows.require(PlatformMatcher.strict(Platform.of("linux", "arm64"))));

    assertThat(e.available()).hasSize(3);
    assertThat(e.getMessage()).contains("10.0.17763.6893").contains("10.0.20348.3207");
  }

  @Test
  void listsEachPlatformOnce() {
    assertThat(index(AMD64, ARM_V6, AMD64).platforms()).containsExactly(AMD64, ARM_V6);
  }

  @Test
  void refusesANullMatcher() {
    assertThatNullPointerException().isThrownBy(() -> dockerList.select(null)).withMessage("matcher");
    assertThatNullPointerException().isThrownBy(() -> dockerList.selectAll(null)).withMessage("matcher");
  }

  /** An OCI index with one child per platform, in order. */
  private static ImageIndex index(Platform... platforms) {
    List<String> children = new ArrayList<>();
    for (int i = 0; i < platforms.length; i++) {
      Platform p = platforms[i];
      children.add("{\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"digest\":\"" + digestOf("child" + i)
          + "\",\"size\":" + (500 + i) + ",\"platform\":{\"architecture\":\"" + p.architecture() + "\",\"os\":\""
          + p.os() + "\"" + p.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse("") + "}}");
    }
    return (ImageIndex) Manifest.parse(utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX
        + "\",\"manifests\":[" + String.join(",", children) + "]}"), "");
  }

  private static PlatformMatcher everything() {
    return matcher(p -> true, (a, b) -> 0);
  }

  private static PlatformMatcher matcher(java.util.function.Predicate<Platform> accepts, Comparator<Platform> order) {
    return new PlatformMatcher() {
      @Override
      public boolean matches(Platform platform) {
        return accepts.test(platform);
      }

      @Override
      public int compare(Platform a, Platform b) {
        return order.compare(a, b);
      }
    };
  }
}
