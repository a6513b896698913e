package dev.ferry.auth.azure;

import dev.ferry.it.LoopbackTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.TokenServer;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACR's whole sign-in, with stand-ins only where Azure would be: Entra ID (a
 * {@code TokenCredential} stand-in, or a real azure-identity {@code ClientSecretCredential}
 * signing in at {@link EntraIdEndpoint} over loopback HTTPS), the login server's
 * {@code /oauth2/exchange} (mints a JWT refresh token) and its {@code /oauth2/token} (core
 * test-jar's {@link TokenServer}, which
 * takes that refresh token in the OAuth2 {@code refresh_token} grant and signs the
 * registry's JWT), in front of a real {@code docker-registry} in token-auth mode. A real
 * {@link CopyOperation} pushes an image through it.
 */
class AcrRegistryIT {
  private static final String LOGIN_SERVER = "ferrymirror.azurecr.io";
  private static final String ACR_USER = AcrCredentialProvider.REFRESH_TOKEN_USERNAME;
  private static final String CLIENT_SECRET = "Qx8Q~not-a-real-secret.it";

  @TempDir
  Path work;

  @Test
  void aCopyIsAuthenticatedWithTheExchangedRefreshTokenThroughTheRegistrysTokenFlow() throws Exception {
    EntraStandIn entra = new EntraStandIn();

    AcrStandIn acrExchange = copyThroughTheTokenFlow(entra, entra.token()::equals);

    assertThat(acrExchange.forms().get(0)).containsEntry("tenant", EntraStandIn.TENANT);
  }

  @Test
  void aCopyIsAuthenticatedStartingFromAClientSecretThatAzureIdentityTradesAtEntraId() throws Exception {
    LoopbackTls tls = new LoopbackTls();
    LoopbackOnlyHttpClient http = new LoopbackOnlyHttpClient(tls);
    try (EntraIdEndpoint entra = new EntraIdEndpoint(tls, CLIENT_SECRET)) {
      ClientSecretCredential credential = new ClientSecretCredentialBuilder().tenantId(EntraIdEndpoint.TENANT)
          .clientId(EntraIdEndpoint.CLIENT_ID).clientSecret(CLIENT_SECRET).authorityHost(entra.authorityHost())
          .disableInstanceDiscovery().httpClient(http).build();

      AcrStandIn acrExchange = copyThroughTheTokenFlow(credential, entra::issued);

      assertThat(entra.tokenForms()).as("one Entra sign-in served the whole copy").singleElement()
          .satisfies(form -> assertThat(form).containsEntry("grant_type", "client_credentials")
              .containsEntry("client_id", EntraIdEndpoint.CLIENT_ID)
              .containsEntry("client_secret", EntraIdEndpoint.SECRET_MATCHED)
              .hasEntrySatisfying("scope", scope -> assertThat(scope.split(" "))
                  .contains(AcrCredentialProvider.ACR_AUDIENCE)));
      assertThat(acrExchange.forms().get(0)).containsEntry("tenant", EntraIdEndpoint.TENANT);
      assertThat(entra.issued(acrExchange.forms().get(0).get("access_token"))).isTrue();
      assertThat(http.refused()).isEmpty();
    }
  }

  /**
   * Copies an image into the registry with the provider signing in through {@code credential};
   * the ACR stand-in accepts the Entra tokens {@code entraAccepts} lets through.
   */
  private AcrStandIn copyThroughTheTokenFlow(TokenCredential credential, Predicate<String> entraAccepts)
      throws Exception {
    try (TokenServer acrToken = TokenServer.start(work.resolve("tokens"));
        AcrStandIn acrExchange = new AcrStandIn(Instant::now);
        EmbeddedRegistry source = EmbeddedRegistry.start()) {
      acrExchange.acceptIf(entraAccepts).onMint(token -> acrToken.acceptRefreshToken(token, ACR_USER));
      String realm = acrToken.realm().replace("/token", "/oauth2/token");
      try (DockerRegistryProcess registry = DockerRegistryProcess.builder(work.resolve("registry"))
          .token(realm, TokenServer.SERVICE, TokenServer.ISSUER, acrToken.rootCertBundle()).start()) {
        AcrCredentialProvider provider = AcrCredentialProvider.builder().credential(credential)
            .exchangeEndpoint(host -> acrExchange.exchangeUri()).build();
        // the loopback registry stands where ferrymirror.azurecr.io would: ask the provider as for that host
        CredentialProvider asAcr = (host, repository) -> host.equals(registry.address())
            ? provider.credentialFor(LOGIN_SERVER, repository) : Optional.empty();
        TestImage image = TestImages.image().platforms("linux/amd64", "linux/arm64").layerSizes(250_000, 4_000)
            .push(source, "app/api:2.0");
        ImageReference destination = ImageReference.parse(registry.address() + "/mirror/api:2.0");

        try (RegistryClient anonymous = RegistryClient.builder().plainHttp(source.address(), registry.address())
            .retryPolicy(RetryPolicy.none()).build()) {
          assertThatThrownBy(() -> CopyOperation.from(image.reference()).to(destination).execute(anonymous))
              .hasRootCauseInstanceOf(AuthenticationException.class);
        }
        int anonymousRequests = acrToken.requests().size();
        try (RegistryClient client = RegistryClient.builder().plainHttp(source.address(), registry.address())
            .credentials(asAcr).build()) {
          CopyResult result = CopyOperation.from(image.reference()).to(destination)
              .platforms(PlatformSelection.all()).indexMode(IndexMode.PRESERVE_ORIGINAL).execute(client);

          assertThat(result.digest()).isEqualTo(image.digest());
          assertThat(client.fetchManifest(destination).digest()).isEqualTo(image.digest());
        }
        assertThat(acrExchange.forms()).as("one exchange served the whole copy").hasSize(1);
        assertThat(acrExchange.forms().get(0)).containsEntry("service", LOGIN_SERVER);
        assertThat(acrToken.requests().subList(anonymousRequests, acrToken.requests().size()))
            .as("the refresh_token grant, never a Basic GET").isNotEmpty().allMatch(r -> r.equals("POST /oauth2/token"));
        return acrExchange;
      }
    }
  }
}
