package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.manifest.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformSelectionTest {
  private static final Platform AMD64 = Platform.of("linux", "amd64");
  private static final Platform ARM64 = Platform.of("linux", "arm64");
  private static final Platform ARM_V7 = Platform.of("linux", "arm", "v7");
  private static final Platform ARM_V6 = Platform.of("linux", "arm", "v6");

  @Test
  void allSelectsEveryPlatform() {
    assertThat(PlatformSelection.all().isAll()).isTrue();
    assertThat(List.of(AMD64, ARM64, ARM_V6)).allMatch(PlatformSelection.all()::selects);
  }

  @Test
  void onlyComparesAfterNormalisation() {
    PlatformSelection selection = PlatformSelection.only(Platform.parse("linux/arm64/v8"), Platform.parse("linux/arm"));
    assertThat(selection.isAll()).isFalse();
    assertThat(selection.selects(ARM64)).isTrue();
    assertThat(selection.selects(Platform.of("linux", "aarch64"))).isTrue();
    assertThat(selection.selects(ARM_V7)).isTrue();
    assertThat(selection.selects(ARM_V6)).isFalse();
    assertThat(selection.selects(AMD64)).isFalse();
  }

  @Test
  void onlyRanksTheFirstListedPlatformFirstForSinglePlatformCopies() {
    PlatformSelection selection = PlatformSelection.only(ARM64, AMD64);
    assertThat(selection.bestMatch().compare(ARM64, AMD64)).isNegative();
    assertThat(selection.bestMatch().matches(Platform.of("windows", "amd64"))).isFalse();
  }

  @Test
  void onlyRefusesAnEmptyList() {
    assertThatThrownBy(PlatformSelection::only).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchingUsesThePredicate() {
    PlatformSelection arm = PlatformSelection.matching(p -> p.architecture().startsWith("arm"));
    assertThat(arm.selects(ARM64)).isTrue();
    assertThat(arm.selects(AMD64)).isFalse();
    assertThat(arm.bestMatch().compare(ARM_V7, AMD64)).isNegative();
  }

  @Test
  void currentSelectsTheHost() {
    assertThat(PlatformSelection.current().selects(Platform.current())).isTrue();
    assertThat(PlatformSelection.all().bestMatch().matches(Platform.current())).isTrue();
  }
}
