package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.registry.RegistryError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryErrorBodyTest {
  private static java.util.List<RegistryError> parse(String body) {
    return RegistryErrorBody.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheDistributionErrorBody() {
    assertThat(parse("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\","
        + "\"detail\":[{\"Type\":\"repository\",\"Name\":\"samalba/my-app\",\"Action\":\"pull\"}]}]}"))
        .containsExactly(new RegistryError("UNAUTHORIZED", "authentication required",
            "[{\"Type\":\"repository\",\"Name\":\"samalba/my-app\",\"Action\":\"pull\"}]"));
  }

  @Test
  void readsSeveralEntriesAndMissingFields() {
    assertThat(parse("{\"errors\":[{\"code\":\"DENIED\"},{\"code\":\"X\",\"message\":\"m\",\"detail\":\"d\"},"
        + "{\"message\":\"no code\"},42]}"))
        .containsExactly(new RegistryError("DENIED", "", ""), new RegistryError("X", "m", "d"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<html>401</html>", "{}", "{\"errors\":{}}", "{\"errors\":\"x\"}", "[1]",
      "{\"details\":\"incorrect username or password\"}", "{\"errors\":[", "\u0000"})
  void toleratesAnythingElse(String body) {
    assertThat(parse(body)).isEmpty();
  }

  @Test
  void ignoresBodiesOverTheLimit() {
    String big = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + "x".repeat(70_000) + "\"}]}";
    ScriptedTransport.Canned canned = ScriptedTransport.Canned.of(401, big);
    assertThat(RegistryErrorBody.read(canned.toResponse(java.net.URI.create("https://r/v2/")))).isEmpty();
    ScriptedTransport.Canned small = ScriptedTransport.Canned.of(401, "{\"errors\":[{\"code\":\"DENIED\"}]}");
    assertThat(RegistryErrorBody.read(small.toResponse(java.net.URI.create("https://r/v2/")))).hasSize(1);
  }
}
