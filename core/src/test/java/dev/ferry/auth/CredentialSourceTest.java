package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A credential says where it was found, never takes that into equality, and prints it without its secret. */
class CredentialSourceTest {
  @Test
  void aCredentialMadeInCodeHasNoSourceUntilOneIsGiven() {
    Credential plain = Credential.basic("u", "p");

    assertThat(plain.source()).isEmpty();
    assertThat(plain.withSource("  vault ci/registry ").source()).contains("vault ci/registry");
    assertThat(Credential.identityToken("t").withSource("x").source()).contains("x");
    assertThat(Credential.registryToken("t").withSource("y").source()).contains("y");
  }

  @Test
  void theSourceTakesNoPartInEqualityButShowsInToString() {
    Credential found = Credential.basic("u", "p4ss").withSource("/home/u/.docker/config.json (auths.\"a\")");

    assertThat(found).isEqualTo(Credential.basic("u", "p4ss")).hasSameHashCodeAs(Credential.basic("u", "p4ss"));
    assertThat(found).isNotEqualTo(Credential.basic("u", "other"));
    assertThat(Credential.identityToken("t").withSource("a")).isEqualTo(Credential.identityToken("t"))
        .isNotEqualTo(Credential.registryToken("t"));
    assertThat(found.toString()).contains("source=/home/u/.docker/config.json").doesNotContain("p4ss");
    assertThat(Credential.registryToken("tok3n").withSource("b").toString())
        .isEqualTo("RegistryToken[<redacted>, source=b]");
  }

  @Test
  void aSourceCannotForgeLogLinesNorBloatMessages() {
    assertThat(Credential.basic("u", "p").withSource("a\nERROR forged").source()).contains("a\\u000aERROR forged");
    assertThat(Credential.basic("u", "p").withSource("x".repeat(5000)).source().orElseThrow()).hasSizeLessThan(420);
  }

  @Test
  void aBlankSourceIsRefused() {
    assertThatThrownBy(() -> Credential.basic("u", "p").withSource(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credential.basic("u", "p").withSource(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void providersFoundByServiceLoaderAreNamedByTheirClassUnlessTheySaidMore() {
    CredentialProvider silent = (registry, repository) -> Optional.of(Credential.basic("u", "p"));
    CredentialProvider loaded = CredentialChain.loaded(List.of(silent));

    assertThat(loaded.credentialFor("r.example", "app").orElseThrow().source())
        .contains("credential provider " + silent.getClass().getName() + " (registered with ServiceLoader)");

    CredentialProvider telling = (registry, repository) -> Optional.of(Credential.basic("u", "p").withSource("ecr"));
    assertThat(CredentialChain.loaded(List.of(telling)).credentialFor("r.example", "app").orElseThrow().source())
        .contains("ecr");
  }

  @Test
  void aChainNamesTheMemberThatAnswered() {
    CredentialProvider none = (registry, repository) -> Optional.empty();
    CredentialProvider silent = (registry, repository) -> Optional.of(Credential.basic("u", "p"));

    assertThat(CredentialProvider.chain(none, silent).credentialFor("r.example", "").orElseThrow().source())
        .contains("credential provider " + silent.getClass().getName());
  }

  @Test
  void aStaticProviderNamesItself() {
    assertThat(CredentialProvider.of("ghcr.io", Credential.basic("u", "p")).credentialFor("ghcr.io", "x")
        .orElseThrow().source()).contains("CredentialProvider.of(\"ghcr.io\", ...)");
  }
}
