package dev.ferry.security;

import static dev.ferry.security.HostileRegistry.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryProtocolException;
import dev.ferry.registry.UploadMode;
import dev.ferry.security.HostileRegistry.Auth;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A URL with a port out of range ({@code 99999}) in any header a registry controls is the
 * registry's protocol error, named by its header: never a bare {@code IllegalArgumentException}
 * from deep inside the HTTP client.
 */
class HostileRegistryPortTest {
  private static final String BAD_PORT = "https://localhost:99999";
  private static final byte[] BLOB = "bad port blob".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor DESCRIPTOR = Descriptor.of("application/octet-stream", Digest.sha256(BLOB),
      BLOB.length);

  private static ImageReference repo(HostileRegistry registry) {
    return ImageReference.parse(registry.host() + "/proto/app");
  }

  @Test
  void aRedirectLocationWithABadPortIsAProtocolErrorNamingLocation() throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD); RegistryClient client = registry.client()) {
      registry.routes(r -> status(307, "", "Location", BAD_PORT + "/cdn/manifest"));

      Throwable thrown = catchThrowable(() -> client.fetchManifest(repo(registry).withTag("1.0")));

      assertThat(thrown).isInstanceOf(RegistryProtocolException.class).hasMessageContaining("Location")
          .hasMessageContaining("99999");
    }
  }

  @Test
  void aLinkWithABadPortIsAProtocolErrorNamingLink() throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD); RegistryClient client = registry.client()) {
      registry.routes(r -> status(200, "{\"tags\":[\"a\"]}", "Link",
          "<" + BAD_PORT + "/v2/proto/app/tags/list?last=a>; rel=\"next\""));

      Throwable thrown = catchThrowable(() -> client.listTags(repo(registry)));

      assertThat(thrown).isInstanceOf(RegistryProtocolException.class).hasMessageContaining("Link")
          .hasMessageContaining("99999");
    }
  }

  @Test
  void aTokenRealmWithABadPortIsAProtocolErrorNamingTheRealm() throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BEARER_FROM_PASSWORD);
        RegistryClient client = registry.client()) {
      registry.realm(BAD_PORT + "/token");

      Throwable thrown = catchThrowable(() -> client.listTags(repo(registry)));

      assertThat(thrown).isInstanceOf(RegistryProtocolException.class).hasMessageContaining("WWW-Authenticate")
          .hasMessageContaining("realm").hasMessageContaining("99999");
    }
  }

  @Test
  void anUploadLocationWithABadPortIsAProtocolErrorNamingLocation() throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD); RegistryClient client = registry.client()) {
      registry.routes(r -> status(202, "", "Location", BAD_PORT + "/upload/1"));

      Throwable thrown = catchThrowable(() -> push(client, registry, UploadMode.MONOLITHIC));

      assertThat(thrown).isInstanceOf(RegistryProtocolException.class).hasMessageContaining("Location")
          .hasMessageContaining("99999");
    }
  }

  @Test
  void aPatchLocationWithABadPortIsAProtocolErrorNamingLocation() throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD); RegistryClient client = registry.client()) {
      registry.routes(r -> r.getMethod().equals("POST")
          ? status(202, "", "Location", registry.registryUrl("/upload/1"))
          : status(202, "", "Location", BAD_PORT + "/upload/2", "Range", "0-" + (BLOB.length - 1)));

      Throwable thrown = catchThrowable(() -> push(client, registry, UploadMode.STREAMED));

      assertThat(thrown).isInstanceOf(RegistryProtocolException.class).hasMessageContaining("Location")
          .hasMessageContaining("99999");
    }
  }

  private static void push(RegistryClient client, HostileRegistry registry, UploadMode mode) {
    BlobSource source = offset -> new java.io.ByteArrayInputStream(BLOB, (int) offset, BLOB.length - (int) offset);
    client.pushBlob(repo(registry), DESCRIPTOR, source, BlobPushOptions.defaults().mode(mode));
  }
}
