/**
 * Credentials for Amazon ECR and ECR Public, found by {@link java.util.ServiceLoader} through
 * {@code CredentialProvider.defaults()}, and opt-in creation of ECR repositories.
 *
 * <p>Only {@code dev.ferry.auth.aws} is exported.
 */
module dev.ferry.auth.aws {
  requires transitive dev.ferry.core;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.identity.spi;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.services.ecr;
  requires transitive software.amazon.awssdk.services.ecrpublic;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.utils;
  requires static transitive org.jspecify;

  exports dev.ferry.auth.aws;

  provides dev.ferry.auth.CredentialProvider with dev.ferry.auth.aws.EcrCredentialProvider;
}
