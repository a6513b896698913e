package dev.ferry.auth.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;

/**
 * The SDK clients one provider or repository helper talks to: given ones, ones from a given
 * factory, or ones built here (one per region and endpoint variant) on the JDK's HTTP client.
 * Only what is built here is closed here. Thread-safe: one lock, held only while a client is
 * looked up or built, never during a call.
 */
final class EcrClients implements AutoCloseable {
  private final @Nullable AwsCredentialsProvider givenCredentials;
  private final @Nullable Function<EcrRegistry, EcrClient> ecrFactory;
  private final @Nullable EcrPublicClient givenPublic;
  private final @Nullable URI endpointOverride;
  private final @Nullable Region regionOverride;

  private final Map<String, EcrClient> ecr = new HashMap<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private @Nullable AwsCredentialsProvider defaultCredentials;
  private @Nullable EcrPublicClient builtPublic;
  private boolean closed;

  EcrClients(@Nullable AwsCredentialsProvider credentials, @Nullable Function<EcrRegistry, EcrClient> ecrFactory,
      @Nullable EcrPublicClient publicClient, @Nullable URI endpointOverride, @Nullable Region regionOverride) {
    this.givenCredentials = credentials;
    this.ecrFactory = ecrFactory;
    this.givenPublic = publicClient;
    this.endpointOverride = endpointOverride;
    this.regionOverride = regionOverride;
  }

  /** The region the ECR API is called in for a private registry: the override, else the registry's own. */
  Region apiRegion(EcrRegistry registry) {
    return regionOverride != null ? regionOverride : registry.apiRegion();
  }

  /** The client for a private registry's region (and FIPS / dual-stack variant, as its host asks). */
  synchronized EcrClient ecr(EcrRegistry registry) {
    checkOpen();
    if (ecrFactory != null) {
      return ecr.computeIfAbsent(variant(registry), k -> Objects.requireNonNull(ecrFactory.apply(registry),
          "the EcrClient factory returned null"));
    }
    return ecr.computeIfAbsent(variant(registry), k -> own(EcrClient.builder()
        .region(apiRegion(registry))
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .applyMutation(b -> {
          // a FIPS or dual-stack registry host asks for the same kind of API endpoint; otherwise the
          // SDK's own settings (AWS_USE_FIPS_ENDPOINT, profile) decide, so they are not overridden
          if (registry.fips()) {
            b.fipsEnabled(true);
          }
          if (registry.dualStack()) {
            b.dualstackEnabled(true);
          }
          if (endpointOverride != null) {
            b.endpointOverride(endpointOverride);
          }
        })
        .build()));
  }

  /** The ECR Public client; its API (and its tokens) live in us-east-1 only. */
  synchronized EcrPublicClient ecrPublic() {
    checkOpen();
    if (givenPublic != null) {
      return givenPublic;
    }
    if (builtPublic == null) {
      builtPublic = own(EcrPublicClient.builder()
          .region(Region.of(EcrRegistry.PUBLIC_TOKEN_REGION))
          .credentialsProvider(credentials())
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .applyMutation(b -> {
            if (endpointOverride != null) {
              b.endpointOverride(endpointOverride);
            }
          })
          .build());
    }
    return builtPublic;
  }

  /** Whether the ECR Public client is the caller's, so whether it can answer without our credentials. */
  boolean publicClientGiven() {
    return givenPublic != null;
  }

  /** The credentials for clients built here: the given provider, else the SDK's default chain (made once). */
  synchronized AwsCredentialsProvider credentials() {
    if (givenCredentials != null) {
      return givenCredentials;
    }
    if (defaultCredentials == null) {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      owned.add(chain);
      defaultCredentials = chain;
    }
    return defaultCredentials;
  }

  private String variant(EcrRegistry registry) {
    return apiRegion(registry).id() + (registry.fips() ? "/fips" : "") + (registry.dualStack() ? "/dual" : "");
  }

  private synchronized <T extends AutoCloseable> T own(T client) {
    owned.add(client);
    return client;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("closed: no more calls to ECR through it");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (AutoCloseable c : owned) {
      closeQuietly(c);
    }
    owned.clear();
    ecr.clear();
    builtPublic = null;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing an SDK client only releases local resources; nothing to report
    }
  }

  @Override
  public String toString() {
    // what the clients are made of, never the credentials themselves
    return (givenCredentials != null ? "given credentials" : "default credentials chain")
        + (ecrFactory != null ? ", client factory" : "") + (endpointOverride != null ? ", endpoint " + endpointOverride : "")
        + (regionOverride != null ? ", region " + regionOverride.id() : "");
  }
}
