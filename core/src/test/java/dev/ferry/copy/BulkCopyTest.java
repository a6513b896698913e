package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.ImageReference;
import dev.ferry.reference.InvalidReferenceException;
import dev.ferry.registry.RegistryClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCopyTest {
  @Test
  void aPrefixKeepsRepositoryPathAndTag() {
    ImageReference nginx = ImageReference.parse("nginx:1.27");
    ImageReference quay = ImageReference.parse("quay.io/org/app@sha256:" + "a".repeat(64));
    BulkCopy bulk = BulkCopy.toPrefix(List.of(nginx, quay), "us-docker.pkg.dev/proj/mirror/");

    assertThat(bulk.destinationOf(nginx)).hasToString("us-docker.pkg.dev/proj/mirror/library/nginx:1.27");
    assertThat(bulk.destinationOf(quay)).hasToString("us-docker.pkg.dev/proj/mirror/org/app@sha256:" + "a".repeat(64));
  }

  @Test
  void aBadPrefixIsATypedError() {
    assertThatThrownBy(() -> BulkCopy.toPrefix(List.of(), "Bad_Host/UPPER")).isInstanceOf(InvalidReferenceException.class);
  }

  @Test
  void aPrefixThatPutsTwoRegistriesOnOneTagIsRefusedNamingBoth() {
    ImageReference a = ImageReference.parse("a.io/src/app:2");
    ImageReference b = ImageReference.parse("b.io/src/app:2");

    assertThatThrownBy(() -> BulkCopy.toPrefix(List.of(a, ImageReference.parse("a.io/src/other:1"), b),
        "mirror.local/m"))
        .isInstanceOfSatisfying(DestinationConflictException.class, e -> {
          assertThat(e.destination()).isEqualTo(ImageReference.parse("mirror.local/m/src/app:2"));
          assertThat(e.sources()).containsExactly(a, b);
        })
        .hasMessageContaining("a.io/src/app:2").hasMessageContaining("b.io/src/app:2")
        .hasMessageContaining("mirror.local/m/src/app:2");
  }

  @Test
  void theSameDigestFromTwoRegistriesIsNoConflict() {
    String digest = "@sha256:" + "b".repeat(64);
    BulkCopy bulk = BulkCopy.toPrefix(List.of(ImageReference.parse("a.io/src/app" + digest),
        ImageReference.parse("b.io/src/app" + digest), ImageReference.parse("a.io/src/app:1")), "mirror.local/m");

    assertThat(bulk.destinationOf(ImageReference.parse("b.io/src/app" + digest)))
        .hasToString("mirror.local/m/src/app" + digest);
  }

  @Test
  void theSameSourceTwiceIsNoConflict() {
    ImageReference a = ImageReference.parse("a.io/src/app:2");

    assertThat(BulkCopy.toPrefix(List.of(a, a), "mirror.local/m").destinationOf(a))
        .hasToString("mirror.local/m/src/app:2");
  }

  @Test
  void aMappingThatPutsTwoSourcesOnOneTagIsRefusedBeforeAnyRequest() {
    List<ImageReference> sources = List.of(ImageReference.parse("a.io/x/one:1"), ImageReference.parse("a.io/x/two:1"));
    BulkCopy bulk = BulkCopy.of(sources, source -> ImageReference.parse("localhost:1/all:1"));

    // the client can reach nothing: only a refusal before any request ends this way
    try (RegistryClient client = RegistryClient.builder().plainHttp("localhost:1", "a.io").build()) {
      assertThatThrownBy(() -> bulk.execute(client)).isInstanceOf(DestinationConflictException.class)
          .hasMessageContaining("a.io/x/one:1").hasMessageContaining("a.io/x/two:1");
    }
  }

  @Test
  void concurrencyMustBePositive() {
    assertThatThrownBy(() -> BulkCopy.of(List.of(), r -> r).concurrency(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
