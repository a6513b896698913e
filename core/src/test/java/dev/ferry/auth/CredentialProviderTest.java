package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialProviderTest {
  private static final Credential ALICE = Credential.basic("alice", "s3cret-pass");

  @Test
  void anonymousNeverHasACredential() {
    assertThat(CredentialProvider.anonymous().credentialFor("docker.io", "library/nginx")).isEmpty();
    assertThat(CredentialProvider.anonymous().credentialFor("localhost:5000", "")).isEmpty();
  }

  @Test
  void ofMatchesItsRegistryForEveryRepositoryAndNothingElse() {
    CredentialProvider p = CredentialProvider.of("ghcr.io", ALICE);
    assertThat(p.credentialFor("ghcr.io", "org/app")).contains(ALICE);
    assertThat(p.credentialFor("ghcr.io", "")).contains(ALICE);
    assertThat(p.credentialFor("GHCR.IO", "org/app")).contains(ALICE);
    assertThat(p.credentialFor("quay.io", "org/app")).isEmpty();
    assertThat(p.credentialFor("ghcr.io:443", "org/app")).isEmpty();
  }

  @Test
  void dockerHubAliasesAreOneRegistry() {
    for (String configured : List.of("docker.io", "index.docker.io", "registry-1.docker.io", "Docker.IO")) {
      CredentialProvider p = CredentialProvider.of(configured, ALICE);
      for (String asked : List.of("docker.io", "index.docker.io", "registry-1.docker.io")) {
        assertThat(p.credentialFor(asked, "library/nginx")).as(configured + " / " + asked).contains(ALICE);
      }
      assertThat(p.credentialFor("mirror.docker.io", "library/nginx")).isEmpty();
    }
  }

  @Test
  void ofKeepsThePort() {
    CredentialProvider p = CredentialProvider.of("localhost:5000", ALICE);
    assertThat(p.credentialFor("localhost:5000", "x")).contains(ALICE);
    assertThat(p.credentialFor("localhost", "x")).isEmpty();
  }

  @Test
  void ofRefusesNamesThatAreNotHosts() {
    assertThatThrownBy(() -> CredentialProvider.of(" ", ALICE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CredentialProvider.of("https://ghcr.io/v2/", ALICE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without scheme");
    assertThatThrownBy(() -> CredentialProvider.of(null, ALICE)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CredentialProvider.of("ghcr.io", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void chainAsksInOrderAndTheFirstCredentialWins() {
    List<String> asked = new ArrayList<>();
    CredentialProvider first = (registry, repository) -> {
      asked.add("first");
      return Optional.empty();
    };
    CredentialProvider second = (registry, repository) -> {
      asked.add("second");
      return Optional.of(ALICE);
    };
    CredentialProvider third = (registry, repository) -> {
      asked.add("third");
      return Optional.of(Credential.registryToken("t"));
    };
    assertThat(CredentialProvider.chain(first, second, third).credentialFor("r", "x")).contains(ALICE);
    assertThat(asked).containsExactly("first", "second");
    assertThat(CredentialProvider.chain(List.of(first)).credentialFor("r", "x")).isEmpty();
    assertThat(CredentialProvider.chain().credentialFor("r", "x")).isEmpty();
  }

  @Test
  void chainPropagatesABrokenSource() {
    CredentialProvider broken = (registry, repository) -> {
      throw new CredentialException("~/.docker/config.json: not valid JSON");
    };
    CredentialProvider chain = CredentialProvider.chain(CredentialProvider.anonymous(), broken,
        CredentialProvider.of("r", ALICE));
    assertThatThrownBy(() -> chain.credentialFor("r", "x")).isInstanceOf(CredentialException.class)
        .hasMessageContaining("config.json");
  }

  @Test
  void chainReportsAProviderThatReturnsNull() {
    CredentialProvider sloppy = (registry, repository) -> null;
    assertThatThrownBy(() -> CredentialProvider.chain(sloppy).credentialFor("r", "x"))
        .isInstanceOf(CredentialException.class).hasMessageContaining("returned null");
  }

  @Test
  void chainRefusesNullProviders() {
    assertThatThrownBy(() -> CredentialProvider.chain((CredentialProvider) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CredentialProvider.chain(new ArrayList<>(java.util.Arrays.asList(
        CredentialProvider.anonymous(), null)))).isInstanceOf(NullPointerException.class);
  }

  @Test
  void chainIsACopy() {
    List<CredentialProvider> providers = new ArrayList<>();
    CredentialProvider chain = CredentialProvider.chain(providers);
    providers.add(CredentialProvider.of("r", ALICE));
    assertThat(chain.credentialFor("r", "x")).isEmpty();
  }

  @Test
  void defaultsIsAnonymousWhenNoFileExistsAndNoProviderIsRegistered(@TempDir Path home) {
    CredentialEnvironment empty = CredentialEnvironment.of(Map.of("HOME", home.toString()), home);
    assertThat(CredentialProvider.defaults(empty).credentialFor("docker.io", "library/nginx")).isEmpty();
  }

  @Test
  void loadedChainUsesEveryProviderTheLoaderFinds() {
    CredentialProvider chain = CredentialChain.loaded(List.of(CredentialProvider.anonymous(),
        CredentialProvider.of("ghcr.io", ALICE)));
    assertThat(chain.credentialFor("ghcr.io", "o/a")).contains(ALICE);
  }

  @Test
  void factoriesBuildEachKind() {
    assertThat(Credential.basic("u", "p")).isEqualTo(new UsernamePassword("u", "p"));
    assertThat(Credential.identityToken("r")).isEqualTo(new IdentityToken("r"));
    assertThat(Credential.registryToken("t")).isEqualTo(new RegistryToken("t"));
    assertThatThrownBy(() -> Credential.basic("u", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringsNeverShowSecrets() {
    List<Object> values = List.of(ALICE, Credential.identityToken("refresh-s3cret"),
        Credential.registryToken("bearer-s3cret"), CredentialProvider.of("ghcr.io", ALICE),
        CredentialProvider.of("quay.io", Credential.identityToken("refresh-s3cret")),
        CredentialProvider.chain(CredentialProvider.of("r", Credential.registryToken("bearer-s3cret"))),
        CredentialProvider.anonymous());
    for (Object v : values) {
      assertThat(v.toString()).doesNotContain("s3cret");
    }
    assertThat(ALICE.toString()).contains("alice");
    assertThat(CredentialProvider.of("ghcr.io", ALICE).toString()).contains("ghcr.io");
  }

  @Test
  void aChainClosesEveryMemberEvenWhenOneFailsAndReportsTheFirstFailure() {
    List<String> closed = new ArrayList<>();
    CredentialProvider first = closing("first", closed, null);
    CredentialProvider broken = closing("broken", closed, new CredentialException("cannot release"));
    CredentialProvider last = closing("last", closed, new CredentialException("also failed"));

    Throwable t = catchThrowable(() -> CredentialProvider.chain(first, broken, last).close());

    assertThat(closed).containsExactly("first", "broken", "last");
    assertThat(t).isInstanceOf(CredentialException.class).hasMessage("cannot release");
    assertThat(t.getSuppressed()).singleElement().extracting(Throwable::getMessage).isEqualTo("also failed");
  }

  @Test
  void theDefaultsChainOwnsWhatServiceLoaderFoundAndClosesIt() {
    List<String> closed = new ArrayList<>();
    CredentialProvider loaded = CredentialChain.loaded(List.of(closing("cloud", closed, null)));
    try (CredentialProvider defaults = CredentialProvider.chain(CredentialProvider.anonymous(), loaded)) {
      assertThat(defaults.credentialFor("ghcr.io", "x")).isEmpty();
    }
    assertThat(closed).containsExactly("cloud");
  }

  @Test
  void aProviderWithNothingToReleaseClosesQuietly() {
    assertThatCode(() -> CredentialProvider.of("ghcr.io", ALICE).close()).doesNotThrowAnyException();
    assertThatCode(() -> CredentialProvider.anonymous().close()).doesNotThrowAnyException();
  }

  private static CredentialProvider closing(String name, List<String> closed, RuntimeException failure) {
    return new CredentialProvider() {
      @Override
      public Optional<Credential> credentialFor(String registry, String repository) {
        return Optional.empty();
      }

      @Override
      public void close() {
        closed.add(name);
        if (failure != null) {
          throw failure;
        }
      }
    };
  }
}
