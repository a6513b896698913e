package dev.ferry.security;

import static dev.ferry.security.HostileRegistry.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryException;
import dev.ferry.registry.RegistryProtocolException;
import dev.ferry.registry.UploadMode;
import dev.ferry.security.HostileRegistry.Auth;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A registry that hands back URLs of another origin, or of its own host over plain HTTP, in
 * every header it controls: credentials must never reach them. Each case asserts on the
 * receiving end (a second server, or plain HTTP on the registry's own port) that no
 * {@code Authorization} and no secret arrived.
 */
class HostileRegistryCredentialTest {
  private static final byte[] BLOB = "hostile registry blob".getBytes(StandardCharsets.UTF_8);
  private static final Digest BLOB_DIGEST = Digest.sha256(BLOB);
  private static final Descriptor BLOB_DESCRIPTOR = Descriptor.of("application/octet-stream", BLOB_DIGEST,
      BLOB.length);

  /** Where a hostile URL points: another origin over HTTPS or HTTP, or the registry itself over HTTP. */
  enum Target {
    OTHER_HTTPS, OTHER_HTTP, SAME_HOST_HTTP;

    String url(HostileRegistry registry, String path) {
      return switch (this) {
        case OTHER_HTTPS -> registry.trapHttpsUrl(path);
        case OTHER_HTTP -> registry.trapHttpUrl(path);
        case SAME_HOST_HTTP -> registry.downgradeUrl(path);
      };
    }
  }

  private static ImageReference repo(HostileRegistry registry) {
    return ImageReference.parse(registry.host() + "/proto/app");
  }

  private static MockResponse page(String field, String item, String... headers) {
    return status(200, "{\"" + field + "\":[\"" + item + "\"]}", headers);
  }

  private static String next(String url) {
    return "<" + url + ">; rel=\"next\"";
  }

  /** The three paginated listings, each with its own page shape and a different way to authorize. */
  enum Listing {
    TAGS(Auth.BASIC_PASSWORD, "/v2/proto/app/tags/list?last=a"),
    CATALOG(Auth.BEARER_FROM_PASSWORD, "/v2/_catalog?last=a"),
    REFERRERS(Auth.REGISTRY_TOKEN, "/v2/proto/app/referrers/" + BLOB_DIGEST + "?page=2");

    private static final String EMPTY_INDEX = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX
        + "\",\"manifests\":[]}";
    final Auth auth;
    final String nextPath;

    Listing(Auth auth, String nextPath) {
      this.auth = auth;
      this.nextPath = nextPath;
    }

    MockResponse page(String... headers) {
      return switch (this) {
        case TAGS -> HostileRegistryCredentialTest.page("tags", "a", headers);
        case CATALOG -> HostileRegistryCredentialTest.page("repositories", "a", headers);
        case REFERRERS -> status(200, EMPTY_INDEX, concat(headers, "Content-Type", MediaTypes.OCI_IMAGE_INDEX));
      };
    }

    void list(RegistryClient client, HostileRegistry registry) {
      switch (this) {
        case TAGS -> client.listTags(repo(registry));
        case CATALOG -> client.catalog(registry.host());
        case REFERRERS -> client.referrers(repo(registry), BLOB_DIGEST, null);
      }
    }

    private static String[] concat(String[] headers, String... more) {
      return Stream.concat(Stream.of(headers), Stream.of(more)).toArray(String[]::new);
    }
  }

  static Stream<Arguments> listingsAndTargets() {
    return Stream.of(Listing.values()).flatMap(l -> Stream.of(Target.values()).map(t -> Arguments.of(l, t)));
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("listingsAndTargets")
  void aLinkToAnotherOriginIsRefusedAndGetsNoCredential(Listing listing, Target target) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(listing.auth); RegistryClient client = registry.client()) {
      registry.routes(r -> listing.page("Link", next(target.url(registry, listing.nextPath))));
      registry.trapRoutes(r -> listing.page());

      Throwable thrown = catchThrowable(() -> listing.list(client, registry));

      assertThat(registry.leaks()).isEmpty();
      assertThat(thrown).isInstanceOf(RegistryProtocolException.class).hasMessageContaining("Link");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void anUploadLocationFromThePostGetsNoCredential(Target target) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD);
        RegistryClient client = registry.client()) {
      registry.routes(r -> status(202, "", "Location", target.url(registry, "/upload/1")));
      registry.trapRoutes(HostileRegistryCredentialTest::acceptUpload);

      Throwable thrown = catchThrowable(() -> push(client, registry, UploadMode.MONOLITHIC));

      assertThat(registry.leaks()).isEmpty();
      expectOnlyHttpsFollowed(target, thrown, RegistryProtocolException.class, "Location", "plain HTTP");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void anUploadLocationFromAPatchGetsNoCredential(Target target) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BEARER_FROM_IDENTITY_TOKEN);
        RegistryClient client = registry.client()) {
      registry.routes(r -> r.getMethod().equals("POST")
          ? status(202, "", "Location", registry.registryUrl("/upload/1"))
          : status(202, "", "Location", target.url(registry, "/upload/2"), "Range", "0-" + (BLOB.length - 1)));
      registry.trapRoutes(HostileRegistryCredentialTest::acceptUpload);

      Throwable thrown = catchThrowable(() -> push(client, registry, UploadMode.STREAMED));

      assertThat(registry.leaks()).isEmpty();
      expectOnlyHttpsFollowed(target, thrown, RegistryProtocolException.class, "Location", "plain HTTP");
    }
  }

  /**
   * Another HTTPS origin is followed without credentials (as containerd does for upload
   * Locations); plain HTTP is refused with the given type, with a message that says so.
   */
  private static void expectOnlyHttpsFollowed(Target target, Throwable thrown, Class<? extends Throwable> refusal,
      String... says) {
    if (target == Target.OTHER_HTTPS) {
      assertThat(thrown).isNull();
    } else {
      assertThat(thrown).isInstanceOf(refusal).hasMessageContainingAll(says);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void aManifestRedirectGetsNoCredential(Target target) throws Exception {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":[]}";
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD);
        RegistryClient client = registry.client()) {
      registry.routes(r -> status(307, "", "Location", target.url(registry, "/cdn/manifest")));
      registry.trapRoutes(r -> status(200, manifest, "Content-Type", MediaTypes.OCI_IMAGE_INDEX));

      Throwable thrown = catchThrowable(() -> client.fetchManifest(repo(registry).withTag("1.0")));

      assertThat(registry.leaks()).isEmpty();
      expectOnlyHttpsFollowed(target, thrown, RegistryException.class, "plain HTTP");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void aBlobRedirectGetsNoCredential(Target target) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BEARER_FROM_PASSWORD);
        RegistryClient client = registry.client()) {
      registry.routes(r -> status(307, "", "Location", target.url(registry, "/cdn/blob")));
      registry.trapRoutes(r -> new MockResponse.Builder().code(200).body(new okio.Buffer().write(BLOB)).build());

      Throwable thrown = catchThrowable(() -> {
        try (InputStream in = client.openBlob(repo(registry), BLOB_DESCRIPTOR)) {
          assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
      });

      assertThat(registry.leaks()).isEmpty();
      expectOnlyHttpsFollowed(target, thrown, RegistryException.class, "plain HTTP");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Auth.class, names = {"BEARER_FROM_PASSWORD", "BEARER_FROM_IDENTITY_TOKEN"})
  void aPlainHttpTokenRealmOfAnHttpsRegistryGetsNoCredential(Auth auth) throws Exception {
    for (Target target : new Target[] {Target.OTHER_HTTP, Target.SAME_HOST_HTTP}) {
      try (HostileRegistry registry = new HostileRegistry(auth); RegistryClient client = registry.client()) {
        registry.realm(target.url(registry, "/token"));
        registry.trapRoutes(r -> status(200, "{\"token\":\"trap-token\"}"));

        Throwable thrown = catchThrowable(() -> client.listTags(repo(registry)));

        assertThat(registry.leaks()).as(target.name()).isEmpty();
        assertThat(thrown).as(target.name()).isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("plain http");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Auth.class, names = {"BEARER_FROM_PASSWORD", "BEARER_FROM_IDENTITY_TOKEN"})
  void aTokenRealmThatRedirectsElsewhereSendsItNoCredential(Auth auth) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(auth);
        RegistryClient client = registry.client(true)) {
      registry.tokenRedirect(registry.trapHttpsUrl("/token"));
      registry.trapRoutes(r -> status(200, "{\"token\":\"trap-token\"}"));

      Throwable thrown = catchThrowable(() -> client.listTags(repo(registry)));

      assertThat(registry.leaks()).isEmpty();
      assertThat(thrown).isInstanceOf(RegistryException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("challengesFromAnotherOrigin")
  void aChallengeFromTheOriginARedirectWentToIsNotAnsweredWithTheRegistrysCredential(
      Function<HostileRegistry, String> challenge) throws Exception {
    try (HostileRegistry registry = new HostileRegistry(Auth.BASIC_PASSWORD);
        RegistryClient client = registry.client()) {
      registry.routes(r -> r.getMethod().equals("HEAD") ? status(200, "", "Content-Length", "" + BLOB.length)
          : status(307, "", "Location", registry.trapHttpsUrl("/cdn/blob")));
      registry.trapRoutes(r -> r.getTarget().startsWith("/token") ? status(200, "{\"token\":\"trap-token\"}")
          : status(401, "", "WWW-Authenticate", challenge.apply(registry)));
      // an earlier call taught the client how this registry authorizes, so the GET carries credentials at once
      assertThat(client.headBlob(repo(registry), BLOB_DIGEST)).isPresent();

      Throwable thrown = catchThrowable(() -> {
        try (InputStream in = client.openBlob(repo(registry), BLOB_DESCRIPTOR)) {
          in.readAllBytes();
        }
      });

      assertThat(registry.leaks()).isEmpty();
      assertThat(thrown).isInstanceOf(RegistryException.class);
    }
  }

  static Stream<Function<HostileRegistry, String>> challengesFromAnotherOrigin() {
    return Stream.of(r -> "Bearer realm=\"" + r.trapHttpsUrl("/token") + "\",service=\"trap\"",
        r -> "Basic realm=\"trap\"");
  }

  private static MockResponse acceptUpload(RecordedRequest request) {
    return request.getMethod().equals("PUT")
        ? status(201, "", "Docker-Content-Digest", BLOB_DIGEST.toString())
        : status(202, "", "Range", "0-" + (BLOB.length - 1));
  }

  private static void push(RegistryClient client, HostileRegistry registry, UploadMode mode) {
    BlobSource source = offset -> new ByteArrayInputStream(BLOB, (int) offset, BLOB.length - (int) offset);
    client.pushBlob(repo(registry), BLOB_DESCRIPTOR, source, BlobPushOptions.defaults().mode(mode));
  }
}
