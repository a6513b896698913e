package dev.ferry.testing;

import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.IndexBuilder;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.internal.image.OciLayoutSink;
import dev.ferry.registry.BlobSource;
import dev.ferry.testing.internal.LayerBlob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds test images without Docker and pushes them: real tar.gz layers of random,
 * incompressible bytes of the sizes asked for, a config, and a manifest, or one
 * image per platform under an index; OCI or Docker media types.
 *
 * <pre>{@code
 * TestImage image = TestImages.image()
 *     .platforms("linux/amd64", "linux/arm64")
 *     .layerSizes(1 << 20, 4096)
 *     .push(registry, "demo/app:1.0");
 * image.digest();       // the index digest
 * image.platforms();    // linux/amd64 -> sha256:..., linux/arm64 -> sha256:...
 * }</pre>
 *
 * <p>A builder is not thread-safe; the images it pushes are independent.
 *
 * @since 0.1
 */
public final class TestImages {
  private List<Platform> platforms = List.of(Platform.of("linux", "amd64"));
  private long[] layerSizes = {1024};
  private boolean docker;
  private boolean forceIndex;
  private long seed = System.nanoTime();

  private TestImages() {}

  /**
   * A builder of a single-platform ({@code linux/amd64}) OCI image with one 1 KiB layer.
   *
   * @return a new builder
   * @since 0.1
   */
  public static TestImages image() {
    return new TestImages();
  }

  /**
   * The platforms; more than one makes an index.
   *
   * @param specifiers platforms such as {@code linux/arm64/v8}
   * @return this builder
   * @throws dev.ferry.manifest.InvalidPlatformException if a specifier is invalid
   * @since 0.1
   */
  public TestImages platforms(String... specifiers) {
    List<Platform> parsed = new ArrayList<>();
    for (String specifier : specifiers) {
      parsed.add(Platform.parse(specifier));
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("at least one platform");
    }
    this.platforms = List.copyOf(parsed);
    return this;
  }

  /**
   * Pushes an index even for a single platform.
   *
   * @return this builder
   * @since 0.1
   */
  public TestImages index() {
    this.forceIndex = true;
    return this;
  }

  /**
   * The size of the random file in each layer (each platform gets its own layers).
   *
   * @param sizes bytes of random content per layer, in order
   * @return this builder
   * @since 0.1
   */
  public TestImages layerSizes(long... sizes) {
    for (long size : sizes) {
      if (size < 0) {
        throw new IllegalArgumentException("negative layer size " + size);
      }
    }
    this.layerSizes = sizes.clone();
    return this;
  }

  /**
   * Docker media types (v2 manifest, manifest list) instead of OCI.
   *
   * @return this builder
   * @since 0.1
   */
  public TestImages docker() {
    this.docker = true;
    return this;
  }

  /**
   * OCI media types (the default).
   *
   * @return this builder
   * @since 0.1
   */
  public TestImages oci() {
    this.docker = false;
    return this;
  }

  /**
   * A fixed seed, for the same bytes (and digests) on every run; random by default.
   *
   * @param value the seed
   * @return this builder
   * @since 0.1
   */
  public TestImages seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Pushes into an embedded registry with a client of its own: one that trusts its CA
   * (with TLS) and, with authentication on, signs in as an internal user who may push
   * anywhere, so that tests seed images whatever rights their own users have. A
   * read-only registry refuses it too.
   *
   * @param registry the registry
   * @param repositoryAndTag e.g. {@code demo/app:1.0}
   * @return what was pushed
   * @throws dev.ferry.registry.RegistryException if a push fails
   * @since 0.1
   */
  public TestImage push(EmbeddedRegistry registry, String repositoryAndTag) {
    try (RegistryClient client = registry.seedClient()) {
      return push(client, registry.reference(repositoryAndTag));
    }
  }

