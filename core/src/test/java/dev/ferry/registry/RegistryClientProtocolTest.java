package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol features docker-registry 2.8 lacks: tag pagination, the referrers API, storage redirects, rate limits. */
class RegistryClientProtocolTest {
  private final MockWebServer server = new MockWebServer();
  private final MockWebServer storage = new MockWebServer();
  private RegistryClient client;
  private String host;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    storage.start(InetAddress.getLoopbackAddress(), 0);
    host = "127.0.0.1:" + server.getPort();
    client = RegistryClient.builder().plainHttp(host)
        .credentials(CredentialProvider.of(host, Credential.registryToken("registry-token-value")))
        .userAgent("ferry-tests/1.0")
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
    storage.close();
  }

  private ImageReference repo() {
    return ImageReference.parse(host + "/proto/app");
  }

  private static MockResponse json(String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return b.body(body).build();
  }

  @Test
  void followsTagPaginationLinksAsTheRegistryWritesThem() throws Exception {
    server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"a\",\"b\"]}",
        "Link", "</v2/proto/app/tags/list?n=2&last=b>; rel=\"next\""));
    server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"c\",\"d\"]}",
        "Link", "</v2/proto/app/tags/list?last=d&n=2&cursor=opaque>; rel=\"next\""));
    server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"e\"]}"));

    assertThat(client.listTags(repo())).containsExactly("a", "b", "c", "d", "e");

    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/proto/app/tags/list");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/proto/app/tags/list?n=2&last=b");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/proto/app/tags/list?last=d&n=2&cursor=opaque");
  }

  @Test
  void aLinkLeadingBackToAPageAlreadyReadFailsTheListingRatherThanCuttingItShort() {
    server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"a\"]}",
        "Link", "</v2/proto/app/tags/list?n=1&last=a>; rel=\"next\""));
    server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"b\"]}",
        "Link", "</v2/proto/app/tags/list?n=1&last=a>; rel=\"next\""));

    assertThatThrownBy(() -> client.listTags(repo())).isInstanceOf(RegistryProtocolException.class)
        .hasMessageContaining("leads back to a page already read")
        .hasMessageContaining("refused whole rather than returned in part");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPageReportsTheLastValueOfItsNextLink() throws Exception {
    server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"x y\"]}",
        "Link", "</v2/proto/app/tags/list?n=1&last=x%20y>; rel=\"next\""));

    TagPage page = client.listTagsAfter(repo(), 1, "w");

    assertThat(page.items()).containsExactly("x y");
    assertThat(page.next()).contains("x y");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/proto/app/tags/list?n=1&last=w");
  }

  @Test
  @SuppressWarnings("deprecation")
  void theDeprecatedNullableFormsAskForTheSamePagesAsTheNonNullOnes() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json("{\"name\":\"proto/app\",\"tags\":[\"a\"]}"));
    }
    for (int i = 0; i < 2; i++) {
      server.enqueue(json("{\"repositories\":[\"proto/app\"]}"));
    }

    client.listTags(repo(), 5, null);
    client.listTags(repo(), 5, "k");
    client.catalog(repo().registry(), 5, null);
    client.catalog(repo().registry(), 5, "k");

    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/proto/app/tags/list?n=5");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/proto/app/tags/list?n=5&last=k");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/_catalog?n=5");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/_catalog?n=5&last=k");
    assertThatThrownBy(() -> client.listTagsAfter(repo(), 5, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void usesTheReferrersApiAndFiltersWhenTheRegistryDidNot() throws Exception {
    Digest subject = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));
    Descriptor sig = Descriptor.builder().mediaType(MediaTypes.OCI_IMAGE_MANIFEST)
        .digest(Digest.sha256(new byte[] {1})).size(10).artifactType("application/vnd.example.sig").build();
    Descriptor sbom = Descriptor.builder().mediaType(MediaTypes.OCI_IMAGE_MANIFEST)
        .digest(Digest.sha256(new byte[] {2})).size(10).artifactType("application/spdx+json").build();
    byte[] index = IndexBuilder.oci().add(sig).add(sbom).build().bytes();
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX)
        .body(new String(index, StandardCharsets.UTF_8)).build());

    List<Descriptor> referrers = client.referrers(repo(), subject, "application/vnd.example.sig");

    assertThat(referrers).containsExactly(sig);
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/v2/proto/app/referrers/" + subject + "?artifactType=application%2Fvnd.example.sig");
  }

  @Test
  void blobRedirectToStorageNeverCarriesTheRegistrysAuthorization() throws Exception {
    byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    server.enqueue(new MockResponse.Builder().code(401)
        .setHeader("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + server.getPort() + "/token\"").build());
    server.enqueue(new MockResponse.Builder().code(307)
        .setHeader("Location", "http://localhost:" + storage.getPort() + "/bucket/blob?X-Signature=secret-sig").build());
    storage.enqueue(new MockResponse.Builder().code(200).body(new String(content, StandardCharsets.UTF_8)).build());

    try (InputStream in = client.openBlob(repo(), blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }

    server.takeRequest();
    RecordedRequest authorized = server.takeRequest();
    assertThat(authorized.getHeaders().get("Authorization")).isEqualTo("Bearer registry-token-value");
    assertThat(authorized.getHeaders().get("User-Agent")).startsWith("ferry-tests/1.0 ferry/");
    RecordedRequest redirected = storage.takeRequest();
    assertThat(redirected.getTarget()).isEqualTo("/bucket/blob?X-Signature=secret-sig");
    assertThat(redirected.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void surfacesTheRateLimitTheRegistryReports() {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":[]}";
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_INDEX)
        .setHeader("RateLimit-Limit", "100;w=21600").setHeader("RateLimit-Remaining", "7;w=21600")
        .body(manifest).build());

    assertThat(client.rateLimit(host)).isEmpty();
    client.fetchManifest(repo().withTag("1.0"));

    RateLimit limit = client.rateLimit(host).orElseThrow();
    assertThat(limit.limit()).hasValue(100);
    assertThat(limit.remaining()).hasValue(7);
  }
}
