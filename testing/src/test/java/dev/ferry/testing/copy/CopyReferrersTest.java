package dev.ferry.testing.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyOperation;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobSource;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Signatures and SBOMs that refer to a copied image: copied when asked, by the referrers API and cosign tags. */
class CopyReferrersTest {
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  @AutoClose
  private final TwoRegistries registries = new TwoRegistries();

  /** An OCI 1.1 artifact whose subject is {@code subject}, pushed by digest. */
  private Manifest pushArtifact(ImageReference repository, TestImage subject, String artifactType) {
    registries.client.pushBlob(repository, Descriptor.of(MediaTypes.OCI_EMPTY, Digest.sha256(EMPTY), EMPTY.length),
        BlobSource.of(EMPTY));
    String empty = "{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + Digest.sha256(EMPTY)
        + "\",\"size\":2}";
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":" + empty + ",\"layers\":[" + empty + "],\"subject\":{\"mediaType\":\""
        + subject.mediaType() + "\",\"digest\":\"" + subject.digest() + "\",\"size\":" + subject.manifest().size()
        + "}}";
    Manifest artifact = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_IMAGE_MANIFEST);
    registries.client.pushManifest(repository.withDigest(artifact.digest()), artifact);
    return artifact;
  }

  private static String cosignTag(TestImage subject, String suffix) {
    return subject.digest().algorithm() + "-" + subject.digest().encoded() + suffix;
  }

  @Test
  void referrersAndCosignTagsAreCopiedWhenAsked() {
    TestImage image = TestImages.image().push(registries.source, "sig/app:1");
    ImageReference repository = registries.src("sig/app");
    Manifest sbom = pushArtifact(repository, image, "application/spdx+json");
    TestImage signature = TestImages.image().layerSizes(100).push(registries.source, "sig/app:temp");
    registries.client.pushManifest(repository.withTag(cosignTag(image, ".sig")), signature.manifest());

    CopyOperation.from(image.reference()).to(registries.dst("sig/app:1")).includeReferrers(true)
        .execute(registries.client);

    assertThat(registries.client.referrers(registries.dst("sig/app"), image.digest(), null))
        .extracting(Descriptor::digest).containsExactly(sbom.digest());
    assertThat(registries.client.headManifest(registries.dst("sig/app:" + cosignTag(image, ".sig")))
        .orElseThrow().digest()).isEqualTo(signature.digest());
  }

  @Test
  void aRetryWhileCopyingAReferrerReachesTheCopysListenerOnce() {
    TestImage image = TestImages.image().push(registries.source, "sig/retry:1");
    Manifest sbom = pushArtifact(registries.src("sig/retry"), image, "application/spdx+json");
    registries.destination.failNext(1, r -> r.method().equals("PUT")
        && r.path().endsWith("/manifests/" + sbom.digest()), 503);
    List<CopyEvent.Retry> retries = new CopyOnWriteArrayList<>();

    CopyOperation.from(image.reference()).to(registries.dst("sig/retry:1")).includeReferrers(true)
        .listener(e -> {
          if (e instanceof CopyEvent.Retry retry) {
            retries.add(retry);
          }
        }).execute(registries.client);

    assertThat(retries).singleElement().satisfies(r -> {
      assertThat(r.request()).isEqualTo("PUT http://" + registries.destination.address() + "/v2/sig/retry/manifests/"
          + sbom.digest());
      assertThat(r.reason()).isEqualTo("503 Service Unavailable");
    });
  }

  @Test
  void referrersStayBehindByDefault() {
    TestImage image = TestImages.image().push(registries.source, "sig/plain:1");
    pushArtifact(registries.src("sig/plain"), image, "application/spdx+json");

    CopyOperation.from(image.reference()).to(registries.dst("sig/plain:1")).execute(registries.client);

    assertThat(registries.client.referrers(registries.dst("sig/plain"), image.digest(), null)).isEmpty();
    assertThat(registries.source.requests()).noneMatch(c -> c.path().contains("/referrers/"));
  }

  @Test
  void aNewReferrerOfAnUpToDateImageIsCopied() {
    TestImage image = TestImages.image().push(registries.source, "sig/later:1");
    CopyOperation op = CopyOperation.from(image.reference()).to(registries.dst("sig/later:1")).includeReferrers(true);
    op.execute(registries.client);
    Manifest signedLater = pushArtifact(registries.src("sig/later"), image, "application/vnd.dev.sigstore.bundle");

    boolean upToDate = op.execute(registries.client).upToDate();

    assertThat(upToDate).isTrue();
    assertThat(registries.client.referrers(registries.dst("sig/later"), image.digest(), null))
        .extracting(Descriptor::digest).containsExactly(signedLater.digest());
  }
}
