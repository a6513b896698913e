package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageIndex;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.BlobPushOptions;
import dev.ferry.registry.BlobPushResult;
import dev.ferry.registry.BlobSource;
import dev.ferry.registry.PingResult;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.registry.TagPage;
import dev.ferry.registry.UploadMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Ferry's RegistryClient must do against any registry that speaks the distribution
 * API over plain HTTP: every upload mode, mounts, manifests by tag and digest with exact
 * bytes, indexes, deletes, tag and catalog paging, the referrers tag fallback. One
 * subclass per registry: core's {@code RegistryClientIT} runs it against Debian's
 * {@code docker-registry}, ferry-testing's {@code EmbeddedRegistryClientContractTest}
 * against the in-process {@code EmbeddedRegistry}, so that both registries answer the
 * same scenarios. The registry must not have the referrers API (distribution 2.8 has
 * not), and every subclass shares one registry across its tests (repositories differ).
 */
public abstract class RegistryClientContract {
  /** {@code host:port} of the registry under test. */
  protected abstract String address();

  /** A client that speaks plain HTTP to {@link #address()}. */
  protected abstract RegistryClient client();

  private ImageReference repo(String path) {
    return ImageReference.parse(address() + "/" + path);
  }

  private Descriptor push(ImageReference repository, byte[] content, BlobPushOptions options) {
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    BlobPushResult result = client().pushBlob(repository, blob, BlobSource.of(content), options);
    assertThat(result.digest()).isEqualTo(blob.digest());
    return blob;
  }

  private static byte[] bytes(int size, long seed) throws IOException {
    try (InputStream in = new GeneratedBlob(size, seed).open(0)) {
      return in.readAllBytes();
    }
  }

  private byte[] read(ImageReference repository, Descriptor blob) throws IOException {
    try (InputStream in = client().openBlob(repository, blob)) {
      return in.readAllBytes();
    }
  }

