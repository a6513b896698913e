package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.ExternalCommand;
import dev.ferry.it.RealTools;
import dev.ferry.it.TokenServer;
import dev.ferry.manifest.Descriptor;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-registry behind htpasswd Basic auth, and behind token auth with a token server the test runs. */
class RegistryClientAuthIT {
  private static final String USER = "ferry";
  private static final String PASSWORD = "s3cret-pa55";

  @TempDir
  Path work;

  private static void pushAndRead(RegistryClient client, ImageReference repository) throws Exception {
    byte[] content = ("authenticated " + repository).getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of("application/octet-stream", Digest.sha256(content), content.length);
    client.pushBlob(repository, blob, BlobSource.of(content));
    try (InputStream in = client.openBlob(repository, blob)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  private RegistryClient client(String host, CredentialProvider credentials) {
    return RegistryClient.builder().plainHttp(host).credentials(credentials).retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void basicAuthWithHtpasswd() throws Exception {
    Path htpasswd = work.resolve("htpasswd");
    String line = ExternalCommand.run(Duration.ofSeconds(30),
        List.of(RealTools.require("htpasswd").toString(), "-Bbn", USER, PASSWORD)).assertSuccess().out().trim();
    Files.writeString(htpasswd, line + "\n");
    try (DockerRegistryProcess registry = DockerRegistryProcess.builder(work.resolve("registry"))
        .htpasswd(htpasswd).start()) {
      ImageReference repository = ImageReference.parse(registry.address() + "/basic/app");

      try (RegistryClient anonymous = client(registry.address(), CredentialProvider.anonymous())) {
        assertThat(anonymous.ping(registry.address()).authenticationRequired()).isTrue();
        assertThatThrownBy(() -> pushAndRead(anonymous, repository))
            .isInstanceOfSatisfying(AuthenticationException.class, e -> {
              assertThat(e.credentialsFound()).isFalse();
              assertThat(e.registry()).isEqualTo(registry.address());
            });
      }
      try (RegistryClient wrong = client(registry.address(),
          CredentialProvider.of(registry.address(), Credential.basic(USER, "not-it")))) {
        assertThatThrownBy(() -> pushAndRead(wrong, repository))
            .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.credentialsFound()).isTrue())
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-it"));
      }
      try (RegistryClient right = client(registry.address(),
          CredentialProvider.of(registry.address(), Credential.basic(USER, PASSWORD)))) {
        pushAndRead(right, repository);
      }
    }
  }

  @Test
  void tokenAuthWithPasswordAndIdentityToken() throws Exception {
    try (TokenServer tokens = TokenServer.start(work.resolve("tokens")).user(USER, PASSWORD);
        DockerRegistryProcess registry = DockerRegistryProcess.builder(work.resolve("registry"))
            .token(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, tokens.rootCertBundle()).start()) {
      ImageReference repository = ImageReference.parse(registry.address() + "/token/app");

      try (RegistryClient anonymous = client(registry.address(), CredentialProvider.anonymous())) {
        assertThatThrownBy(() -> pushAndRead(anonymous, repository))
            .isInstanceOfSatisfying(AuthenticationException.class, e -> {
              assertThat(e.credentialsFound()).isFalse();
              assertThat(e.scope()).contains("repository:token/app:");
            });
      }
      try (RegistryClient withPassword = client(registry.address(),
          CredentialProvider.of(registry.address(), Credential.basic(USER, PASSWORD)))) {
        pushAndRead(withPassword, repository);
      }
      assertThat(tokens.requests()).anyMatch(r -> r.startsWith("GET /token?")
          && r.contains("scope=repository%3Atoken%2Fapp%3Apull%2Cpush") && r.contains("service=" + TokenServer.SERVICE));

      try (RegistryClient passwordGrant = RegistryClient.builder().plainHttp(registry.address())
          .credentials(CredentialProvider.of(registry.address(), Credential.basic(USER, PASSWORD)))
          .oauth2PasswordGrant(true).build()) {
        pushAndRead(passwordGrant, ImageReference.parse(registry.address() + "/token/grant"));
      }
      assertThat(tokens.requests()).anyMatch(r -> r.startsWith("POST /token"));

      String identityToken = tokens.refreshTokenFor(USER);
      try (RegistryClient withIdentityToken = client(registry.address(),
          CredentialProvider.of(registry.address(), Credential.identityToken(identityToken)))) {
        pushAndRead(withIdentityToken, ImageReference.parse(registry.address() + "/token/other"));
      }
      assertThat(tokens.requests()).anyMatch(r -> r.startsWith("POST /token"));
    }
  }
}
