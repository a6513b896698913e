/**
 * Ferry's credentials for Azure Container Registry ({@code *.azurecr.io},
 * {@code *.azurecr.cn}, {@code *.azurecr.us}): an Entra ID token exchanged at the
 * registry's {@code /oauth2/exchange} for an ACR refresh token.
 *
 * <p>On the class or module path it is found by {@code CredentialProvider.defaults()}
 * through {@link java.util.ServiceLoader}; {@code AcrCredentialProvider.builder()} builds
 * one with a given {@code TokenCredential}, tenant or audience.
 */
module dev.ferry.auth.azure {
  requires transitive dev.ferry.core;
  requires transitive com.azure.core;
  requires com.azure.identity;
  // Entra ID's own error code, read from the exception azure-identity wraps (see EntraErrors)
  requires com.microsoft.aad.msal4j;
  requires com.fasterxml.jackson.core;
  requires java.net.http;
  requires static transitive org.jspecify;

  exports dev.ferry.auth.azure;

  provides dev.ferry.auth.CredentialProvider with dev.ferry.auth.azure.AcrCredentialProvider;
}
