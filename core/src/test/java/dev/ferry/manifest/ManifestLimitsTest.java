package dev.ferry.manifest;

import static dev.ferry.manifest.Fixtures.bytes;
import static dev.ferry.manifest.Fixtures.sha256;
import static dev.ferry.manifest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.FerryLimits;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.InvalidDigestException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile and broken documents: each is refused with a typed error that names the field and the rule. */
class ManifestLimitsTest {
  private static final String OCI = MediaTypes.OCI_IMAGE_MANIFEST;
  private static final String LAYER = "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
      + Fixtures.digestOf("layer") + "\",\"size\":10}";
  private static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
      + Fixtures.digestOf("config") + "\",\"size\":10}";

  private static InvalidManifestException invalid(byte[] bytes) {
    return catchThrowableOfType(InvalidManifestException.class, () -> Manifest.parse(bytes, ""));
  }

  private static InvalidManifestException invalid(String fixture) {
    InvalidManifestException e = invalid(bytes(fixture));
    assertThat(e.digest()).as("the error names the document").contains(sha256(bytes(fixture)));
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      size-negative.json      | layers[0].size must be a non-negative integer, found -1
      size-fraction.json      | layers[0].size must be a non-negative integer, found 1.5
      size-exponent.json      | layers[0].size must be a non-negative integer, found 1.0E30
      size-string.json        | layers[0].size must be a non-negative integer, found the string "12"
      size-null.json          | layers[0].size must be a non-negative integer, found null
      size-overflow.json      | layers[0].size must be a non-negative integer that fits in 64 bits, found 9223372036854775808
      missing-config.json     | config is required (an object)
      missing-layers.json     | layers is required (an array)
      missing-manifests.json  | manifests is required (an array)
      missing-schema-version.json | schemaVersion is required (an integer)
      schema-version-3.json   | schemaVersion must be 2, found 3
      descriptor-missing-mediatype.json | config.mediaType is required (a string)
      descriptor-missing-digest.json | config.digest is required (a string)
      descriptor-missing-size.json | manifests[0].size is required (a non-negative integer)
      layers-not-array.json   | layers must be an array, found an object
      annotation-not-string.json | annotations.com.example.count must be a string, found 3
      mediatype-not-string.json | mediaType must be a string, found 2
      platform-not-object.json | manifests[0].platform must be an object, found the string "linux/amd64"
      platform-missing-os.json | manifests[0].platform.os is required (a string)
      urls-not-array.json     | layers[0].urls must be an array, found the string "https://example.com/x"
      artifact-type-malformed.json | artifactType must be a media type of the form type/subtype (RFC 6838), found "not a media type"
      ambiguous-index-and-manifest.json | an index must not have config or layers; this document is ambiguous
      """)
  void refusesBrokenFieldsNamingThePathAndTheRule(String fixture, String reason) {
    assertThat(invalid("hostile/" + fixture).reason()).isEqualTo(reason);
  }

  @Test
  void refusesALayerThatIsNotAnObject() {
    assertThat(invalid("hostile/layer-not-object.json").reason())
        .startsWith("layers[0] must be an object, found the string \"sha256:");
  }

  @Test
  void refusesAnInvalidDigestWithTheDigestErrorAsCause() {
    InvalidManifestException e = invalid("hostile/digest-invalid.json");

    assertThat(e.reason()).isEqualTo("config.digest is not a valid digest: sha256 needs 64 hex digits, found 3 characters");
    assertThat(e).hasCauseInstanceOf(InvalidDigestException.class);
    assertThat(e.mediaType()).contains(OCI);
  }

  @Test
  void refusesDuplicateKeysThatWouldMakeTheKindAmbiguous() {
    InvalidManifestException e = invalid("hostile/duplicate-keys.json");

    assertThat(e.reason()).startsWith("not valid JSON: duplicate key \"mediaType\" (ambiguous");
    assertThat(e).hasCauseInstanceOf(JsonReadException.class);
  }

  @Test
  void refusesDuplicateKeysInADescriptor() {
    assertThat(invalid("hostile/duplicate-keys-nested.json").reason())
        .startsWith("not valid JSON: duplicate key \"digest\"");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    assertThat(invalid("hostile/deep-nesting.json").reason())
        .startsWith("not valid JSON: JSON nested deeper than " + FerryLimits.MAX_JSON_DEPTH + " levels");
  }

  @Test
  void refusesExtremelyDeepNestingWithoutStackOverflow() {
    byte[] bomb = utf8("{\"a\":" + "[".repeat(1_000_000));

    assertThat(invalid(bomb).reason()).contains("nested deeper than");
  }

  @Test
  void refusesTrailingContentAfterTheDocument() {
    assertThat(invalid("hostile/trailing-garbage.json").reason())
        .startsWith("not valid JSON: unexpected content after the root object");
  }

  @Test
  void refusesAByteOrderMark() {
    assertThat(invalid("hostile/bom.json").reason()).contains("byte order mark");
  }

  @Test
  void refusesBinaryGarbage() {
    assertThat(invalid("hostile/garbage.bin").reason()).startsWith("not valid JSON: ");
  }

  @Test
  void refusesAnHtmlPageServedAsJson() {
    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(bytes("hostile/html-error-page.json"), "application/json"));

    assertThat(e.reason()).startsWith("not valid JSON: Unexpected character ('<'");
  }

  @Test
  void refusesARootThatIsNotAnObject() {
    assertThat(invalid("hostile/root-array.json").reason())
        .startsWith("not valid JSON: the root must be a JSON object, found an array");
  }

  @Test
  void refusesEmptyInput() {
    assertThat(invalid(new byte[0]).reason()).isEqualTo("not valid JSON: the document is empty");
  }

  @Test
  void refusesAMediaTypeWithLineBreaksThatCouldBeInjectedIntoHeaders() {
    assertThat(invalid("hostile/descriptor-mediatype-crlf.json").reason())
        .startsWith("config.mediaType must be a media type of the form type/subtype (RFC 6838), found")
        .contains("\\u000d\\u000a").doesNotContain("\r");
  }

  @Test
  void refusesEmbeddedDataThatDoesNotMatchItsDigest() {
    InvalidManifestException e = invalid("hostile/data-mismatch.json");

    assertThat(e.reason()).startsWith("config.data does not match the descriptor's digest and size");
    assertThat(e).hasCauseInstanceOf(DigestMismatchException.class);
  }

  @Test
  void refusesEmbeddedDataThatIsNotBase64() {
    assertThat(invalid("hostile/data-not-base64.json").reason()).startsWith("config.data is not valid base64");
  }

  @Test
  void refusesMoreThanTheMaximumSizeBeforeParsing() {
    byte[] garbage = new byte[FerryLimits.MAX_MANIFEST_BYTES + 1];
    Arrays.fill(garbage, (byte) '[');

    InvalidManifestException e = invalid(garbage);

    assertThat(e.reason()).isEqualTo("the manifest is 4194305 bytes, more than the limit of 4194304"
        + " (FerryLimits.MAX_MANIFEST_BYTES)");
    assertThat(e.digest()).isEmpty();
    assertThat(e.getCause()).isNull();
  }

  @Test
  void acceptsAManifestOfExactlyTheMaximumSize() {
    byte[] body = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI + "\",\"config\":" + CONFIG
        + ",\"layers\":[" + LAYER + "]}");
    byte[] padded = Arrays.copyOf(body, FerryLimits.MAX_MANIFEST_BYTES);
    Arrays.fill(padded, body.length, padded.length, (byte) ' ');

    Manifest m = Manifest.parse(padded, OCI);

    assertThat(m.size()).isEqualTo(FerryLimits.MAX_MANIFEST_BYTES);
    assertThat(m.digest()).isEqualTo(sha256(padded));
  }

  @Test
  void acceptsTheMaximumNumberOfLayersAndRefusesOneMore() {
    assertThat(((ImageManifest) Manifest.parse(manifestWithLayers(FerryLimits.MAX_MANIFEST_LAYERS), OCI))
        .layers()).hasSize(FerryLimits.MAX_MANIFEST_LAYERS);

    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(manifestWithLayers(FerryLimits.MAX_MANIFEST_LAYERS + 1), OCI));

    assertThat(e.reason()).isEqualTo("layers has more than 10000 entries (FerryLimits.MAX_MANIFEST_LAYERS)");
  }

  @Test
  void acceptsTheMaximumNumberOfChildrenAndRefusesOneMore() {
    String index = MediaTypes.OCI_IMAGE_INDEX;
    assertThat(((ImageIndex) Manifest.parse(indexWithChildren(FerryLimits.MAX_INDEX_MANIFESTS), index))
        .manifests()).hasSize(FerryLimits.MAX_INDEX_MANIFESTS);

    InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
        () -> Manifest.parse(indexWithChildren(FerryLimits.MAX_INDEX_MANIFESTS + 1), index));

    assertThat(e.reason()).isEqualTo("manifests has more than 10000 entries (FerryLimits.MAX_INDEX_MANIFESTS)");
  }

  @Test
  void acceptsUnknownFieldsAndNullOptionalFields() {
    byte[] json = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI + "\",\"config\":" + CONFIG
        + ",\"layers\":[],\"annotations\":null,\"subject\":null,\"x-vendor\":{\"deep\":[1,2,{\"k\":true}]}}");

    ImageManifest m = (ImageManifest) Manifest.parse(json, "");

    assertThat(m.annotations()).isEmpty();
    assertThat(m.subject()).isEmpty();
    assertThat(m.layers()).isEmpty();
  }

  private static byte[] manifestWithLayers(int count) {
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI + "\",\"config\":" + CONFIG
        + ",\"layers\":[");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append(LAYER);
    }
    return utf8(sb.append("]}").toString());
  }

  private static byte[] indexWithChildren(int count) {
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX
        + "\",\"manifests\":[");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(OCI).append("\",\"digest\":\"")
          .append(Fixtures.digestOf("child")).append("\",\"size\":10}");
    }
    return utf8(sb.append("]}").toString());
  }
}
