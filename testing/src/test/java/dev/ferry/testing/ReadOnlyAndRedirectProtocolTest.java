package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.ImageManifest;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Read-only mode, and blob downloads redirected to a second storage host, on the wire. */
class ReadOnlyAndRedirectProtocolTest {
  @Test
  void readOnlyRefusesEveryWriteWithUnsupportedAndServesReads() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      TestImage image = TestImages.image().push(registry, "ro/app:1");
      String layer = ((ImageManifest) image.manifest()).layers().get(0).digest().toString();
      registry.readOnly(true);
      RawHttp http = new RawHttp(registry);

      for (String[] write : new String[][] {{"POST", "/v2/ro/app/blobs/uploads/"},
          {"PUT", "/v2/ro/app/manifests/2"}, {"DELETE", "/v2/ro/app/manifests/" + image.digest()},
          {"DELETE", "/v2/ro/app/blobs/" + layer}, {"PATCH", "/v2/ro/app/blobs/uploads/x"}}) {
        RawHttp.Reply refused = http.send(write[0], write[1], "x".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as("%s %s", write[0], write[1]).isEqualTo(405);
        assertThat(refused.text()).contains("\"code\":\"UNSUPPORTED\"").contains("read-only");
      }
      assertThat(http.send("GET", "/v2/ro/app/manifests/1", "Accept", image.manifest().mediaType()).status())
          .isEqualTo(200);
      assertThat(http.send("GET", "/v2/ro/app/blobs/" + layer).status()).isEqualTo(200);
      assertThat(http.send("GET", "/v2/ro/app/tags/list").text()).contains("\"1\"");
      assertThat(http.send("HEAD", "/v2/ro/app/manifests/" + image.digest()).status()).isEqualTo(200);

      registry.readOnly(false);
      assertThat(http.send("DELETE", "/v2/ro/app/manifests/" + image.digest()).status()).isEqualTo(202);
    }
  }

  @Test
  void readOnlyFromTheBuilderAnswersAfterAuthentication() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().readOnly().basicAuth().user("a", "b").start()) {
      RawHttp http = new RawHttp(registry);

      assertThat(http.send("POST", "/v2/x/blobs/uploads/").status()).isEqualTo(401);
      RawHttp.Reply refused = http.send("POST", "/v2/x/blobs/uploads/", "Authorization", "Basic YTpi");
      assertThat(refused.status()).isEqualTo(405);
      assertThat(refused.text()).contains("UNSUPPORTED");
    }
  }

  @Test
  void blobDownloadsAreRedirectedToASignedUrlOnAnotherHostThatServesRanges() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().redirectBlobDownloads().start()) {
      TestImage image = TestImages.image().layerSizes(10_000).push(registry, "r/app:1");
      Digest layer = ((ImageManifest) image.manifest()).layers().get(0).digest();
      long size = ((ImageManifest) image.manifest()).layers().get(0).size();
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply redirect = http.send("GET", "/v2/r/app/blobs/" + layer);
      RawHttp.Reply head = http.send("HEAD", "/v2/r/app/blobs/" + layer);
      RawHttp.Reply missing = http.send("GET", "/v2/r/app/blobs/sha256:" + "1".repeat(64));

      assertThat(redirect.status()).isEqualTo(307);
      URI location = URI.create(redirect.header("Location").orElseThrow());
      assertThat(location.getHost()).isEqualTo("127.0.0.1");
      assertThat(location.getPort()).isNotEqualTo(registry.port());
      assertThat(registry.storageAddress()).contains("127.0.0.1:" + location.getPort());
      assertThat(location.getRawPath()).isEqualTo("/storage/" + layer);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).contains(Long.toString(size));
      assertThat(missing.status()).isEqualTo(404);

      RawHttp storage = new RawHttp(location.getPort());
      String target = location.getRawPath() + "?" + location.getRawQuery();
      RawHttp.Reply whole = storage.send("GET", target);
      RawHttp.Reply range = storage.send("GET", target, "Range", "bytes=" + (size - 1000) + "-");
      RawHttp.Reply withAuthorization = storage.send("GET", target, "Authorization", "Bearer registry-token");
      RawHttp.Reply forged = storage.send("GET", target.replaceAll("signature=[0-9a-f]", "signature=x"));
      RawHttp.Reply otherBlob = storage.send("GET", target.replace(layer.toString(), image.digest().toString()));

      assertThat(Digest.sha256(whole.body())).isEqualTo(layer);
      assertThat(range.status()).isEqualTo(206);
      assertThat(range.header("Content-Range")).contains("bytes " + (size - 1000) + "-" + (size - 1) + "/" + size);
      assertThat(range.body()).hasSize(1000);
      assertThat(withAuthorization.status()).isEqualTo(400);
      assertThat(forged.status()).isEqualTo(403);
      assertThat(otherBlob.status()).isEqualTo(403);
      assertThat(registry.requests()).extracting(RecordedCall::path)
          .anyMatch(p -> p.startsWith("/storage/" + layer + "?expires="));
    }
  }
}
