package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated and truncated manifests: whatever happens, parsing either succeeds or
 * throws a {@link FerryException} — never a Jackson exception, an NPE, a
 * ClassCastException or anything else untyped.
 */
class ManifestFuzzTest {
  private static final String[] CONTENT_TYPES = {"", MediaTypes.OCI_IMAGE_MANIFEST, MediaTypes.OCI_IMAGE_INDEX,
      MediaTypes.DOCKER_MANIFEST_V2, MediaTypes.DOCKER_MANIFEST_LIST, "application/json"};
  private static final byte[] INTERESTING = "{}[]\",:0-1.5e9 \\nulltruefalse\u0000\u00ff".getBytes(
      java.nio.charset.StandardCharsets.ISO_8859_1);

  @ParameterizedTest
  @ValueSource(strings = {"oci-image-manifest.json", "oci-index-buildx.json", "docker-manifest-list.json",
      "windows-manifest.json", "oci-artifact-manifest.json", "schema1-signed.json"})
  void neverThrowsAnythingButFerryExceptionsOnTruncatedInput(String fixture) {
    byte[] original = bytes(fixture);
    for (int length = 0; length < original.length; length++) {
      assertTypedOutcome(Arrays.copyOf(original, length), CONTENT_TYPES[length % CONTENT_TYPES.length]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"oci-image-manifest.json", "oci-index-buildx.json", "docker-manifest-list.json",
      "windows-manifest-list.json", "oci-artifact-manifest.json", "oci-index-artifact.json"})
  void neverThrowsAnythingButFerryExceptionsOnMutatedInput(String fixture) {
    byte[] original = bytes(fixture);
    Random random = new Random(fixture.hashCode());
    for (int round = 0; round < 3000; round++) {
      byte[] mutated = original.clone();
      int edits = 1 + random.nextInt(4);
      for (int i = 0; i < edits; i++) {
        mutated[random.nextInt(mutated.length)] = random.nextBoolean()
            ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
      }
      assertTypedOutcome(mutated, CONTENT_TYPES[round % CONTENT_TYPES.length]);
    }
  }

  private static void assertTypedOutcome(byte[] input, String contentType) {
    try {
      Manifest m = Manifest.parse(input, contentType);
      assertThat(m.bytes()).isEqualTo(input);
      m.references().forEach(d -> assertThat(d.size()).isNotNegative());
    } catch (FerryException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
