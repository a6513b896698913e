package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A registry shared by a class keeps its content between tests, but not one test's faults, request log or read-only switch. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedRegistryExtensionResetTest {
  @RegisterExtension
  static EmbeddedRegistryExtension shared = EmbeddedRegistryExtension.perClass();

  @Test
  @Order(1)
  void aTestLeavesAFaultAndLoggedRequestsBehind() {
    TestImages.image().seed(1).layerSizes(100).push(shared.get(), "reset/app:1");
    shared.get().failNext(100, r -> true, 503);
    shared.get().readOnly(true);
    assertThat(shared.get().requests()).isNotEmpty();
  }

  @Test
  @Order(2)
  void theNextTestStartsWithoutThemButWithTheContent() {
    assertThat(shared.get().requests()).isEmpty();
    try (RegistryClient client = RegistryClient.builder().plainHttp(shared.get().address())
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThat(client.headManifest(shared.get().reference("reset/app:1"))).isPresent();
    }
    assertThat(shared.get().requests()).allSatisfy(call -> assertThat(call.status()).isLessThan(500));
  }

  @Test
  @Order(3)
  void andWithTheReadOnlySwitchAsBuilt() {
    // test 1 switched writes off; the registry was built writable
    TestImages.image().seed(2).layerSizes(100).push(shared.get(), "reset/app:2");
    assertThat(shared.get().requests()).allSatisfy(call -> assertThat(call.status()).isLessThan(400));
  }
}
