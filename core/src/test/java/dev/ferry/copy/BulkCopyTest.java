package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.ImageReference;
import dev.ferry.reference.InvalidReferenceException;
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
  void concurrencyMustBePositive() {
    assertThatThrownBy(() -> BulkCopy.of(List.of(), r -> r).concurrency(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
