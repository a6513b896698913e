package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagFilterTest {
  private static final String DIGEST_TAG = "sha256-" + "ab".repeat(32);
  private static final List<String> TAGS = List.of("latest", "1.0.0", "v1.2.0", "1.2.5", "1.3", "1.4.0",
      "v1.4.1", "1.10.0", "2.0.0-rc.1", "2.0.0", "2.1.0-beta", "3", "edge", "1.4.0-alpine", DIGEST_TAG,
      DIGEST_TAG + ".sig", DIGEST_TAG + ".att", "release.sbom");

  private static List<String> pick(TagFilter filter) {
    return filter.select(TAGS);
  }

  @Test
  void matchingTakesTheWholeTagNotAPart() {
    assertThat(pick(TagFilter.matching("1\\.4"))).isEmpty();
    assertThat(pick(TagFilter.matching("1\\.4.*"))).containsExactly("1.4.0", "1.4.0-alpine");
    assertThat(pick(TagFilter.matching("^v[0-9.]+$"))).containsExactly("v1.2.0", "v1.4.1");
  }

  @Test
  void semverLowerBoundSkipsPreReleasesAndNonVersions() {
    assertThat(pick(TagFilter.semver(">=1.4.0")))
        .containsExactly("1.4.0", "v1.4.1", "1.10.0", "2.0.0", "3");
  }

  @Test
  void semverRangeWithPartialUpperBound() {
    assertThat(pick(TagFilter.semver(">=1.2 <2"))).containsExactly("v1.2.0", "1.2.5", "1.3", "1.4.0", "v1.4.1",
        "1.10.0");
  }

  @Test
  void caretAndTildeFollowNpm() {
    assertThat(pick(TagFilter.semver("^1.2"))).containsExactly("v1.2.0", "1.2.5", "1.3", "1.4.0", "v1.4.1",
        "1.10.0");
    assertThat(pick(TagFilter.semver("~1.2.3"))).containsExactly("1.2.5");
    assertThat(pick(TagFilter.semver("~1.4"))).containsExactly("1.4.0", "v1.4.1");
    assertThat(TagFilter.semver("^0.2.3").select(List.of("0.2.3", "0.2.9", "0.3.0", "1.0.0")))
        .containsExactly("0.2.3", "0.2.9");
    assertThat(TagFilter.semver("^0.0.3").select(List.of("0.0.3", "0.0.4"))).containsExactly("0.0.3");
  }

  @Test
  void preReleasesOnlyWhenTheRangeNamesOneOfTheSameVersion() {
    assertThat(pick(TagFilter.semver(">=2.0.0-rc.0"))).containsExactly("2.0.0-rc.1", "2.0.0", "3");
    assertThat(pick(TagFilter.semver(">=2.0.0-rc.0"))).doesNotContain("2.1.0-beta");
    assertThat(pick(TagFilter.semver("^2"))).containsExactly("2.0.0");
    assertThat(pick(TagFilter.semver("1.4.0-alpine"))).containsExactly("1.4.0-alpine");
  }

  @Test
  void xRangesHyphensAndAlternatives() {
    assertThat(pick(TagFilter.semver("1.x"))).containsExactly("1.0.0", "v1.2.0", "1.2.5", "1.3", "1.4.0", "v1.4.1",
        "1.10.0");
    assertThat(pick(TagFilter.semver("1.2 - 1.3"))).containsExactly("v1.2.0", "1.2.5", "1.3");
    assertThat(pick(TagFilter.semver("1.0.0 || >=3"))).containsExactly("1.0.0", "3");
    assertThat(pick(TagFilter.semver(">1.4"))).containsExactly("1.10.0", "2.0.0", "3");
    assertThat(pick(TagFilter.semver("<=1.2"))).containsExactly("1.0.0", "v1.2.0", "1.2.5");
    assertThat(pick(TagFilter.semver("*"))).containsExactly("1.0.0", "v1.2.0", "1.2.5", "1.3", "1.4.0", "v1.4.1",
        "1.10.0", "2.0.0", "3");
  }

  @Test
  void newestRanksBySemverThenByName() {
    assertThat(pick(TagFilter.all().newest(3))).containsExactlyInAnyOrder("3", "2.1.0-beta", "2.0.0");
    assertThat(TagFilter.all().newest(3).select(List.of("b", "1.0", "a", "v1.0", "c")))
        .containsExactlyInAnyOrder("v1.0", "1.0", "c");
    assertThat(TagFilter.all().newest(2).select(List.of("b", "a", "c"))).containsExactly("b", "c");
  }

  @Test
  void combinationsOfTheDesignExample() {
    TagFilter filter = TagFilter.matching("^v[0-9.]+$").and(TagFilter.semver(">=1.4.0")).newest(10);
    assertThat(pick(filter)).containsExactly("v1.4.1");
    assertThat(pick(TagFilter.semver("^1.2").newest(2))).containsExactly("v1.4.1", "1.10.0");
    assertThat(pick(TagFilter.matching("latest").or(TagFilter.matching("edge")))).containsExactly("latest", "edge");
    assertThat(pick(TagFilter.semver("*").not())).containsExactly("latest", "2.0.0-rc.1", "2.1.0-beta", "edge",
        "1.4.0-alpine");
  }

  @Test
  void digestAndSignatureTagsAreLeftOutUnlessAsked() {
    assertThat(pick(TagFilter.all())).doesNotContain(DIGEST_TAG, DIGEST_TAG + ".sig", DIGEST_TAG + ".att",
        "release.sbom");
    assertThat(pick(TagFilter.matching("sha256-.*"))).isEmpty();
    assertThat(pick(TagFilter.matching("sha256-.*").includingArtifactTags()))
        .containsExactly(DIGEST_TAG, DIGEST_TAG + ".sig", DIGEST_TAG + ".att");
  }

  @Test
  void badPatternsAndRangesAreTypedErrorsNamingTheInput() {
    assertThatThrownBy(() -> TagFilter.matching("v[0-9"))
        .isInstanceOf(InvalidTagFilterException.class).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("v[0-9");
    assertThatThrownBy(() -> TagFilter.semver(">=one.two"))
        .isInstanceOf(InvalidTagFilterException.class).hasMessageContaining(">=one.two")
        .hasMessageContaining("not a version");
    assertThatThrownBy(() -> TagFilter.all().newest(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
