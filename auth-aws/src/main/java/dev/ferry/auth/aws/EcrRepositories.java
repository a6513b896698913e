package dev.ferry.auth.aws;

import dev.ferry.reference.ImageReference;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Creates ECR repositories before a push. ECR, unlike most registries, does not create a
 * repository on the first push: the push is refused ({@code NAME_UNKNOWN}) until the repository
 * exists. This is opt-in; call it before the copy:
 *
 * <pre>{@code
 * ImageReference dst = ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/nginx:1.27");
 * try (EcrRepositories repositories = EcrRepositories.builder()
 *         .settings(RepositorySettings.defaults().withImmutableTags(true).withScanOnPush(true))
 *         .build()) {
 *   repositories.ensureRepository(dst);          // creates mirror/nginx when missing
 * }
 * CopyOperation.from(src).to(dst).execute(client);
 * }</pre>
 *
 * <p>It asks {@code DescribeRepositories} first, so a caller who may push to an existing
 * repository but not create one ({@code ecr:CreateRepository}) is not refused for nothing, then
 * {@code CreateRepository} in the registry's account and region. A repository that another
 * caller creates in between ({@code RepositoryAlreadyExistsException}) counts as there. The
 * repositories it found or created are remembered, so asking again costs nothing. Only private
 * registries are handled; ECR Public repositories are not created here.
 *
 * <p>Thread-safety: thread-safe. Close it to release the SDK clients it built.
 *
 * @since 0.1
 */
public final class EcrRepositories implements AutoCloseable {
  private final EcrClients clients;
  private final RepositorySettings settings;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  private EcrRepositories(Builder b) {
    this.clients = new EcrClients(b.credentials, b.ecrFactory, b.ecrPublicClient, b.endpointOverride, b.region);
    this.settings = b.settings;
  }

  /**
   * With the SDK's default credentials chain, each registry's own region and ECR's default settings.
   *
   * @return the helper
   * @since 0.1
   */
  public static EcrRepositories create() {
    return builder().build();
  }

  /**
   * A builder for given credentials, clients or repository settings.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes sure the reference's repository exists, creating it with this helper's settings when it
   * does not.
   *
   * @param reference an image or repository in a private ECR registry; tag and digest are ignored
   * @return true when the repository was created by this call, false when it was already there
   * @throws NullPointerException if the reference is null
   * @throws IllegalArgumentException if the reference's registry is not a private ECR registry
   * @throws EcrRepositoryException if the repository is missing and could not be created (see
   *     {@link EcrRepositoryException#accessDenied()}), or ECR could not be asked
   * @throws IllegalStateException if this helper is closed
   * @since 0.1
   */
  public boolean ensureRepository(ImageReference reference) {
    return ensureRepository(reference, settings);
  }

  /**
   * Makes sure the reference's repository exists, creating it with the given settings when it
   * does not. An existing repository keeps its own settings.
   *
   * @param reference an image or repository in a private ECR registry; tag and digest are ignored
   * @param settings tag mutability and scan-on-push for a repository created now
   * @return true when the repository was created by this call, false when it was already there
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the reference's registry is not a private ECR registry
   * @throws EcrRepositoryException if the repository is missing and could not be created, or ECR
   *     could not be asked
   * @throws IllegalStateException if this helper is closed
   * @since 0.1
   */
  public boolean ensureRepository(ImageReference reference, RepositorySettings settings) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(settings, "settings");
    EcrRegistry registry = EcrRegistry.parse(reference.registry())
        .filter(r -> !r.isPublic())
        .orElseThrow(() -> new IllegalArgumentException(reference.registry()
            + " is not a private ECR registry (<account>.dkr.ecr.<region>.amazonaws.com)"));
    String repository = reference.repository();
    String key = registry.host() + "/" + repository;
    if (known.contains(key)) {
      return false;
    }
    EcrClient ecr = clients.ecr(registry);
    boolean created = !exists(ecr, registry, repository) && create(ecr, registry, repository, settings);
    known.add(key);
    return created;
  }

  /** Whether the repository is there; true is certain, false means "missing or may not be looked up". */
  private static boolean exists(EcrClient ecr, EcrRegistry registry, String repository) {
    try {
      ecr.describeRepositories(DescribeRepositoriesRequest.builder()
          .registryId(registry.accountId()).repositoryNames(repository).build());
      return true;
    } catch (RepositoryNotFoundException missing) {
      return false;
    } catch (AwsServiceException e) {
      if (isAccessDenied(e)) {
        return false; // not allowed to look: creating it is the only way to find out
      }
      throw failed("could not look up", registry, repository, e);
    } catch (SdkException e) {
      throw failed("could not look up", registry, repository, e);
    }
  }

  private static boolean create(EcrClient ecr, EcrRegistry registry, String repository, RepositorySettings settings) {
    try {
      ecr.createRepository(CreateRepositoryRequest.builder()
          .registryId(registry.accountId())
          .repositoryName(repository)
          .imageTagMutability(settings.immutableTags() ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)
          .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(settings.scanOnPush()).build())
          .build());
      return true;
    } catch (RepositoryAlreadyExistsException raced) {
      return false;
    } catch (AwsServiceException e) {
      if (isAccessDenied(e)) {
        throw new EcrRepositoryException("not allowed to create repository " + repository + " in " + registry.host()
            + ": the AWS identity lacks ecr:CreateRepository (AccessDeniedException"
            + detail(e) + "); create the repository beforehand or grant that permission",
            registry.host(), repository, e.awsErrorDetails().errorCode(), e.statusCode(), e);
      }
      throw failed("could not create", registry, repository, e);
    } catch (SdkException e) {
      throw failed("could not create", registry, repository, e);
    }
  }

  private static boolean isAccessDenied(AwsServiceException e) {
    return e.awsErrorDetails() != null && "AccessDeniedException".equals(e.awsErrorDetails().errorCode());
  }

  private static String detail(AwsServiceException e) {
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return message == null || message.isBlank() ? "" : ": " + message;
  }

  private static EcrRepositoryException failed(String what, EcrRegistry registry, String repository, SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      return new EcrRepositoryException(what + " repository " + repository + " in " + registry.host() + ": ECR answered "
          + Objects.toString(code, "no error code") + " (HTTP " + aws.statusCode() + ")" + detail(aws),
          registry.host(), repository, code, aws.statusCode(), e);
    }
    return new EcrRepositoryException(what + " repository " + repository + " in " + registry.host() + ": "
        + Objects.toString(e.getMessage(), e.getClass().getSimpleName()), registry.host(), repository, null, 0, e);
  }

  /**
   * Closes the SDK clients this helper built; given clients and credentials are left open.
   *
   * @since 0.1
   */
  @Override
  public void close() {
    clients.close();
  }

  @Override
  public String toString() {
    return "EcrRepositories{" + clients + ", " + settings + "}";
  }

  /**
   * Settings for {@link EcrRepositories}. Not thread-safe; what it builds is.
   *
   * @since 0.1
   */
  public static final class Builder extends EcrClientSettings<Builder> {
    private RepositorySettings settings = RepositorySettings.defaults();

    private Builder() {}

    /**
     * The settings for repositories created by {@link EcrRepositories#ensureRepository(ImageReference)}; ECR's
     * defaults unless set.
     *
     * @param settings tag mutability and scan-on-push
     * @return this builder
     * @throws NullPointerException if the settings are null
     * @since 0.1
     */
    public Builder settings(RepositorySettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Builds the helper. Nothing is called until a repository is asked for.
     *
     * @return the helper
     * @since 0.1
     */
    public EcrRepositories build() {
      return new EcrRepositories(this);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
