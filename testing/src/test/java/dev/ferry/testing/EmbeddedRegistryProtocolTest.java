package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status codes, headers and error JSON of the distribution spec, seen on the wire. */
class EmbeddedRegistryProtocolTest {
  private EmbeddedRegistry registry;
  private RawHttp http;

  @BeforeEach
  void start() {
    registry = EmbeddedRegistry.start();
    http = new RawHttp(registry);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Digest monolithic(String repository, byte[] content) throws IOException {
    Digest digest = Digest.sha256(content);
    RawHttp.Reply reply = http.send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, content);
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Docker-Content-Digest")).contains(digest.toString());
    assertThat(reply.header("Location")).contains("/v2/" + repository + "/blobs/" + digest);
    return digest;
  }

  @Test
  void baseEndpointAnnouncesTheApiVersion() throws IOException {
    RawHttp.Reply reply = http.send("GET", "/v2/");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Docker-Distribution-API-Version")).contains("registry/2.0");
  }

  @Test
  void servesByteRangesAndRefusesUnsatisfiableOnes() throws IOException {
    byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
    Digest digest = monolithic("r/range", content);

    RawHttp.Reply part = http.send("GET", "/v2/r/range/blobs/" + digest, "Range", "bytes=2-5");
    RawHttp.Reply tail = http.send("GET", "/v2/r/range/blobs/" + digest, "Range", "bytes=7-");
    RawHttp.Reply beyond = http.send("GET", "/v2/r/range/blobs/" + digest, "Range", "bytes=10-");
    RawHttp.Reply head = http.send("HEAD", "/v2/r/range/blobs/" + digest);

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.text()).isEqualTo("2345");
    assertThat(part.header("Content-Range")).contains("bytes 2-5/10");
    assertThat(tail.text()).isEqualTo("789");
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).contains("10");
    assertThat(head.header("Docker-Content-Digest")).contains(digest.toString());
  }

  @Test
  void refusesAnUploadWhoseContentDoesNotMatchItsDigest() throws IOException {
    Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    RawHttp.Reply reply = http.send("POST", "/v2/r/bad/blobs/uploads/?digest=" + other,
        "content".getBytes(StandardCharsets.UTF_8));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text()).startsWith("{\"errors\":[{\"code\":\"DIGEST_INVALID\"");
    assertThat(http.send("HEAD", "/v2/r/bad/blobs/" + other).status()).isEqualTo(404);
  }

  @Test
  void chunkedUploadReportsItsProgressRefusesGapsAndResumes() throws IOException {
    byte[] content = EmbeddedRegistryClientTest.bytes(300, 3);
    String location = http.send("POST", "/v2/r/chunks/blobs/uploads/").header("Location").orElseThrow();

    RawHttp.Reply first = http.send("PATCH", location, Arrays.copyOfRange(content, 0, 100), "Content-Range", "0-99");
    RawHttp.Reply gap = http.send("PATCH", location, Arrays.copyOfRange(content, 150, 200),
        "Content-Range", "150-199");
    RawHttp.Reply status = http.send("GET", location);
    RawHttp.Reply rest = http.send("PATCH", location, Arrays.copyOfRange(content, 100, 300),
        "Content-Range", "100-299");
    RawHttp.Reply done = http.send("PUT", location + "?digest=" + Digest.sha256(content));

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.header("Range")).contains("0-99");
    assertThat(gap.status()).isEqualTo(416);
    assertThat(status.status()).isEqualTo(204);
    assertThat(status.header("Range")).contains("0-99");
    assertThat(rest.header("Range")).contains("0-299");
    assertThat(done.status()).isEqualTo(201);
    assertThat(http.send("GET", "/v2/r/chunks/blobs/" + Digest.sha256(content)).body()).isEqualTo(content);
  }

  @Test
  void mountAnswers201WhenTheSourceHoldsTheBlobAnd202Otherwise() throws IOException {
    Digest digest = monolithic("r/source", "mount me".getBytes(StandardCharsets.UTF_8));

    RawHttp.Reply mounted = http.send("POST", "/v2/r/target/blobs/uploads/?mount=" + digest + "&from=r/source");
    RawHttp.Reply fallback = http.send("POST", "/v2/r/target2/blobs/uploads/?mount=" + digest + "&from=r/nothing");

    assertThat(mounted.status()).isEqualTo(201);
    assertThat(mounted.header("Docker-Content-Digest")).contains(digest.toString());
    assertThat(fallback.status()).isEqualTo(202);
    assertThat(fallback.header("Location")).get().asString().contains("/v2/r/target2/blobs/uploads/");
  }

  @Test
  void refusesManifestsWhoseBlobsOrChildrenAreMissing() throws IOException {
    Digest config = monolithic("r/m", "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor missingLayer = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP,
        Digest.sha256("absent".getBytes(StandardCharsets.UTF_8)), 6);
    byte[] image = EmbeddedRegistryClientTest.manifestJson(
        Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, config, 2), missingLayer);
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_INDEX + "\",\"manifests\":[{"
        + "\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"digest\":\"" + Digest.sha256(image)
        + "\",\"size\":" + image.length + "}]}").getBytes(StandardCharsets.UTF_8);

    RawHttp.Reply imageReply = http.send("PUT", "/v2/r/m/manifests/v1", image,
        "Content-Type", MediaTypes.OCI_IMAGE_MANIFEST);
    RawHttp.Reply indexReply = http.send("PUT", "/v2/r/m/manifests/v1", index,
        "Content-Type", MediaTypes.OCI_IMAGE_INDEX);

    assertThat(imageReply.status()).isEqualTo(400);
    assertThat(imageReply.text()).contains("MANIFEST_BLOB_UNKNOWN");
    assertThat(indexReply.status()).isEqualTo(400);
    assertThat(indexReply.text()).contains("MANIFEST_BLOB_UNKNOWN");
    assertThat(http.send("GET", "/v2/r/m/manifests/v1").text()).contains("MANIFEST_UNKNOWN");
  }

  @Test
  void tagListsPageWithLinkAndUnknownRepositoriesAreNameUnknown() throws IOException {
    TestImages.image().seed(1).push(registry, "r/tags:a");
    TestImages.image().seed(1).push(registry, "r/tags:b");
    TestImages.image().seed(1).push(registry, "r/tags:c");

    RawHttp.Reply page = http.send("GET", "/v2/r/tags/tags/list?n=2");
    RawHttp.Reply next = http.send("GET", "/v2/r/tags/tags/list?n=2&last=b");
    RawHttp.Reply unknown = http.send("GET", "/v2/r/none/tags/list");

    assertThat(page.text()).isEqualTo("{\"name\":\"r/tags\",\"tags\":[\"a\",\"b\"]}");
    assertThat(page.header("Link")).contains("</v2/r/tags/tags/list?n=2&last=b>; rel=\"next\"");
    assertThat(next.text()).isEqualTo("{\"name\":\"r/tags\",\"tags\":[\"c\"]}");
    assertThat(next.header("Link")).isEmpty();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("NAME_UNKNOWN");
  }

  @Test
  void invalidNamesAndDigestsAreRefusedWithSpecCodes() throws IOException {
    assertThat(http.send("GET", "/v2/UPPER/tags/list").text()).contains("NAME_INVALID");
    assertThat(http.send("GET", "/v2/r/x/blobs/sha256:nothex").text()).contains("DIGEST_INVALID");
  }
}
