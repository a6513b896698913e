package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The referrers API, the OCI-Subject header, and the switch that turns them off. */
class ReferrersTest {
  private static byte[] artifact(TestImage subject, Digest empty) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\","
        + "\"artifactType\":\"application/vnd.example.sbom\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY
        + "\",\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_EMPTY
        + "\",\"digest\":\"" + empty + "\",\"size\":2}],\"subject\":{\"mediaType\":\"" + subject.mediaType()
        + "\",\"digest\":\"" + subject.digest() + "\",\"size\":" + subject.manifest().size() + "},"
        + "\"annotations\":{\"org.example\":\"yes\"}}").getBytes(StandardCharsets.UTF_8);
  }

  private static RawHttp.Reply pushArtifact(EmbeddedRegistry registry, TestImage subject) throws IOException {
    RawHttp http = new RawHttp(registry);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Digest emptyDigest = Digest.sha256(empty);
    http.send("POST", "/v2/ref/app/blobs/uploads/?digest=" + emptyDigest, empty);
    byte[] manifest = artifact(subject, emptyDigest);
    return http.send("PUT", "/v2/ref/app/manifests/" + Digest.sha256(manifest), manifest,
        "Content-Type", MediaTypes.OCI_IMAGE_MANIFEST);
  }

  @Test
  void listsReferrersFilteredByArtifactTypeAndAnnouncesTheSubject() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      TestImage subject = TestImages.image().push(registry, "ref/app:1");
      RawHttp http = new RawHttp(registry);

      RawHttp.Reply put = pushArtifact(registry, subject);
      RawHttp.Reply all = http.send("GET", "/v2/ref/app/referrers/" + subject.digest());
      RawHttp.Reply filtered = http.send("GET", "/v2/ref/app/referrers/" + subject.digest()
          + "?artifactType=application/vnd.other");

      assertThat(put.status()).isEqualTo(201);
      assertThat(put.header("OCI-Subject")).contains(subject.digest().toString());
      assertThat(all.header("Content-Type")).contains(MediaTypes.OCI_IMAGE_INDEX);
      assertThat(all.text()).contains("\"artifactType\":\"application/vnd.example.sbom\"")
          .contains("\"annotations\":{\"org.example\":\"yes\"}");
      assertThat(filtered.header("OCI-Filters-Applied")).contains("artifactType");
      assertThat(filtered.text()).contains("\"manifests\":[]");
    }
  }

  @Test
  void switchedOffTheEndpointIs404AndNoSubjectHeaderIsSent() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.builder().referrersApi(false).start()) {
      TestImage subject = TestImages.image().push(registry, "ref/app:1");

      RawHttp.Reply put = pushArtifact(registry, subject);

      assertThat(put.status()).isEqualTo(201);
      assertThat(put.header("OCI-Subject")).isEmpty();
      assertThat(new RawHttp(registry).send("GET", "/v2/ref/app/referrers/" + subject.digest()).status())
          .isEqualTo(404);
    }
  }
}
