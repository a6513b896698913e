package dev.ferry.auth.azure;

import dev.ferry.it.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcrCredentialProviderTest {
  private static final String REGISTRY = "ferrymirror.azurecr.io";

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final EntraStandIn entra = new EntraStandIn();
  private AcrStandIn acr;

  @BeforeEach
  void start() throws Exception {
    acr = new AcrStandIn(clock::instant).accept(entra.token());
  }

  @AfterEach
  void stop() {
    acr.close();
  }

  private AcrCredentialProvider.Builder builder() {
    return AcrCredentialProvider.builder().credential(entra).clock(clock).exchangeEndpoint(host -> acr.exchangeUri());
  }

  private static String identityToken(Optional<Credential> credential) {
    assertThat(credential).isPresent();
    assertThat(credential.get()).isInstanceOf(dev.ferry.auth.IdentityToken.class);
    return ((dev.ferry.auth.IdentityToken) credential.get()).token();
  }

  @Test
  void theEntraTokenForTheAcrAudienceIsExchangedForARefreshTokenUsedAsIdentityToken() {
    AcrCredentialProvider provider = builder().build();

    String refresh = identityToken(provider.credentialFor(REGISTRY, "mirror/nginx"));

    assertThat(JwtClaims.of(refresh).exp()).isEqualTo(clock.instant().plus(Duration.ofHours(3)).getEpochSecond());
    assertThat(entra.requests()).hasSize(1);
    TokenRequestContext asked = entra.requests().get(0);
    assertThat(asked.getScopes()).containsExactly(AcrCredentialProvider.ACR_AUDIENCE);
    assertThat(asked.getTenantId()).isNull();
    assertThat(acr.forms()).containsExactly(Map.of("grant_type", "access_token", "service", REGISTRY,
        "tenant", EntraStandIn.TENANT, "access_token", entra.token()));
  }

  @Test
  void aConfiguredTenantAndTheArmAudienceAreAskedForAndSent() {
    AcrCredentialProvider provider = builder().tenantId("11111111-2222-3333-4444-555555555555")
        .audience(AcrCredentialProvider.ARM_AUDIENCE).build();

    identityToken(provider.credentialFor("FerryMirror.azurecr.io:443", "a"));

    TokenRequestContext asked = entra.requests().get(0);
    assertThat(asked.getScopes()).containsExactly("https://management.azure.com/.default");
    assertThat(asked.getTenantId()).isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(acr.forms().get(0)).containsEntry("tenant", "11111111-2222-3333-4444-555555555555")
        .containsEntry("service", REGISTRY);
    assertThat(provider.toString()).contains("management.azure.com").contains("EntraStandIn")
        .doesNotContain(entra.token());
  }

  @Test
  void anOpaqueEntraTokenSendsNoTenant() {
    entra.token("opaque-entra-token");
    acr.accept("opaque-entra-token");

    identityToken(builder().build().credentialFor(REGISTRY, "a"));

    assertThat(acr.forms().get(0)).doesNotContainKey("tenant").containsEntry("access_token", "opaque-entra-token");
  }

  @Test
  void refreshTokensAreKeptPerRegistryAndReplacedWithinTheMarginOfTheirExp() {
    AcrCredentialProvider provider = builder().refreshMargin(Duration.ofMinutes(10)).build();

    String first = identityToken(provider.credentialFor(REGISTRY, "a"));
    String other = identityToken(provider.credentialFor("ferryother.azurecr.cn", "a"));
    assertThat(other).isNotEqualTo(first);
    assertThat(identityToken(provider.credentialFor(REGISTRY, "b"))).isEqualTo(first);
    clock.advance(Duration.ofHours(2).plusMinutes(49).plusSeconds(59));
    assertThat(identityToken(provider.credentialFor(REGISTRY, "b"))).isEqualTo(first);
    assertThat(acr.forms()).hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    String second = identityToken(provider.credentialFor(REGISTRY, "b"));
    assertThat(second).isNotEqualTo(first);
    assertThat(identityToken(provider.credentialFor(REGISTRY, "c"))).isEqualTo(second);
    assertThat(acr.forms()).hasSize(3);
    assertThat(acr.forms().get(1)).containsEntry("service", "ferryother.azurecr.cn");
  }

  @Test
  void aFailedReplacementKeepsTheHeldTokenWhileItIsValidThenFails() {
    AcrCredentialProvider provider = builder().build();
    String held = identityToken(provider.credentialFor(REGISTRY, "a"));

    acr.answerWith(AcrStandIn.json(503, "{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}"));
    clock.advance(Duration.ofHours(3).minusMinutes(1));
    assertThat(identityToken(provider.credentialFor(REGISTRY, "a"))).isEqualTo(held);

    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> provider.credentialFor(REGISTRY, "a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("HTTP 503").hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void aFailedReplacementIsNotTriedAgainForAMinuteWhileTheHeldTokenIsValid() {
    AcrCredentialProvider provider = builder().build();
    String held = identityToken(provider.credentialFor(REGISTRY, "a"));

    acr.answerWith(AcrStandIn.json(503, "{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}"));
    clock.advance(Duration.ofHours(3).minusMinutes(4));
    assertThat(identityToken(provider.credentialFor(REGISTRY, "a"))).isEqualTo(held);
    assertThat(acr.forms()).hasSize(2);
    acr.answerWith(null);
    clock.advance(Duration.ofSeconds(59));
    assertThat(identityToken(provider.credentialFor(REGISTRY, "b"))).as("within the pause").isEqualTo(held);
    assertThat(acr.forms()).hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(identityToken(provider.credentialFor(REGISTRY, "a"))).isNotEqualTo(held);
    assertThat(acr.forms()).hasSize(3);
  }

  @Test
  void aRefusedExchangeIsACredentialExceptionWithTheStatusAndNeverTheToken() {
    acr.answerWith(AcrStandIn.json(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token "
        + entra.token() + " is not valid for this registry\"}]}"));

    assertThatThrownBy(() -> builder().build().credentialFor(REGISTRY, "a"))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("HTTP 401").hasMessageContaining("UNAUTHORIZED").hasMessageContaining("<redacted>")
        .hasMessageContaining(REGISTRY)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(entra.token()));
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenGoesNowhereElse() {
    acr.answerWith(new MockResponse.Builder().code(307).setHeader("Location", "http://127.0.0.1:9/steal").build());

    assertThatThrownBy(() -> builder().build().credentialFor(REGISTRY, "a"))
        .isInstanceOf(CredentialException.class).hasMessageContaining("HTTP 307");
    assertThat(acr.forms()).hasSize(1);
  }

  @Test
  void refreshTokensThatAreNotJwtsWithAnExpAreTypedErrors() {
    for (String body : List.of("{\"refresh_token\":\"opaque\"}",
        "{\"refresh_token\":\"" + AcrStandIn.jwt("{\"sub\":\"no-exp\"}") + "\"}",
        "{\"refresh_token\":\"" + AcrStandIn.jwt("{\"exp\":\"soon\"}") + "\"}",
        "{\"refresh_token\":\"a.%%%.c\"}", "{\"access_token\":\"x\"}", "not json", "")) {
      acr.answerWith(AcrStandIn.json(200, body));
      assertThatThrownBy(() -> builder().build().credentialFor(REGISTRY, "a")).as(body)
          .isInstanceOf(CredentialException.class).hasMessageContaining(REGISTRY);
    }
  }

  @Test
  void anUnreachableExchangeIsACredentialException() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/oauth2/exchange");
    AcrCredentialProvider provider = AcrCredentialProvider.builder().credential(entra).exchangeEndpoint(h -> nowhere)
        .timeout(Duration.ofSeconds(5)).build();

    assertThatThrownBy(() -> provider.credentialFor(REGISTRY, "a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining(nowhere.toString());
  }

  @Test
  void aGivenCredentialThatFailsIsACredentialExceptionEvenWhenItFindsNoIdentity() {
    entra.failWith(new CredentialUnavailableException("EnvironmentCredential: no AZURE_CLIENT_ID"));
    assertThatThrownBy(() -> builder().build().credentialFor(REGISTRY, "a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining(REGISTRY).hasMessageContaining("no AZURE_CLIENT_ID");

    entra.failWith(new ClientAuthenticationException("AADSTS7000215: Invalid client secret provided.", null));
    assertThatThrownBy(() -> builder().build().credentialFor(REGISTRY, "a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("AADSTS7000215");
    assertThat(acr.forms()).isEmpty();
  }

  @Test
  void theAmbientCredentialFindingNoIdentityMeansAnonymousAndIsNotAskedAgain() {
    entra.failWith(new CredentialUnavailableException("DefaultAzureCredential: no credential in the chain"));
    AcrCredentialProvider provider = AcrCredentialProvider.builder().ambientCredential(entra).clock(clock)
        .exchangeEndpoint(h -> acr.exchangeUri()).build();

    assertThat(provider.credentialFor(REGISTRY, "a")).isEmpty();
    assertThat(provider.credentialFor("ferryother.azurecr.us", "a")).isEmpty();
    assertThat(entra.requests()).hasSize(1);
  }

  @Test
  void theAmbientCredentialFailingOtherwiseIsStillAnError() {
    entra.failWith(new ClientAuthenticationException("ManagedIdentityCredential: token request refused", null));
    AcrCredentialProvider provider = AcrCredentialProvider.builder().ambientCredential(entra)
        .exchangeEndpoint(h -> acr.exchangeUri()).build();

    assertThatThrownBy(() -> provider.credentialFor(REGISTRY, "a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("token request refused");
  }

  @Test
  void otherRegistriesAndLookAlikesGetNothingAndCauseNoWork() {
    AcrCredentialProvider provider = builder().build();
    for (String host : List.of("docker.io", "ferrymirror.azurecr.io.evil.com", "evilazurecr.io",
        "ferrymirror.azurecr.io:5000", "mcr.microsoft.com", "localhost:5000")) {
      assertThat(provider.credentialFor(host, "a")).as(host).isEmpty();
    }
    assertThat(entra.requests()).isEmpty();
    assertThat(acr.forms()).isEmpty();
  }

  @Test
  void theProviderIsDeclaredForTheModulePathAndTheClassPathAndCreatesNothingUntilAsked() throws Exception {
    assertThat(AcrCredentialProvider.class.getModule().getDescriptor().provides())
        .anySatisfy(p -> {
          assertThat(p.service()).isEqualTo(CredentialProvider.class.getName());
          assertThat(p.providers()).containsExactly(AcrCredentialProvider.class.getName());
        });
    try (var in = AcrCredentialProvider.class.getResourceAsStream(
        "/META-INF/services/" + CredentialProvider.class.getName())) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
          .isEqualTo(AcrCredentialProvider.class.getName());
    }
    // the ServiceLoader constructor: other hosts never reach DefaultAzureCredential
    assertThat(new AcrCredentialProvider().credentialFor("quay.io", "a")).isEmpty();
    assertThat(new AcrCredentialProvider().toString()).contains("DefaultAzureCredential");
  }
}
