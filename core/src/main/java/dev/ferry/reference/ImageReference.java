package dev.ferry.reference;

import static dev.ferry.reference.ReferenceGrammar.DOCKER_HUB;
import static dev.ferry.reference.ReferenceGrammar.OFFICIAL_PREFIX;

import dev.ferry.FerryLimits;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image reference, {@code registry/repository[:tag][@digest]}, parsed and
 * normalised exactly as Docker, containerd and Kubernetes do it
 * ({@code ParseNormalizedNamed} of {@code github.com/distribution/reference}).
 *
 * <pre>{@code
 * ImageReference ref = ImageReference.parse("nginx:1.27");   // docker.io/library/nginx:1.27
 * ref.registry();                                            // "docker.io"
 * ref.repository();                                          // "library/nginx"
 * ref.familiarString();                                      // "nginx:1.27"
 * ImageReference mirror = ref.withRegistry("us-docker.pkg.dev").withRepository("p/r/nginx");
 * }</pre>
 *
 * <p>Normalisation: a reference without a registry is on Docker Hub,
 * {@code docker.io}; {@code index.docker.io} is {@code docker.io}; and on Docker
 * Hub a one-component repository is an official image in {@code library/}. The
 * first {@code /}-separated component is a registry only if it contains {@code .}
 * or {@code :}, is {@code localhost}, or has an uppercase letter; otherwise it is
 * the first component of a Docker Hub repository.
 *
 * <p>A reference may carry a tag, a digest, both, or neither. With a digest,
 * registries and runtimes resolve the image by digest and the tag is only a label
 * (see {@link #manifestReference()}). Without either, {@link #toString()} shows
 * neither: {@link #withDefaultTag()} makes {@value #DEFAULT_TAG} explicit.
 *
 * <p>Every instance prints, with {@link #toString()}, a reference that
 * {@link #parse} reads back to an equal instance.
 *
 * <p>Where Ferry is stricter than {@code distribution/reference}: a first component
 * with a {@code .} that is no valid host (e.g. {@code my_reg.io/app}) is refused
 * rather than read as a registry-less name, and digests are {@code sha256} or
 * {@code sha512} only (see {@link Digest}).
 *
 * <p>Thread-safety: immutable, so safe to share between threads.
 *
 * @since 0.1
 */
public final class ImageReference {
  /**
   * The tag Docker assumes when a reference names neither tag nor digest.
   *
   * @since 0.1
   */
  public static final String DEFAULT_TAG = "latest";

  private final String registry;
  private final String repository;
  private final @Nullable String tag;
  private final @Nullable Digest digest;
  private final String text;

  private ImageReference(String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
    this.text = registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /**
   * Parses and normalises a reference, for example {@code nginx},
   * {@code ghcr.io/org/app:1.0}, {@code localhost:5000/app@sha256:...}.
   *
   * @param reference the reference text, at most {@link FerryLimits#MAX_REFERENCE_LENGTH} characters
   * @return the normalised reference
   * @throws NullPointerException if {@code reference} is null
   * @throws InvalidReferenceException if the text is not a valid reference; the reason names the rule
   *     broken (empty, too long, whitespace, bad registry or port, uppercase or malformed repository,
   *     repository too long, bad tag, bad digest, or a bare 64-hex image ID)
   * @since 0.1
   */
  public static ImageReference parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    return ReferenceParser.parse(reference);
  }

  /**
   * Creates a reference without tag or digest from a registry and a repository,
   * validated and normalised like {@link #parse}: {@code of("docker.io", "nginx")}
   * is {@code docker.io/library/nginx}.
   *
   * @param registry {@code host[:port]}; it must contain {@code .} or {@code :} or be
   *     {@code localhost}, so that the reference reads back as written
   * @param repository the repository path, e.g. {@code org/app}
   * @return the reference
   * @throws NullPointerException if an argument is null
   * @throws InvalidReferenceException if the registry or the repository is invalid
   * @since 0.1
   */
  public static ImageReference of(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    ReferenceGrammar.checkArgument(registry, "registry");
    ReferenceGrammar.checkArgument(repository, "repository");
    String input = registry + "/" + repository;
    ReferenceGrammar.checkRegistryName(input, registry);
    ReferenceGrammar.checkPath(input, repository);
    return assemble(input, registry, repository, null, null);
  }

  /**
   * Creates a tagged reference from a registry, a repository and a tag, validated
   * and normalised like {@link #parse}.
   *
   * @param registry {@code host[:port]}, as for {@link #of(String, String)}
   * @param repository the repository path, e.g. {@code org/app}
   * @param tag the tag, e.g. {@code 1.0}
   * @return the reference
   * @throws NullPointerException if an argument is null
   * @throws InvalidReferenceException if the registry, the repository or the tag is invalid
   * @since 0.1
   */
  public static ImageReference of(String registry, String repository, String tag) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    return of(registry, repository).withTag(tag);
  }

  /**
   * The registry, {@code host[:port]}: {@code docker.io}, {@code localhost:5000},
   * {@code [::1]:5000}. Docker Hub is always {@code docker.io}; see {@link #apiHost()}
   * for the host that serves its API.
   *
   * @return the registry
   * @since 0.1
   */
  public String registry() {
    return registry;
  }

  /**
   * The repository path within the registry, for example {@code library/nginx}; at most
   * {@link FerryLimits#MAX_REPOSITORY_LENGTH} characters.
   *
   * @return the repository
   * @since 0.1
   */
  public String repository() {
    return repository;
  }

  /**
   * The tag, if the reference has one. No default is filled in.
   *
   * @return the tag, or empty
   * @since 0.1
   */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /**
   * The digest, if the reference has one.
   *
   * @return the digest, or empty
   * @since 0.1
   */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The name, {@code registry/repository}, e.g. {@code docker.io/library/nginx}.
   *
   * @return the name without tag or digest
   * @since 0.1
   */
  public String name() {
    return registry + "/" + repository;
  }

  /**
   * The name as Docker shows it: without {@code docker.io/}, and without
   * {@code library/} for an official image ({@code nginx}, {@code user/app},
   * {@code quay.io/org/app}). Where dropping a prefix would change what the name
   * means when parsed again, the prefix stays: {@code docker.io/} when the first
   * path component looks like a registry ({@code docker.io/foo.com/app}) and
   * {@code library/} before a bare 64-hex name.
   *
   * @return the familiar name
   * @since 0.1
   */
  public String familiarName() {
    return ReferenceGrammar.familiarName(registry, repository);
  }

  /**
   * The reference as Docker shows it: {@link #familiarName()}, then {@code :tag}
   * and {@code @digest} when present, e.g. {@code nginx:1.27}.
   *
   * @return the familiar reference; {@link #parse} reads it back to an equal reference
   * @since 0.1
   */
  public String familiarString() {
    return familiarName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /**
   * The reference to put in {@code /v2/<name>/manifests/<reference>}: the digest
   * when present (even if there is a tag too: the digest is what the user pinned),
   * else the tag, else {@value #DEFAULT_TAG}.
   *
   * @return a digest string or a tag
   * @since 0.1
   */
  public String manifestReference() {
    if (digest != null) {
      return digest.toString();
    }
    return tag != null ? tag : DEFAULT_TAG;
  }

  /**
   * This reference with {@value #DEFAULT_TAG} made explicit: the same reference if
   * it has a tag or a digest, else one tagged {@value #DEFAULT_TAG}.
   *
   * @return a reference with a tag or a digest
   * @since 0.1
   */
  public ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(registry, repository, DEFAULT_TAG, null) : this;
  }

  /**
   * This reference with another tag. A digest, if present, is kept, as Docker's
   * {@code WithTag} does; since the digest then decides what is fetched, call
   * {@link #withoutDigest()} first to address the image by the new tag.
   *
   * @param tag the tag, e.g. {@code 1.27}
   * @return the re-tagged reference
   * @throws NullPointerException if {@code tag} is null
   * @throws InvalidReferenceException if the tag is not {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}
   * @since 0.1
   */
  public ImageReference withTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    ReferenceGrammar.checkArgument(tag, "tag");
    String input = name() + ":" + tag;
    ReferenceGrammar.checkTag(input, tag);
    return assemble(input, registry, repository, tag, digest);
  }

  /**
   * This reference with another digest; a tag, if present, is kept.
   *
   * @param digest the digest
   * @return the pinned reference
   * @throws NullPointerException if {@code digest} is null
   * @throws InvalidReferenceException if the result would be longer than
   *     {@link FerryLimits#MAX_REFERENCE_LENGTH}
   * @since 0.1
   */
  public ImageReference withDigest(Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return assemble(name() + "@" + digest, registry, repository, tag, digest);
  }

  /**
   * This reference without its tag; the digest, if any, is kept.
   *
   * @return the reference without tag
   * @since 0.1
   */
  public ImageReference withoutTag() {
    return tag == null ? this : new ImageReference(registry, repository, null, digest);
  }

  /**
   * This reference without its digest; the tag, if any, is kept.
   *
   * @return the reference without digest
   * @since 0.1
   */
  public ImageReference withoutDigest() {
    return digest == null ? this : new ImageReference(registry, repository, tag, null);
  }

  /**
   * This reference on another registry, with tag and digest kept. The repository is
   * kept too, except that Docker Hub's rule is applied again: moving a one-component
   * repository onto {@code docker.io} (or {@code index.docker.io}) prefixes
   * {@code library/}. Moving off Docker Hub keeps {@code library/}:
   * {@code docker.io/library/nginx} on {@code us-docker.pkg.dev} is
   * {@code us-docker.pkg.dev/library/nginx}; use {@link #withRepository} to rename.
   *
   * @param registry {@code host[:port]}; it must contain {@code .} or {@code :} or be {@code localhost}
   * @return the moved reference
   * @throws NullPointerException if {@code registry} is null
   * @throws InvalidReferenceException if the registry is invalid, or the result too long
   * @since 0.1
   */
  public ImageReference withRegistry(String registry) {
    Objects.requireNonNull(registry, "registry");
    ReferenceGrammar.checkArgument(registry, "registry");
    String input = registry + "/" + repository;
    ReferenceGrammar.checkRegistryName(input, registry);
    return assemble(input, registry, repository, tag, digest);
  }

  /**
   * This reference with another repository on the same registry, with tag and
   * digest kept. On Docker Hub a one-component repository becomes {@code library/x}.
   *
   * @param repository the repository path, e.g. {@code org/app}
   * @return the renamed reference
   * @throws NullPointerException if {@code repository} is null
   * @throws InvalidReferenceException if the repository is invalid or too long
   * @since 0.1
   */
  public ImageReference withRepository(String repository) {
    Objects.requireNonNull(repository, "repository");
    ReferenceGrammar.checkArgument(repository, "repository");
    String input = registry + "/" + repository;
    ReferenceGrammar.checkPath(input, repository);
    return assemble(input, registry, repository, tag, digest);
  }

  /**
   * The host that serves this reference's registry API; see {@link #apiHost(String)}.
   *
   * @return {@code host[:port]} to send {@code /v2/} requests to
   * @since 0.1
   */
  public String apiHost() {
    return apiHost(registry);
  }

  /**
   * The host that serves a registry's API: {@code registry-1.docker.io} for Docker
   * Hub ({@code docker.io} or {@code index.docker.io}), the registry itself for
   * every other one.
   *
   * @param registry {@code host[:port]} as in a reference, e.g. {@code docker.io} or {@code localhost:5000}
   * @return {@code host[:port]} to send {@code /v2/} requests to
   * @throws NullPointerException if {@code registry} is null
   * @throws InvalidReferenceException if {@code registry} is not a valid registry
   * @since 0.1
   */
  public static String apiHost(String registry) {
    Objects.requireNonNull(registry, "registry");
    ReferenceGrammar.checkArgument(registry, "registry");
    ReferenceGrammar.checkRegistryName(registry, registry);
    boolean dockerHub = registry.equals(DOCKER_HUB) || registry.equals(ReferenceGrammar.LEGACY_DOCKER_HUB);
    return dockerHub ? ReferenceGrammar.DOCKER_HUB_API : registry;
  }

  /**
   * Equal when registry, repository, tag and digest are equal after normalisation:
   * {@code nginx} equals {@code docker.io/library/nginx}, but not {@code nginx:latest}.
   *
   * @since 0.1
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ImageReference that
        && registry.equals(that.registry)
        && repository.equals(that.repository)
        && Objects.equals(tag, that.tag)
        && Objects.equals(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  /**
   * The full normalised reference, {@code registry/repository[:tag][@digest]}, e.g.
   * {@code docker.io/library/nginx:1.27}; no {@value #DEFAULT_TAG} is added.
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Applies Docker Hub's normalisation to checked parts, then the length limits
   * that only the normalised form can be measured against.
   */
  static ImageReference assemble(String input, String registry, String path, @Nullable String tag,
      @Nullable Digest digest) {
    String host = registry.equals(ReferenceGrammar.LEGACY_DOCKER_HUB) ? DOCKER_HUB : registry;
    String repository = host.equals(DOCKER_HUB) && path.indexOf('/') < 0 ? OFFICIAL_PREFIX + path : path;
    if (repository.length() > FerryLimits.MAX_REPOSITORY_LENGTH) {
      throw new InvalidReferenceException(input, "repository name is too long: " + repository.length()
          + " characters" + (repository.length() == path.length() ? "" : " with Docker Hub's 'library/'")
          + ", at most " + FerryLimits.MAX_REPOSITORY_LENGTH + " allowed");
    }
    ImageReference reference = new ImageReference(host, repository, tag, digest);
    ReferenceGrammar.checkLength(input, reference.text, "reference", FerryLimits.MAX_REFERENCE_LENGTH);
    return reference;
  }
}
