package dev.ferry.auth.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Credentials for Azure Container Registry ({@code NAME.azurecr.io}, {@code .azurecr.cn},
 * {@code .azurecr.us}): an Entra ID access token for the registry audience
 * ({@value #ACR_AUDIENCE}) is exchanged at the registry's {@code /oauth2/exchange} for an
 * ACR refresh token, which Ferry then uses as an identity token: the registry's token
 * endpoint turns it into the bearer token for each repository and action, as it does
 * after {@code az acr login}.
 *
 * <p>With {@code ferry-auth-azure} on the class or module path, {@link CredentialProvider#defaults()}
 * finds this provider through {@link java.util.ServiceLoader} and uses azure-identity's
 * {@code DefaultAzureCredential} (environment variables, workload identity, managed identity,
 * Azure CLI, ...). Explicitly:
 *
 * <pre>{@code
 * CredentialProvider acr = AcrCredentialProvider.builder()
 *     .credential(new ClientSecretCredentialBuilder()
 *         .tenantId(tenant).clientId(appId).clientSecret(secret).build())
 *     .tenantId(tenant)
 *     .build();
 * }</pre>
 *
 * <p>The admin user, a service principal's password and ACR repository-scoped tokens are
 * plain user names and passwords; they need no exchange and no SDK:
 * {@code CredentialProvider.of("myregistry.azurecr.io", Credential.basic(user, password))}.
 *
 * <p>Other hosts get {@link Optional#empty()} and cause no work at all. Refresh tokens are
 * kept per registry and replaced once within the refresh margin of the expiry their JWT
 * {@code exp} claim states ({@link #DEFAULT_REFRESH_MARGIN} unless set), but not before half
 * their life (an {@link dev.ferry.auth.ExpiringCredentialCache}); concurrent lookups for one
 * registry share one exchange. A replacement that fails while the held token is still valid
 * keeps the held one, logs the failure as a warning (without secrets) on this class's
 * {@code System.Logger}, and is not tried again for a minute. When the default credential
 * finds no identity at all ({@code CredentialUnavailableException}), ACR registries are
 * accessed anonymously, so registries with anonymous pull enabled still work, and the
 * probe is not repeated for the provider's life; any other failure, and any failure of a
 * credential given to the builder, is a {@link CredentialException}.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class AcrCredentialProvider implements CredentialProvider {
  /**
   * The Entra ID scope of Azure Container Registry, asked for by default.
   *
   * @since 0.1
   */
  public static final String ACR_AUDIENCE = "https://containerregistry.azure.net/.default";

  /**
   * The Entra ID scope of Azure Resource Manager, which ACR's exchange also takes (needed
   * where a registry is not configured for the ACR audience).
   *
   * @since 0.1
   */
  public static final String ARM_AUDIENCE = "https://management.azure.com/.default";

  /**
   * The user name that goes with an ACR refresh token when it is used as a password
   * ({@code docker login -u 00000000-0000-0000-0000-000000000000}); this provider hands the
   * token over as an identity token, which needs no user name.
   *
   * @since 0.1
   */
  public static final String REFRESH_TOKEN_USERNAME = "00000000-0000-0000-0000-000000000000";

  /**
   * How long before its expiry a refresh token is replaced unless the builder says otherwise.
   *
   * @since 0.1
   */
  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

  /**
   * The time limit of one exchange request unless the builder says otherwise.
   *
   * @since 0.1
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Builder settings;
  private final Supplier<TokenCredential> credential;
  private final boolean ambient;
  private final String description;
  private @Nullable RefreshTokenCache tokens;
  private boolean absent;

  /**
   * A provider that uses {@code DefaultAzureCredential} with the ACR audience; the
   * constructor {@link java.util.ServiceLoader} calls. Nothing is created or probed until
   * the first lookup for an ACR registry.
   *
   * @since 0.1
   */
  public AcrCredentialProvider() {
    this(new Builder());
  }

  private AcrCredentialProvider(Builder builder) {
    this.settings = builder.copy();
    TokenCredential given = builder.credential;
    String tenant = builder.tenantId;
    this.ambient = given == null || builder.ambient;
    this.credential = given != null ? () -> given
        : () -> tenant == null ? new DefaultAzureCredentialBuilder().build()
            : new DefaultAzureCredentialBuilder().tenantId(tenant).build();
    this.description = (given == null ? "DefaultAzureCredential" : given.getClass().getSimpleName())
        + ", audience " + builder.audience + (tenant == null ? "" : ", tenant " + tenant);
  }

  /**
   * A builder for a provider with a given credential, tenant or audience.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a registry name is an ACR login server: {@code NAME.azurecr.io}, {@code NAME.azurecr.cn}
   * or {@code NAME.azurecr.us} with a registry name of 5 to 50 letters and digits, in any case,
   * with no port or {@code :443}. Look-alikes such as {@code x.azurecr.io.example.com} are not.
   *
   * @param registry the registry name
   * @return whether this provider has credentials for it
   * @throws NullPointerException if the name is null
   * @since 0.1
   */
  public static boolean isAzureRegistry(String registry) {
    return AzureRegistryHosts.loginServer(Objects.requireNonNull(registry, "registry")).isPresent();
  }

  /**
   * An identity token (the ACR refresh token) for an ACR registry; empty for any other
   * registry, and for ACR registries when the default credential finds no identity.
   *
   * @param registry the registry, e.g. {@code myregistry.azurecr.io}
   * @param repository the repository path; the refresh token serves every repository
   * @return the credential, or empty
   * @throws NullPointerException if an argument is null
   * @throws CredentialException if no Entra ID token can be had, the exchange refuses it,
   *     or the refresh token is malformed
   * @since 0.1
   */
  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Optional<String> loginServer = AzureRegistryHosts.loginServer(registry);
    if (loginServer.isEmpty()) {
      return Optional.empty();
    }
    RefreshTokenCache cache = tokens();
    if (cache == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(cache.refreshToken(loginServer.get()));
    } catch (CredentialUnavailableException e) {
      if (ambient) {
        markAbsent();
        return Optional.empty();
      }
      throw failure(loginServer.get(), e);
    } catch (CredentialException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(loginServer.get(), e);
    }
  }

  private synchronized @Nullable RefreshTokenCache tokens() {
    if (absent) {
      return null;
    }
    if (tokens == null) {
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.timeout).build();
      tokens = new RefreshTokenCache(new AcrExchange(credential.get(), settings.audience, settings.tenantId,
          settings.endpoint, http, settings.timeout), settings.clock, settings.refreshMargin);
    }
    return tokens;
  }

  private synchronized void markAbsent() {
    absent = true;
  }

  private CredentialException failure(String loginServer, RuntimeException e) {
    return new CredentialException("no ACR refresh token for " + loginServer + " (" + description + "): "
        + EntraErrors.describe(e), e);
  }

  /**
   * {@return the provider's credential kind, audience and tenant, never a secret}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "AcrCredentialProvider[" + description + "]";
  }

  /**
   * Settings for an {@link AcrCredentialProvider}. With no credential set,
   * {@code DefaultAzureCredential} is used.
   *
   * <p>Thread-safety: not thread-safe; build on one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable TokenCredential credential;
    private @Nullable String tenantId;
    private String audience = ACR_AUDIENCE;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private Function<String, URI> endpoint = AcrExchange::defaultEndpoint;
    private boolean ambient;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.credential = credential;
      b.tenantId = tenantId;
      b.audience = audience;
      b.refreshMargin = refreshMargin;
      b.timeout = timeout;
      b.clock = clock;
      b.endpoint = endpoint;
      b.ambient = ambient;
      return b;
    }

    /**
     * Uses this credential for the Entra ID token instead of {@code DefaultAzureCredential}.
     *
     * @param credential any azure-identity credential (client secret or certificate, managed
     *     identity, workload identity, Azure CLI, ...)
     * @return this builder
     * @throws NullPointerException if the credential is null
     * @since 0.1
     */
    public Builder credential(TokenCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * The Entra ID tenant: asked of the credential and sent to the exchange. Without it the
     * tenant is read from the Entra token's {@code tid} claim.
     *
     * @param tenantId the tenant id
     * @return this builder
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     * @since 0.1
     */
    public Builder tenantId(String tenantId) {
      Objects.requireNonNull(tenantId, "tenantId");
      if (tenantId.isBlank()) {
        throw new IllegalArgumentException("the tenant id is blank");
      }
      this.tenantId = tenantId.trim();
      return this;
    }

    /**
     * The Entra ID scope to ask for: {@link #ACR_AUDIENCE} (the default) or {@link #ARM_AUDIENCE}.
     *
     * @param audience the scope, ending in {@code /.default}
     * @return this builder
     * @throws NullPointerException if the audience is null
     * @throws IllegalArgumentException if the audience is blank
     * @since 0.1
     */
    public Builder audience(String audience) {
      Objects.requireNonNull(audience, "audience");
      if (audience.isBlank()) {
        throw new IllegalArgumentException("the audience is blank");
      }
      this.audience = audience.trim();
      return this;
    }

    /**
     * How long before its expiry a refresh token is replaced; {@link #DEFAULT_REFRESH_MARGIN} by default.
     *
     * @param margin the margin, zero or more
     * @return this builder
     * @throws NullPointerException if the margin is null
     * @throws IllegalArgumentException if the margin is negative
     * @since 0.1
     */
    public Builder refreshMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("the refresh margin must not be negative: " + margin);
      }
      this.refreshMargin = margin;
      return this;
    }

    /**
     * The time limit of one exchange request (connect and answer); {@link #DEFAULT_TIMEOUT} by default.
     *
     * @param timeout the limit, more than zero
     * @return this builder
     * @throws NullPointerException if the timeout is null
     * @throws IllegalArgumentException if the timeout is not positive
     * @since 0.1
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("the timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The clock that decides when a refresh token is due; tests move it. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the exchange for a login server is posted; {@code https://LOGIN_SERVER/oauth2/exchange}
     * unless a test points it at a loopback stand-in.
     */
    Builder exchangeEndpoint(Function<String, URI> endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Uses this credential as the default one is used: when it finds no identity at all, ACR
     * registries are accessed anonymously. Tests stand it in for {@code DefaultAzureCredential},
     * which would probe the managed-identity endpoint.
     */
    Builder ambientCredential(TokenCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      this.ambient = true;
      return this;
    }

    /**
     * Builds the provider. Nothing is created or asked until the first lookup for an ACR registry.
     *
     * @return the provider
     * @since 0.1
     */
    public AcrCredentialProvider build() {
      return new AcrCredentialProvider(this);
    }
  }
}
