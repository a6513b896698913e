package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.copy.BulkCopy;
import dev.ferry.copy.DestinationConflictException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two registries' {@code src/app:2} under one prefix would overwrite each other: refused before any copy. */
class BulkCopyConflictTest {
  @Test
  void twoRegistriesSameRepositoryAndTagUnderOnePrefixAreRefusedAndNothingIsWritten() {
    try (EmbeddedRegistry a = EmbeddedRegistry.start();
        EmbeddedRegistry b = EmbeddedRegistry.start();
        EmbeddedRegistry mirror = EmbeddedRegistry.start();
        RegistryClient client = RegistryClient.builder().plainHttp(a.address(), b.address(), mirror.address())
            .build()) {
      ImageReference fromA = TestImages.image().push(a, "src/app:2").reference();
      ImageReference fromB = TestImages.image().push(b, "src/app:2").reference();
      List<ImageReference> sources = List.of(fromA, fromB);
      a.clearRequests();
      b.clearRequests();

      assertThatThrownBy(() -> BulkCopy.toPrefix(sources, mirror.address() + "/m"))
          .isInstanceOfSatisfying(DestinationConflictException.class, e -> {
            assertThat(e.destination()).isEqualTo(mirror.reference("m/src/app:2"));
            assertThat(e.sources()).containsExactly(fromA, fromB);
          });
      BulkCopy byMapping = BulkCopy.of(sources, source -> mirror.reference("m/app:2"));
      assertThatThrownBy(() -> byMapping.execute(client)).isInstanceOf(DestinationConflictException.class)
          .hasMessageContaining(fromA.toString()).hasMessageContaining(fromB.toString());

      assertThat(mirror.requests()).isEmpty();
      assertThat(a.requests()).isEmpty();
      assertThat(b.requests()).isEmpty();
    }
  }
}
