package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.ImageReference;
import dev.ferry.reference.InvalidReferenceException;
import org.junit.jupiter.api.Test;

class DestinationsTest {
  private static String under(String prefix, boolean keepHost, String source) {
    return Destinations.prefix(prefix, keepHost).of(ImageReference.parse(source)).toString();
  }

  @Test
  void keepsTheSourcePathUnderThePrefixAsGooglesGuideLaysItOut() {
    assertThat(under("us-docker.pkg.dev/proj/repo", false, "nginx:1.27"))
        .isEqualTo("us-docker.pkg.dev/proj/repo/library/nginx:1.27");
    assertThat(under("us-docker.pkg.dev/proj/repo/", false, "ghcr.io/org/app@sha256:" + "b".repeat(64)))
        .isEqualTo("us-docker.pkg.dev/proj/repo/org/app@sha256:" + "b".repeat(64));
  }

  @Test
  void optionallyKeepsTheRegistryHostAsAPathComponent() {
    assertThat(under("us-docker.pkg.dev/proj/repo", true, "nginx:1.27"))
        .isEqualTo("us-docker.pkg.dev/proj/repo/docker.io/library/nginx:1.27");
    assertThat(under("us-docker.pkg.dev/proj/repo", true, "localhost:5000/team/app:1"))
        .isEqualTo("us-docker.pkg.dev/proj/repo/localhost-5000/team/app:1");
  }

  @Test
  void knowsWhatIsAlreadyUnderThePrefix() {
    Destinations prefix = Destinations.prefix("us-docker.pkg.dev/proj/repo", false);

    assertThat(prefix.alreadyThere(ImageReference.parse("us-docker.pkg.dev/proj/repo/library/nginx:1.27"))).isTrue();
    assertThat(prefix.alreadyThere(ImageReference.parse("us-docker.pkg.dev/proj/repository/x:1"))).isFalse();
    assertThat(prefix.alreadyThere(ImageReference.parse("nginx:1.27"))).isFalse();
    assertThat(Destinations.mapping(r -> r).alreadyThere(ImageReference.parse("nginx"))).isFalse();
  }

  @Test
  void refusesAPrefixThatIsNoRegistryAndPath() {
    assertThatThrownBy(() -> Destinations.prefix("Not A Registry/x", false))
        .isInstanceOf(InvalidReferenceException.class);
  }
}
