package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.ImageReference;
import dev.ferry.reference.InvalidReferenceException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RepositorySourceTest {
  @Test
  void aNamespaceMapsUnderThePrefixWithoutItsOwnPath() {
    Function<ImageReference, ImageReference> map = RepositorySource.underPrefix("org", "registry.local/mirror/");
    assertThat(map.apply(ImageReference.parse("quay.io/org/app/web"))).hasToString("registry.local/mirror/app/web");
  }

  @Test
  void aListKeepsTheWholeRepositoryPathUnderThePrefix() {
    Function<ImageReference, ImageReference> map = RepositorySource.underPrefix("", "registry.local");
    assertThat(map.apply(ImageReference.parse("nginx"))).hasToString("registry.local/library/nginx");
    assertThat(new RepositorySource.Listed(List.of(ImageReference.parse("quay.io/org/app:1.0")), map).pairs(null))
        .containsExactly(new RepositoryPair(ImageReference.parse("quay.io/org/app"),
            ImageReference.parse("registry.local/org/app")));
  }

  @Test
  void aBadPrefixOrNamespaceIsATypedErrorAtBuildTime() {
    assertThatThrownBy(() -> Mirror.builder().namespace("quay.io/Org", "registry.local/mirror"))
        .isInstanceOf(InvalidReferenceException.class);
    assertThatThrownBy(() -> Mirror.builder().repositories(List.of(), "registry.local/UPPER"))
        .isInstanceOf(InvalidReferenceException.class);
    assertThatThrownBy(() -> Mirror.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("repository(...)");
  }
}
