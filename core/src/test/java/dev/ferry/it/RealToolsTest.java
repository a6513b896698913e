package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RealToolsTest {
  @Test
  void missingToolFailsUnderCiAndSkipsElsewhere() {
    Throwable thrown = catchThrowable(() -> RealTools.require("ferry-no-such-tool-here"));

    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(thrown).isInstanceOf(AssertionError.class)
          .hasMessageContaining("ferry-no-such-tool-here is not installed")
          .hasMessageContaining("must not skip under CI=true");
    } else {
      assertThat(thrown).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("ferry-no-such-tool-here is not installed");
    }
  }

  @Test
  void findsAnInstalledTool() {
    assertThat(RealTools.require("sh")).isAbsolute().hasFileName("sh");
  }
}
