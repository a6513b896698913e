package dev.ferry.auth.gcp;

import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Credentials for Google Container Registry ({@code gcr.io}, {@code *.gcr.io}) and
 * Artifact Registry ({@code LOCATION-docker.pkg.dev}, {@code docker.LOCATION.rep.pkg.dev}):
 * a Google OAuth2 access token sent as the password of the user {@value #USERNAME},
 * which is what {@code gcloud auth configure-docker} arranges for Docker.
 *
 * <p>With {@code ferry-auth-gcp} on the class or module path, {@link CredentialProvider#defaults()}
 * finds this provider through {@link java.util.ServiceLoader} and uses Google Application
 * Default Credentials: the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS}
 * (a service-account key, or an {@code external_account} configuration for workload
 * identity federation), what {@code gcloud auth application-default login} stored, or the
 * metadata server on Google Cloud. Credentials that need scopes get {@value #CLOUD_PLATFORM_SCOPE}.
 * Explicitly:
 *
 * <pre>{@code
 * CredentialProvider google = GcpCredentialProvider.builder()
 *     .serviceAccountKey(Path.of("/secrets/mirror-bot.json"))
 *     .build();
 * RegistryClient client = RegistryClient.builder().credentials(google).build();
 * }</pre>
 *
 * <p>Other hosts get {@link Optional#empty()} and cause no work at all. The credentials
 * are looked up at the first lookup for a Google registry and kept for the provider's
 * life. When Application Default Credentials are <em>absent</em> (none of their sources is
 * there), Google registries are accessed anonymously, so that public images (such as those
 * under {@code gcr.io/distroless}) still pull on a machine with no Google identity; when a
 * source is there but <em>broken</em> (a malformed key file, a token endpoint that refuses),
 * every lookup for a Google registry fails with a {@link CredentialException}.
 *
 * <p>The access token is cached (in an {@link dev.ferry.auth.ExpiringCredentialCache}) and
 * refreshed once it is within the refresh margin of its expiry ({@link #DEFAULT_REFRESH_MARGIN}
 * unless set), but not before half its life; concurrent lookups share one refresh. A token
 * without an expiry is kept for the provider's life. If a refresh fails while the held token is
 * still valid, the held token is used, the failure is logged as a warning (without secrets) on
 * this class's {@code System.Logger}, and the refresh is not tried again for a minute; once the
 * held token has expired, a failed refresh is a {@link CredentialException}.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class GcpCredentialProvider implements CredentialProvider {
  /**
   * The user name Google's registries expect with an access token as the password.
   *
   * @since 0.1
   */
  public static final String USERNAME = "oauth2accesstoken";

  /**
   * The OAuth2 scope asked for when the credentials need one.
   *
   * @since 0.1
   */
  public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  /**
   * How long before its expiry an access token is replaced unless the builder says otherwise.
   *
   * @since 0.1
   */
  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

  private final CredentialsSource source;
  private final String description;
  private final Clock clock;
  private final Duration refreshMargin;
  private @Nullable AccessTokenCache tokens;
  private boolean loaded;

  /**
   * A provider that uses Application Default Credentials; the constructor
   * {@link java.util.ServiceLoader} calls. Same as {@link #applicationDefault()}.
   *
   * @since 0.1
   */
  public GcpCredentialProvider() {
    this(CredentialsSource.applicationDefault(null), "applicationDefault", Clock.systemUTC(), DEFAULT_REFRESH_MARGIN);
  }

  private GcpCredentialProvider(CredentialsSource source, String description, Clock clock, Duration refreshMargin) {
    this.source = source;
    this.description = description;
    this.clock = clock;
    this.refreshMargin = refreshMargin;
  }

  /**
   * A provider that uses Application Default Credentials, looked up at its first use.
   *
   * @return the provider
   * @since 0.1
   */
  public static GcpCredentialProvider applicationDefault() {
    return new GcpCredentialProvider();
  }

  /**
   * A builder for a provider with explicit credentials or settings.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a registry name is one of Google's: {@code gcr.io}, a subdomain of it,
   * {@code LOCATION-docker.pkg.dev} or {@code docker.LOCATION.rep.pkg.dev}, in any case,
   * with no port or {@code :443}. Look-alikes such as {@code gcr.io.example.com} are not.
   *
   * @param registry the registry name, e.g. {@code europe-west1-docker.pkg.dev}
   * @return whether this provider has credentials for it
   * @throws NullPointerException if the name is null
   * @since 0.1
   */
  public static boolean isGoogleRegistry(String registry) {
    return GoogleRegistryHosts.matches(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * {@code oauth2accesstoken} with a current access token for a Google registry; empty for
   * any other registry, and for Google registries when Application Default Credentials are absent.
   *
   * @param registry the registry, e.g. {@code us-docker.pkg.dev}
   * @param repository the repository path; the same token serves every repository
   * @return the credential, or empty
   * @throws NullPointerException if an argument is null
   * @throws CredentialException if the Google credentials are there but give no access token
   * @since 0.1
   */
  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (!GoogleRegistryHosts.matches(registry)) {
      return Optional.empty();
    }
    AccessTokenCache cache = tokens(registry);
    if (cache == null) {
      return Optional.empty();
    }
    return Optional.of(cache.credential(registry));
  }

  private synchronized @Nullable AccessTokenCache tokens(String registry) {
    if (!loaded) {
      GoogleCredentials credentials;
      try {
        credentials = source.load();
      } catch (IOException | RuntimeException e) {
        // not remembered: a file being fixed, or a metadata server coming up, is seen at the next lookup
        throw new CredentialException("Google credentials (" + description + ") for " + registry
            + " cannot be used: " + SafeMessages.of(e), e);
      }
      if (credentials != null) {
        if (credentials.createScopedRequired()) {
          credentials = credentials.createScoped(List.of(CLOUD_PLATFORM_SCOPE));
        }
        tokens = new AccessTokenCache(credentials, clock, refreshMargin);
      }
      loaded = true;
    }
    return tokens;
  }

  /**
   * {@return the provider's kind of credentials, never a secret}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "GcpCredentialProvider[" + description + "]";
  }

  /**
   * Settings for a {@link GcpCredentialProvider}. With no credentials set, Application
   * Default Credentials are used.
   *
   * <p>Thread-safety: not thread-safe; build on one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable GoogleCredentials credentials;
    // the key's JSON text (a String: the compiler plugin's source scanner trips over annotated array types)
    private @Nullable String serviceAccountKey;
    private String keyOrigin = "";
    private @Nullable HttpTransportFactory transportFactory;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Uses these credentials (any kind: service account, user, {@code external_account},
     * impersonated, Compute Engine). Replaces a service-account key set before.
     *
     * @param credentials the credentials; scoped to {@value #CLOUD_PLATFORM_SCOPE} if they need a scope
     * @return this builder
     * @throws NullPointerException if the credentials are null
     * @since 0.1
     */
    public Builder credentials(GoogleCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.serviceAccountKey = null;
      return this;
    }

    /**
     * Uses a service-account key file ({@code "type": "service_account"}), read now.
     * Replaces credentials set before.
     *
     * @param keyFile the JSON key file
     * @return this builder
     * @throws NullPointerException if the path is null
     * @throws CredentialException if the file cannot be read
     * @since 0.1
     */
    public Builder serviceAccountKey(Path keyFile) {
      Objects.requireNonNull(keyFile, "keyFile");
      try {
        return serviceAccountKey(Files.readAllBytes(keyFile), keyFile.toString());
      } catch (IOException e) {
        throw new CredentialException("the service account key " + keyFile + " cannot be read: " + SafeMessages.of(e), e);
      }
    }

    /**
     * Uses a service-account key ({@code "type": "service_account"}) read now from a stream,
     * which is not closed. Replaces credentials set before.
     *
     * @param keyJson the JSON key
     * @return this builder
     * @throws NullPointerException if the stream is null
     * @throws CredentialException if the stream cannot be read
     * @since 0.1
     */
    public Builder serviceAccountKey(InputStream keyJson) {
      Objects.requireNonNull(keyJson, "keyJson");
      try {
        return serviceAccountKey(keyJson.readAllBytes(), "from a stream");
      } catch (IOException e) {
        throw new CredentialException("the service account key stream cannot be read: " + SafeMessages.of(e), e);
      }
    }

    private Builder serviceAccountKey(byte[] json, String origin) {
      this.serviceAccountKey = new String(json, StandardCharsets.UTF_8);
      this.keyOrigin = origin;
      this.credentials = null;
      return this;
    }

    /**
     * The HTTP transport for Google's token endpoint and metadata server (a proxy, a
     * custom trust store); the library's default otherwise. Used for Application Default
     * Credentials and service-account keys; credentials given ready-made keep their own.
     *
     * @param transportFactory the transport factory
     * @return this builder
     * @throws NullPointerException if the factory is null
     * @since 0.1
     */
    public Builder transportFactory(HttpTransportFactory transportFactory) {
      this.transportFactory = Objects.requireNonNull(transportFactory, "transportFactory");
      return this;
    }

    /**
     * How long before its expiry an access token is replaced; {@link #DEFAULT_REFRESH_MARGIN} by default.
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

    /** The clock that decides when a token is due for refresh; tests move it. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the provider. A service-account key is parsed here; Application Default
     * Credentials are looked up at the first lookup for a Google registry.
     *
     * @return the provider
     * @throws CredentialException if a service-account key is not a usable one
     * @since 0.1
     */
    public GcpCredentialProvider build() {
      if (credentials != null) {
        GoogleCredentials given = credentials;
        return new GcpCredentialProvider(() -> given, AccessTokenCache.describe(given), clock, refreshMargin);
      }
      if (serviceAccountKey != null) {
        GoogleCredentials key = parseKey(serviceAccountKey);
        return new GcpCredentialProvider(() -> key, "serviceAccountKey " + keyOrigin, clock, refreshMargin);
      }
      return new GcpCredentialProvider(CredentialsSource.applicationDefault(transportFactory), "applicationDefault",
          clock, refreshMargin);
    }

    private GoogleCredentials parseKey(String json) {
      try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
        return transportFactory == null ? ServiceAccountCredentials.fromStream(in)
            : ServiceAccountCredentials.fromStream(in, transportFactory);
      } catch (IOException | RuntimeException e) {
        throw new CredentialException("the service account key " + keyOrigin + " is not a usable key: "
            + SafeMessages.of(e), e);
      }
    }
  }
}
