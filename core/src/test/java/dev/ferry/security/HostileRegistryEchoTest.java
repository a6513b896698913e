package dev.ferry.security;

import static dev.ferry.security.HostileRegistry.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.FerryException;
import dev.ferry.copy.CopyException;
import dev.ferry.copy.CopyOperation;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryError;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.security.HostileRegistry.Auth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A registry (or a proxy in front of it) that echoes the credentials it received in its error
 * bodies: no secret the client holds, in plain or base64 form, may come out of the exception a
 * caller sees, its fields, a wrapping {@code CopyException}, or its Java-serialized bytes.
 */
class HostileRegistryEchoTest {
  private static final String INDEX = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX
      + "\",\"manifests\":[]}";
  private static final Descriptor BLOB = Descriptor.of("application/octet-stream",
      Digest.sha256("echo".getBytes(StandardCharsets.UTF_8)), 4);

  /** Which call meets the echo. */
  enum Call {
    MANIFEST_GET, MANIFEST_PUT, BLOB_GET, BLOB_UPLOAD;

    void run(RegistryClient client, ImageReference repo) throws IOException {
      switch (this) {
        case MANIFEST_GET -> client.fetchManifest(repo.withTag("1.0"));
        case MANIFEST_PUT -> client.pushManifest(repo.withTag("1.0"), Manifest.parse(INDEX.getBytes(
            StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_INDEX));
        case BLOB_GET -> {
          try (InputStream in = client.openBlob(repo, BLOB)) {
            in.readAllBytes();
          }
        }
        case BLOB_UPLOAD -> client.pushBlob(repo, BLOB, BlobSource.of("echo".getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  static Stream<Arguments> echoes() {
    List<Arguments> all = new ArrayList<>();
    for (Auth auth : Auth.values()) {
      for (int status : new int[] {400, 404, 500, 502, 503}) {
        for (Call call : Call.values()) {
          all.add(Arguments.of(auth, status, call));
        }
      }
    }
    return all.stream();
  }

  /** The Authorization the registry received, and the secret inside it, in every way a proxy might print it. */
  static String echoedText(RecordedRequest request) {
    String authorization = String.valueOf(request.getHeaders().get("Authorization"));
    int space = authorization.indexOf(' ');
    String credential = space < 0 ? authorization : authorization.substring(space + 1);
    String decoded = authorization.startsWith("Basic ")
        ? new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8) : credential;
    return "received " + authorization + " (" + decoded + ", " + credential + ")";
  }

  private static MockResponse echoJson(RecordedRequest request, int status) {
    String text = echoedText(request).replace("\"", "'");
    return status(status, "{\"errors\":[{\"code\":\"DENIED " + text + "\",\"message\":\"" + text + "\","
        + "\"detail\":{\"sent\":\"" + text + "\"}}]}");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("echoes")
  void anErrorBodyEchoingTheCredentialLeavesNoSecretInTheException(Auth auth, int status, Call call)
      throws Exception {
    try (HostileRegistry registry = new HostileRegistry(auth); RegistryClient client = registry.client()) {
      registry.routes(r -> echoJson(r, status));
      ImageReference repo = ImageReference.parse(registry.host() + "/proto/app");

      Throwable thrown = catchThrowable(() -> call.run(client, repo));

      assertThat(thrown).isInstanceOf(RegistryResponseException.class);
      assertThat(((RegistryResponseException) thrown).status()).isEqualTo(status);
      assertNoSecret(thrown);
    }
  }

  @ParameterizedTest
  @EnumSource(Auth.class)
  void aPlainTextErrorBodyEchoingTheCredentialLeavesNoSecretInTheException(Auth auth) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(auth); RegistryClient client = registry.client()) {
      registry.routes(r -> new MockResponse.Builder().code(502).setHeader("Content-Type", "text/plain")
          .body(echoedText(r)).build());

      Throwable thrown = catchThrowable(() -> client.fetchManifest(
          ImageReference.parse(registry.host() + "/proto/app:1.0")));

      assertThat(thrown).isInstanceOf(RegistryResponseException.class);
      assertNoSecret(thrown);
    }
  }

  @ParameterizedTest
  @EnumSource(Auth.class)
  void aCopyThatFailsOnAnEchoedCredentialReportsNoSecret(Auth auth) throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\"" + Digest.sha256(config)
        + "\",\"size\":2},\"layers\":[]}";
    try (HostileRegistry registry = new HostileRegistry(auth); RegistryClient client = registry.client()) {
      registry.routes(r -> {
        boolean sourceManifest = r.getTarget().startsWith("/v2/proto/src/manifests/");
        if (sourceManifest) {
          return status(200, r.getMethod().equals("HEAD") ? "" : manifest, "Content-Type", MediaTypes.OCI_IMAGE_MANIFEST,
              "Docker-Content-Digest", Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8)).toString());
        }
        return r.getMethod().equals("HEAD") ? status(404, "") : echoJson(r, 500);
      });

      Throwable thrown = catchThrowable(() -> CopyOperation.from(ImageReference.parse(registry.host() + "/proto/src:1"))
          .to(ImageReference.parse(registry.host() + "/proto/dst:1")).execute(client));

      assertThat(thrown).isInstanceOf(CopyException.class).hasCauseInstanceOf(RegistryResponseException.class);
      assertNoSecret(thrown);
    }
  }

  /** Message, toString, every registry error field and the serialized bytes, down the cause chain. */
  static void assertNoSecret(Throwable thrown) throws IOException {
    assertThat(thrown).isInstanceOf(FerryException.class);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertClean(String.valueOf(t.getMessage()));
      assertClean(t.toString());
      if (t instanceof RegistryResponseException e) {
        for (RegistryError error : e.errors()) {
          assertClean(error.code());
          assertClean(error.message());
          assertClean(error.detail());
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(thrown);
    }
    assertClean(bytes.toString(StandardCharsets.ISO_8859_1));
  }

  private static void assertClean(String text) {
    for (String secret : HostileRegistry.SECRET_FORMS) {
      assertThat(text).doesNotContain(secret);
    }
  }
}
