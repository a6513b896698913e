package dev.ferry.auth.azure;

import dev.ferry.it.LoopbackTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.IdentityToken;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * azure-identity's own code path, MSAL included: a real {@link ClientSecretCredential} signs in
 * at a loopback HTTPS stand-in of Entra ID ({@link EntraIdEndpoint}), and its token is exchanged
 * at the ACR stand-in. Only {@code localhost} is ever reached ({@link LoopbackOnlyHttpClient}).
 */
class ClientSecretCredentialTest {
  private static final String REGISTRY = "ferrymirror.azurecr.io";
  private static final String SECRET = "Qx8Q~not-a-real-secret.2d9f";
  private static final String TOKEN_PATH = "/" + EntraIdEndpoint.TENANT + "/oauth2/v2.0/token";

  private final LoopbackTls tls = new LoopbackTls();
  private final LoopbackOnlyHttpClient http = new LoopbackOnlyHttpClient(tls);
  private EntraIdEndpoint entra;
  private AcrStandIn acr;

  @BeforeEach
  void start() throws Exception {
    entra = new EntraIdEndpoint(tls, SECRET);
    acr = new AcrStandIn(Instant::now).acceptIf(token -> entra.issued(token));
  }

  @AfterEach
  void stop() {
    acr.close();
    entra.close();
  }

  private ClientSecretCredentialBuilder credential(String secret) {
    return new ClientSecretCredentialBuilder().tenantId(EntraIdEndpoint.TENANT).clientId(EntraIdEndpoint.CLIENT_ID)
        .clientSecret(secret).authorityHost(entra.authorityHost()).disableInstanceDiscovery().httpClient(http);
  }

  private AcrCredentialProvider.Builder provider(ClientSecretCredential credential) {
    return AcrCredentialProvider.builder().credential(credential).exchangeEndpoint(host -> acr.exchangeUri());
  }

  /** The one resource scope of a token request; MSAL adds {@code openid profile offline_access}. */
  private static String resourceScope(Map<String, String> form) {
    return Arrays.stream(form.get("scope").split(" ")).filter(s -> !EntraIdEndpoint.OIDC_SCOPES.contains(s))
        .reduce((a, b) -> a + " " + b).orElse("");
  }

  @Test
  void theClientSecretIsTradedAtEntraForAnAcrAudienceTokenThatTheRegistryExchanges() {
    AcrCredentialProvider provider = provider(credential(SECRET).build()).build();

    assertThat(provider.credentialFor(REGISTRY, "mirror/nginx")).get().isInstanceOf(IdentityToken.class);

    assertThat(entra.requests()).extracting(EntraIdEndpoint.Seen::path).containsExactly(TOKEN_PATH);
    Map<String, String> asked = entra.tokenForms().get(0);
    assertThat(asked).containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", EntraIdEndpoint.CLIENT_ID)
        .containsEntry("client_secret", EntraIdEndpoint.SECRET_MATCHED);
    assertThat(resourceScope(asked)).isEqualTo(AcrCredentialProvider.ACR_AUDIENCE);
    assertThat(acr.forms()).hasSize(1);
    assertThat(acr.forms().get(0)).containsEntry("service", REGISTRY)
        .as("the tenant comes from the Entra token's tid").containsEntry("tenant", EntraIdEndpoint.TENANT);
    assertThat(entra.issued(acr.forms().get(0).get("access_token"))).isTrue();
    assertThat(http.refused()).isEmpty();
    assertThat(entra.requests().toString()).doesNotContain(SECRET);
  }

  @Test
  void theArmAudienceAndAConfiguredTenantAreWhatEntraIsAskedFor() {
    AcrCredentialProvider provider = provider(credential(SECRET).build()).tenantId(EntraIdEndpoint.TENANT)
        .audience(AcrCredentialProvider.ARM_AUDIENCE).build();

    assertThat(provider.credentialFor(REGISTRY, "a")).isPresent();

    assertThat(entra.tokenForms()).hasSize(1);
    assertThat(resourceScope(entra.tokenForms().get(0))).isEqualTo(AcrCredentialProvider.ARM_AUDIENCE);
    assertThat(entra.tokenForms().get(0)).containsEntry("grant_type", "client_credentials");
    assertThat(acr.forms().get(0)).containsEntry("tenant", EntraIdEndpoint.TENANT);
  }

  @Test
  void invalidClientFromEntraIsACredentialExceptionNamingTheRegistryAndEntrasErrorButNotTheSecret() {
    String wrong = "Zz9~a-wrong-secret-that-must-not-leak";
    AcrCredentialProvider provider = provider(credential(wrong).build()).build();

    assertThatThrownBy(() -> provider.credentialFor(REGISTRY, "a")).isInstanceOf(CredentialException.class)
        .hasMessageContaining(REGISTRY).hasMessageContaining("HTTP 401").hasMessageContaining("invalid_client")
        .hasMessageContaining("AADSTS7000215")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(SECRET)
            .doesNotContain("ExecutionException"));
    assertThat(entra.tokenForms()).singleElement()
        .satisfies(form -> assertThat(form).containsEntry("client_secret", EntraIdEndpoint.SECRET_WRONG));
    assertThat(acr.forms()).as("nothing reaches the registry").isEmpty();
  }

  @Test
  void entraIsOnlyReachedOverTlsThatTheTestCaVouchesFor() {
    // the module's HTTP client as it is by default: the platform's trusted roots, which do not include the test CA
    ClientSecretCredential platformTrust = credential(SECRET).httpClient(new JdkHttpClientBuilder().build())
        .maxRetry(0).build();

    assertThatThrownBy(() -> provider(platformTrust).build().credentialFor(REGISTRY, "a"))
        .isInstanceOf(CredentialException.class).hasMessageContaining(REGISTRY);
    assertThat(entra.requests()).isEmpty();
  }

  @Test
  void aCredentialWithoutTheStandInAuthorityIsStoppedBeforeItLeavesTheMachine() {
    ClientSecretCredential publicCloud = new ClientSecretCredentialBuilder().tenantId(EntraIdEndpoint.TENANT)
        .clientId(EntraIdEndpoint.CLIENT_ID).clientSecret(SECRET).disableInstanceDiscovery().httpClient(http)
        .maxRetry(0).build();

    assertThatThrownBy(() -> provider(publicCloud).build().credentialFor(REGISTRY, "a"))
        .isInstanceOf(CredentialException.class).hasMessageContaining(REGISTRY);
    assertThat(http.refused()).isNotEmpty().allSatisfy(url -> assertThat(URI.create(url).getHost())
        .isNotEqualTo(LoopbackTls.HOST));
    assertThat(entra.requests()).isEmpty();
  }
}
