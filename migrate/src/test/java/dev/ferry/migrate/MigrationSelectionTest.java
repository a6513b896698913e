package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.registry.RegistryClient;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a migration decides before any request: skips, the mapping's answers, bad settings. */
class MigrationSelectionTest {
  private static final ImageScan SCAN = ImageScan.of(Path.of("k.yaml"), new StringReader("""
      a: {image: "gcr.io/distroless/static:nonroot"}
      b: {image: nginx}
      c: {image: nginx:latest}
      d: {image: us-docker.pkg.dev/p/r/app:1}
      """));

  @Test
  void skipsWhatThePredicatesOrTheMappingLeaveAloneAndReportsAMappingThatFails() {
    try (RegistryClient client = RegistryClient.builder().build()) {
      MigrationPlan plan = Migration.of(SCAN)
          .skip(ref -> ref.registry().endsWith("docker.pkg.dev"))
          .skip(ref -> ref.registry().equals("gcr.io"))
          .mapping(ref -> {
            if (ref.repository().equals("library/nginx")) {
              throw new IllegalArgumentException("no room for nginx");
            }
            return ref;
          })
          .plan(client);

      assertThat(plan.images()).extracting(i -> i.source().familiarString() + " " + i.status() + " "
          + i.detail().orElse("") + " " + i.uses().size()).containsExactly(
          "gcr.io/distroless/static:nonroot SKIPPED skipped by the predicate 1",
          "nginx:latest FAILED no destination: no room for nginx 2",
          "us-docker.pkg.dev/p/r/app:1 SKIPPED skipped by the predicate 1");
      assertThat(plan.files()).isEmpty();
      assertThat(plan.ready()).isFalse();
      assertThat(plan.summary()).startsWith("Plan: 1 image failed, 2 images skipped; no files; 0 unresolved");
    }
  }

  @Test
  void aMappingThatReturnsTheSourceLeavesItAlone() {
    try (RegistryClient client = RegistryClient.builder().build()) {
      MigrationPlan plan = Migration.of(SCAN).mapping(ref -> ref).plan(client);

      assertThat(plan.images()).allSatisfy(i -> {
        assertThat(i.status()).isEqualTo(ImageEntry.Status.SKIPPED);
        assertThat(i.detail()).contains("already at its destination");
      });
    }
  }

  @Test
  void refusesAConcurrencyBelowOne() {
    assertThatThrownBy(() -> Migration.of(SCAN).concurrency(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
