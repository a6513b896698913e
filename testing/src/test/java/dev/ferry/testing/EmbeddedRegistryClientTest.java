package dev.ferry.testing;

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
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ferry's own RegistryClient against the embedded registry: the calls RegistryClientIT makes to docker-registry. */
class EmbeddedRegistryClientTest {
  private static EmbeddedRegistry registry;
  private static RegistryClient client;

  @BeforeAll
  static void start() {
    registry = EmbeddedRegistry.start();
    client = RegistryClient.builder().plainHttp(registry.address()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    registry.close();
  }

  static byte[] bytes(int size, long seed) {
    byte[] out = new byte[size];
    new SplittableRandom(seed).nextBytes(out);
    return out;
  }

  private static Descriptor push(ImageReference repository, byte[] content, BlobPushOptions options) {
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    assertThat(client.pushBlob(repository, blob, BlobSource.of(content), options).digest()).isEqualTo(blob.digest());
    return blob;
  }

  private static byte[] read(ImageReference repository, Descriptor blob) throws IOException {
    try (InputStream in = client.openBlob(repository, blob)) {
      return in.readAllBytes();
    }
  }

  @Test
  void answersThePing() {
    PingResult ping = client.ping(registry.address());
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.authenticationRequired()).isFalse();
  }

  @Test
  void uploadsBlobsInEveryModeAndReadsThemBackVerified() throws IOException {
    ImageReference repository = registry.reference("it/blobs");
    int i = 0;
    for (BlobPushOptions options : List.of(
        BlobPushOptions.defaults().mode(UploadMode.MONOLITHIC),
        BlobPushOptions.defaults().mode(UploadMode.STREAMED),
        BlobPushOptions.defaults().mode(UploadMode.CHUNKED).chunkSize(100_000))) {
      byte[] content = bytes(3_000_003 + i, 100 + i++);
      Descriptor blob = push(repository, content, options);

      assertThat(client.headBlob(repository, blob.digest())).as("%s", options).contains((long) content.length);
      assertThat(read(repository, blob)).as("%s", options).isEqualTo(content);
    }
  }

  @Test
  void emptyBlobsUploadInEveryMode() throws IOException {
    for (UploadMode mode : UploadMode.values()) {
      Descriptor blob = push(registry.reference("it/empty"), new byte[0], BlobPushOptions.defaults().mode(mode));
      assertThat(read(registry.reference("it/empty"), blob)).isEmpty();
    }
  }

  @Test
  void mountsFromARepositoryThatHoldsTheBlobAndUploadsOtherwise() throws IOException {
    byte[] content = bytes(50_000, 11);
    Descriptor blob = push(registry.reference("it/mount-source"), content, BlobPushOptions.defaults());

    BlobPushResult mounted = client.pushBlob(registry.reference("it/mount-target"), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mountFrom(registry.reference("it/mount-source")));
    BlobPushResult uploaded = client.pushBlob(registry.reference("it/mount-target2"), blob, BlobSource.of(content),
        BlobPushOptions.defaults().mountFrom(registry.reference("it/empty-source")));

    assertThat(mounted.mounted()).isTrue();
    assertThat(mounted.bytesSent()).isZero();
    assertThat(uploaded.mounted()).isFalse();
    assertThat(read(registry.reference("it/mount-target"), blob)).isEqualTo(content);
  }

  static ImageManifest pushImage(RegistryClient client, ImageReference ref, long seed) {
    ImageReference repository = ref.withoutTag().withoutDigest();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = bytes(30_000, seed);
    Descriptor configBlob = Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, Digest.sha256(config), config.length);
    Descriptor layerBlob = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.sha256(layer), layer.length);
    client.pushBlob(repository, configBlob, BlobSource.of(config));
    client.pushBlob(repository, layerBlob, BlobSource.of(layer));
    ImageManifest image = (ImageManifest) Manifest.parse(manifestJson(configBlob, layerBlob),
        MediaTypes.OCI_IMAGE_MANIFEST);
    assertThat(client.pushManifest(ref, image)).isEqualTo(image.digest());
    return image;
  }

  static byte[] manifestJson(Descriptor config, Descriptor layer) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + config.mediaType() + "\",\"digest\":\"" + config.digest() + "\",\"size\":" + config.size()
        + "},\"layers\":[{\"mediaType\":\"" + layer.mediaType() + "\",\"digest\":\"" + layer.digest()
        + "\",\"size\":" + layer.size() + "}]}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pushesAndFetchesManifestsByTagAndDigestWithExactBytes() {
    ImageReference ref = registry.reference("it/app:1.0");
    ImageManifest image = pushImage(client, ref, 21);

    Manifest byTag = client.fetchManifest(ref);
    Manifest byDigest = client.fetchManifest(ref.withoutTag().withDigest(image.digest()));

    assertThat(byTag.bytes()).isEqualTo(image.bytes());
    assertThat(byDigest.digest()).isEqualTo(image.digest());
    assertThat(client.headManifest(ref)).contains(image.descriptor());
  }

  @Test
  void pushesAnIndexAfterItsChildrenAndDeletesByDigest() {
    ImageManifest amd = pushImage(client, registry.reference("it/multi:amd64"), 31);
    ImageManifest arm = pushImage(client, registry.reference("it/multi:arm64"), 32);
    ImageIndex index = IndexBuilder.oci().add(amd, Platform.of("linux", "amd64"))
        .add(arm, Platform.of("linux", "arm64")).build();

    client.pushManifest(registry.reference("it/multi:1.0"), index);
    assertThat(client.fetchManifest(registry.reference("it/multi:1.0"))).isEqualTo(index);

    client.deleteManifest(registry.reference("it/multi").withDigest(index.digest()));
    assertThat(client.headManifest(registry.reference("it/multi:1.0"))).isEmpty();
  }

  @Test
  void missingManifestIsEmptyOnHeadAndA404OnGet() {
    assertThat(client.headManifest(registry.reference("it/app:missing"))).isEmpty();
    assertThatThrownBy(() -> client.fetchManifest(registry.reference("it/app:missing")))
        .isInstanceOfSatisfying(RegistryResponseException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void listsTagsAndTheCatalogPageByPage() {
    for (String tag : List.of("a", "b", "c", "d", "e")) {
      pushImage(client, registry.reference("it/paged:" + tag), 40);
    }
    TagPage first = client.listTags(registry.reference("it/paged"), 2);
    TagPage second = client.listTagsAfter(registry.reference("it/paged"), 2, first.next().orElseThrow());

    assertThat(first.items()).containsExactly("a", "b");
    assertThat(first.next()).contains("b");
    assertThat(second.items()).containsExactly("c", "d");
    assertThat(client.catalog(registry.address(), 10).items()).contains("it/paged");
    assertThat(client.listTags(registry.reference("it/paged"))).containsExactly("a", "b", "c", "d", "e");
    assertThat(client.catalog(registry.address())).contains("it/paged");
  }
}