  /**
   * Pushes blobs, image manifests (by digest), then the index, then the tag.
   *
   * @param client a client that can push to the reference's registry
   * @param reference where to push; with a tag
   * @return what was pushed
   * @throws dev.ferry.registry.RegistryException if a push fails
   * @since 0.1
   */
  public TestImage push(RegistryClient client, ImageReference reference) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(reference, "reference");
    ImageReference repository = reference.withoutTag().withoutDigest();
    return build(reference, new Target() {
      @Override
      public void blob(Descriptor blob, BlobSource content) {
        client.pushBlob(repository, blob, content);
      }

      @Override
      public void child(Manifest manifest) {
        client.pushManifest(repository.withDigest(manifest.digest()), manifest);
      }

      @Override
      public void top(Manifest manifest) {
        client.pushManifest(reference, manifest);
      }
    });
  }

  /**
   * Writes the image into an OCI image layout directory instead of a registry, so that test
   * fixtures are built offline: blobs, manifests, then {@code index.json} naming it. The layout
   * is created, or added to (other names stay). Seed a registry from it with
   * {@link EmbeddedRegistry#seed(String, Path, String)}.
   *
   * <pre>{@code
   * TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").writeOciLayout(dir, "app:1.0");
   * }</pre>
   *
   * @param dir the layout directory
   * @param name the ref name ({@code org.opencontainers.image.ref.name}), a tag or a reference
   * @return what was written; its {@link TestImage#reference()} is the reference the name spells
   *     ({@code app:1.0}), or {@code localhost/oci-layout:<name>} when the name is only a tag
   * @throws dev.ferry.copy.ImageLocationException if the directory cannot hold a layout
   * @since 0.1
   */
  public TestImage writeOciLayout(Path dir, String name) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(name, "name");
    ImageReference reference = name.contains(":") || name.contains("/")
        ? ImageReference.parse(name) : ImageReference.of("localhost", "oci-layout", name);
    try (OciLayoutSink sink = OciLayoutSink.open(dir, name)) {
      return build(reference, new Target() {
        @Override
        public void blob(Descriptor blob, BlobSource content) {
          if (!sink.hasBlob(blob)) {
            sink.writeBlob(blob, content);
          }
        }

        @Override
        public void child(Manifest manifest) {
          sink.writeManifest(manifest);
        }

        @Override
        public void top(Manifest manifest) {
          sink.commit(manifest);
        }
      });
    }
  }

  /** Where an image goes: a registry or a layout. */
  private interface Target {
    void blob(Descriptor blob, BlobSource content);

    void child(Manifest manifest);

    void top(Manifest manifest);
  }

  private TestImage build(ImageReference reference, Target target) {
    Map<Platform, Digest> pushed = new LinkedHashMap<>();
    List<Digest> layers = new ArrayList<>();
    IndexBuilder index = docker ? IndexBuilder.docker() : IndexBuilder.oci();
    boolean multi = forceIndex || platforms.size() > 1;
    ImageManifest last = null;
    for (int p = 0; p < platforms.size(); p++) {
      Platform platform = platforms.get(p);
      List<Descriptor> descriptors = new ArrayList<>();
      List<Digest> diffIds = new ArrayList<>();
      for (int l = 0; l < layerSizes.length; l++) {
        try (LayerBlob blob = LayerBlob.generate(layerSizes[l], seed * 1_000_003L + p * 1_009L + l,
            docker ? MediaTypes.DOCKER_LAYER_TAR_GZIP : MediaTypes.OCI_LAYER_TAR_GZIP)) {
          target.blob(blob.descriptor(), blob.source());
          descriptors.add(blob.descriptor());
          diffIds.add(blob.diffId());
          layers.add(blob.descriptor().digest());
        }
      }
      byte[] config = ImageDocuments.config(platform, diffIds);
      Descriptor configBlob = Descriptor.of(docker ? MediaTypes.DOCKER_CONTAINER_CONFIG : MediaTypes.OCI_IMAGE_CONFIG,
          Digest.sha256(config), config.length);
      target.blob(configBlob, BlobSource.of(config));
      String type = docker ? MediaTypes.DOCKER_MANIFEST_V2 : MediaTypes.OCI_IMAGE_MANIFEST;
      ImageManifest image = (ImageManifest) Manifest.parse(
          ImageDocuments.manifest(type, configBlob, descriptors).getBytes(StandardCharsets.UTF_8), type);
      if (multi) {
        target.child(image);
      } else {
        target.top(image);
      }
      pushed.put(platform, image.digest());
      index.add(image, platform);
      last = image;
    }
    Manifest top = last;
    if (multi) {
      top = index.build();
      target.top(top);
    }
    return new TestImage(reference, Objects.requireNonNull(top), pushed, layers);
  }
}