  @Test
  public void pingsTheRegistry() {
    PingResult ping = client().ping(address());
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.authenticationRequired()).isFalse();
    assertThat(ping.endpoint().toString()).isEqualTo("http://" + address() + "/v2/");
  }

  @Test
  public void uploadsBlobsInEveryModeAndReadsThemBackVerified() throws IOException {
    ImageReference repository = repo("it/blobs");
    int i = 0;
    for (BlobPushOptions options : List.of(
        BlobPushOptions.defaults().mode(UploadMode.MONOLITHIC),
        BlobPushOptions.defaults().mode(UploadMode.STREAMED),
        BlobPushOptions.defaults().mode(UploadMode.CHUNKED).chunkSize(100_000))) {
      byte[] content = bytes(1_000_003 + i, 100 + i++);
      Descriptor blob = push(repository, content, options);

      assertThat(client().headBlob(repository, blob.digest())).as("%s", options).contains((long) content.length);
      assertThat(read(repository, blob)).as("%s", options).isEqualTo(content);
    }
  }

  @Test
  public void emptyBlobUploadsInEveryMode() throws IOException {
    ImageReference repository = repo("it/empty");
    for (UploadMode mode : UploadMode.values()) {
      Descriptor blob = push(repository, new byte[0], BlobPushOptions.defaults().mode(mode));
      assertThat(read(repository, blob)).isEmpty();
    }
  }

  @Test
  public void headBlobIsEmptyForAMissingBlob() {
    assertThat(client().headBlob(repo("it/none"), Digest.sha256("absent".getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
  }

  @Test
  public void readingABlobWithTheWrongExpectedSizeFailsVerification() throws IOException {
    ImageReference repository = repo("it/verify");
    byte[] content = bytes(10_000, 7);
    Descriptor blob = push(repository, content, BlobPushOptions.defaults());
    Descriptor lying = Descriptor.of(blob.mediaType(), blob.digest(), content.length - 1);

    assertThatThrownBy(() -> read(repository, lying)).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  public void mountsABlobFromAnotherRepositoryOfTheSameRegistry() throws IOException {
    byte[] content = bytes(50_000, 11);
    Descriptor blob = push(repo("it/mount-source"), content, BlobPushOptions.defaults());

    BlobPushResult result = client().pushBlob(repo("it/mount-target"), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mountFrom(repo("it/mount-source")));

    assertThat(result.mounted()).isTrue();
    assertThat(result.bytesSent()).isZero();
    assertThat(read(repo("it/mount-target"), blob)).isEqualTo(content);
  }

  @Test
  public void mountFromARepositoryWithoutTheBlobFallsBackToUpload() throws IOException {
    byte[] content = bytes(20_000, 12);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);

    BlobPushResult result = client().pushBlob(repo("it/mount-target2"), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mountFrom(repo("it/empty-source")));

    assertThat(result.mounted()).isFalse();
    assertThat(result.bytesSent()).isEqualTo(content.length);
    assertThat(read(repo("it/mount-target2"), blob)).isEqualTo(content);
  }

  private ImageManifest pushImage(ImageReference ref, long seed) throws IOException {
    ImageReference repository = ref.withoutTag().withoutDigest();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
        .getBytes(StandardCharsets.UTF_8);
    Descriptor configBlob = push(repository, config, BlobPushOptions.defaults());
    Descriptor layer = push(repository, bytes(30_000, seed), BlobPushOptions.defaults());
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\"" + configBlob.digest()
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_TAR_GZIP
        + "\",\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.size() + "}]}")
        .getBytes(StandardCharsets.UTF_8);
    ImageManifest image = (ImageManifest) Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST);
    assertThat(client().pushManifest(ref, image)).isEqualTo(image.digest());
    return image;
  }

  @Test
  public void pushesAndFetchesManifestsByTagAndDigestWithExactBytes() throws IOException {
    ImageReference ref = repo("it/app:1.0");
    ImageManifest image = pushImage(ref, 21);

    Manifest byTag = client().fetchManifest(ref);
    Manifest byDigest = client().fetchManifest(ref.withoutTag().withDigest(image.digest()));

    assertThat(byTag).isEqualTo(image);
    assertThat(byTag.bytes()).isEqualTo(image.bytes());
    assertThat(byDigest.digest()).isEqualTo(image.digest());
    assertThat(client().headManifest(ref)).contains(image.descriptor());
  }

  @Test
  public void pushesAnIndexOnlyAfterItsChildren() throws IOException {
    ImageManifest amd = pushImage(repo("it/multi:amd64"), 31);
    ImageManifest arm = pushImage(repo("it/multi:arm64"), 32);
    ImageIndex index = IndexBuilder.oci().add(amd, Platform.of("linux", "amd64"))
        .add(arm, Platform.of("linux", "arm64")).build();

    client().pushManifest(repo("it/multi:1.0"), index);

    Manifest fetched = client().fetchManifest(repo("it/multi:1.0"));
    assertThat(fetched).isInstanceOf(ImageIndex.class).isEqualTo(index);
    assertThat(client().headManifest(repo("it/multi:1.0"))).contains(index.descriptor());
  }

  @Test
  public void missingManifestIsEmptyOnHeadAndATypedErrorOnGet() {
    assertThat(client().headManifest(repo("it/app:missing"))).isEmpty();
    assertThatThrownBy(() -> client().fetchManifest(repo("it/app:missing")))
        .isInstanceOfSatisfying(RegistryResponseException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.registry()).isEqualTo(address());
          assertThat(e.repository()).contains("it/app");
        });
  }

  @Test
  public void refusesAManifestWhoseBlobsAreMissing() {
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_IMAGE_CONFIG + "\",\"digest\":\""
        + Digest.sha256(new byte[] {1, 2, 3}) + "\",\"size\":3},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    Manifest image = Manifest.parse(manifest, MediaTypes.OCI_IMAGE_MANIFEST);

    assertThatThrownBy(() -> client().pushManifest(repo("it/broken:1"), image))
        .isInstanceOfSatisfying(RegistryResponseException.class,
            e -> assertThat(e.status()).isBetween(400, 499));
  }

  @Test
  public void deletesAManifestByDigest() throws IOException {
    ImageManifest image = pushImage(repo("it/delete:1"), 41);

    client().deleteManifest(repo("it/delete").withDigest(image.digest()));

    assertThat(client().headManifest(repo("it/delete").withDigest(image.digest()))).isEmpty();
  }

  @Test
  public void listsEveryTag() throws IOException {
    ImageManifest image = pushImage(repo("it/tags:t0"), 51);
    List<String> expected = new ArrayList<>(List.of("t0"));
    for (int i = 1; i < 7; i++) {
      client().pushManifest(repo("it/tags:t" + i), image);
      expected.add("t" + i);
    }

    // distribution 2.8 ignores n on tags/list and answers every tag at once; the client copes either way
    assertThat(client().listTags(repo("it/tags"))).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(client().listTags(repo("it/tags"), 3).items()).containsAnyElementsOf(expected);
  }

  @Test
  public void pagesThroughTheCatalogFollowingLinkHeaders() throws IOException {
    for (int i = 0; i < 5; i++) {
      pushImage(repo("it/catalog/r" + i + ":1"), 52 + i);
    }

    TagPage first = client().catalog(address(), 2);
    assertThat(first.items()).hasSize(2);
    assertThat(first.next()).contains(first.items().get(1));
    TagPage second = client().catalogAfter(address(), 2, first.next().orElseThrow());
    assertThat(second.items()).hasSize(2).doesNotContainAnyElementsOf(first.items());
    assertThat(second.items().get(0)).isGreaterThan(first.items().get(1));

    assertThat(client().catalog(address()))
        .contains("it/catalog/r0", "it/catalog/r1", "it/catalog/r2", "it/catalog/r3", "it/catalog/r4")
        .doesNotHaveDuplicates();
  }

  @Test
  public void referrersFallBackToTheTagSchemaOnARegistryWithoutTheApi() throws IOException {
    ImageManifest subject = pushImage(repo("it/signed:1.0"), 61);
    ImageManifest signature = pushImage(repo("it/signed:sig"), 62);
    Descriptor referrer = signature.descriptor().toBuilder().artifactType("application/vnd.example.sig").build();
    ImageIndex fallback = IndexBuilder.oci().add(referrer).build();
    client().pushManifest(repo("it/signed:sha256-" + subject.digest().encoded()), fallback);

    assertThat(client().referrers(repo("it/signed"), subject.digest(), null)).containsExactly(referrer);
    assertThat(client().referrers(repo("it/signed"), subject.digest(), "application/vnd.example.sig"))
        .containsExactly(referrer);
    assertThat(client().referrers(repo("it/signed"), subject.digest(), "application/other")).isEmpty();
    assertThat(client().referrers(repo("it/signed"), signature.digest(), null)).isEmpty();
  }
}
