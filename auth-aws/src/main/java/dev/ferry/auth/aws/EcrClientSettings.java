package dev.ferry.auth.aws;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;

/**
 * How to reach the ECR API: the settings {@link EcrCredentialProvider.Builder} and
 * {@link EcrRepositories.Builder} share. Unless told otherwise, SDK clients are built on demand,
 * one per region, on the JDK's HTTP client ({@code url-connection-client}), with the SDK's
 * default credentials chain (environment, system properties, web identity, profiles, container
 * and instance metadata).
 *
 * <p>Not thread-safe; what a builder builds is.
 *
 * @param <B> the builder type
 * @since 0.1
 */
public abstract class EcrClientSettings<B extends EcrClientSettings<B>> {
  @Nullable AwsCredentialsProvider credentials;
  @Nullable Function<EcrRegistry, EcrClient> ecrFactory;
  @Nullable EcrPublicClient ecrPublicClient;
  @Nullable URI endpointOverride;
  @Nullable Region region;

  EcrClientSettings() {}

  abstract B self();

  /**
   * The AWS credentials to call ECR with, instead of the SDK's default chain; for example a
   * {@code ProfileCredentialsProvider} or an {@code StsAssumeRoleCredentialsProvider}. Left open
   * when the built object is closed.
   *
   * @param provider the credentials
   * @return this builder
   * @throws NullPointerException if the provider is null
   * @since 0.1
   */
  public B credentialsProvider(AwsCredentialsProvider provider) {
    this.credentials = Objects.requireNonNull(provider, "provider");
    return self();
  }

  /**
   * The region to call the ECR API in for every private registry, instead of the region in the
   * registry's host. Only useful with an {@link #endpointOverride(URI) endpoint override} that
   * serves one region (a VPC endpoint, a stand-in). A token is valid only in the region it was
   * issued for, so the registries asked about must be in this region too.
   *
   * @param region the region
   * @return this builder
   * @throws NullPointerException if the region is null
   * @since 0.1
   */
  public B region(Region region) {
    this.region = Objects.requireNonNull(region, "region");
    return self();
  }

  /**
   * Sends ECR and ECR Public API calls to this endpoint instead of AWS's, for example an interface VPC
   * endpoint or a local stand-in in tests. Applies to the clients built here, not to given ones.
   *
   * @param endpoint the endpoint, e.g. {@code https://vpce-0abc.api.ecr.eu-west-1.vpce.amazonaws.com}
   * @return this builder
   * @throws NullPointerException if the endpoint is null
   * @throws IllegalArgumentException if the endpoint is not an absolute http or https URI
   * @since 0.1
   */
  public B endpointOverride(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("the endpoint must be an absolute http or https URI with a host");
    }
    this.endpointOverride = endpoint;
    return self();
  }

  /**
   * One ECR client for every private registry, whatever its region: for programs that use one
   * region. A token it issues for another region than a registry's is refused with an
   * {@link EcrCredentialException}. Left open when the built object is closed.
   *
   * @param client the client
   * @return this builder
   * @throws NullPointerException if the client is null
   * @since 0.1
   */
  public B ecrClient(EcrClient client) {
    Objects.requireNonNull(client, "client");
    this.ecrFactory = registry -> client;
    return self();
  }

  /**
   * Makes the ECR client for a registry; asked once per region (and FIPS or dual-stack variant).
   * The clients it returns stay the caller's: they are not closed with the built object.
   *
   * <pre>{@code
   * .ecrClientFactory(registry -> EcrClient.builder().region(registry.apiRegion())
   *     .credentialsProvider(credentials).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20)))
   *     .build())
   * }</pre>
   *
   * @param factory makes a client for the registry's region; must not return null
   * @return this builder
   * @throws NullPointerException if the factory is null
   * @since 0.1
   */
  public B ecrClientFactory(Function<EcrRegistry, EcrClient> factory) {
    this.ecrFactory = Objects.requireNonNull(factory, "factory");
    return self();
  }

  /**
   * The ECR Public client, instead of one built for {@code us-east-1}. Left open when the built
   * object is closed.
   *
   * @param client the client
   * @return this builder
   * @throws NullPointerException if the client is null
   * @since 0.1
   */
  public B ecrPublicClient(EcrPublicClient client) {
    this.ecrPublicClient = Objects.requireNonNull(client, "client");
    return self();
  }
}
