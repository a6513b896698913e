/**
 * Ferry's credentials for Google's registries: Container Registry ({@code gcr.io},
 * {@code *.gcr.io}) and Artifact Registry ({@code *-docker.pkg.dev},
 * {@code docker.*.rep.pkg.dev}), from Google Application Default Credentials.
 *
 * <p>On the class or module path it is found by {@code CredentialProvider.defaults()}
 * through {@link java.util.ServiceLoader}; {@code GcpCredentialProvider.builder()} builds
 * one with explicit credentials.
 */
module dev.ferry.auth.gcp {
  requires transitive dev.ferry.core;
  requires transitive com.google.auth.oauth2;
  requires transitive com.google.auth;
  requires static transitive org.jspecify;

  exports dev.ferry.auth.gcp;

  provides dev.ferry.auth.CredentialProvider with dev.ferry.auth.gcp.GcpCredentialProvider;
}
