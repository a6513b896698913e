package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialEqualityTest {
  @Test
  void credentialsWithTheSamePartsAreEqualAndHashAlike() {
    assertThat(new UsernamePassword("ci", "s3cret")).isEqualTo(new UsernamePassword("ci", "s3cret"))
        .hasSameHashCodeAs(new UsernamePassword("ci", "s3cret"));
    assertThat(new IdentityToken("refresh")).isEqualTo(new IdentityToken("refresh"))
        .hasSameHashCodeAs(new IdentityToken("refresh"));
    assertThat(new RegistryToken("bearer")).isEqualTo(new RegistryToken("bearer"))
        .hasSameHashCodeAs(new RegistryToken("bearer"));
    assertThat(Set.of(new UsernamePassword("ci", "s3cret"))).contains(new UsernamePassword("ci", "s3cret"));
  }

  @Test
  void anyDifferentPartOrKindMakesThemDiffer() {
    assertThat(new UsernamePassword("ci", "s3cret")).isNotEqualTo(new UsernamePassword("ci", "other"))
        .isNotEqualTo(new UsernamePassword("bot", "s3cret")).isNotEqualTo(null);
    assertThat(new IdentityToken("same")).isNotEqualTo(new RegistryToken("same"))
        .isNotEqualTo(new IdentityToken("other"));
    assertThat(new RegistryToken("same")).isNotEqualTo(new IdentityToken("same"))
        .isNotEqualTo(new RegistryToken("other"));
  }
}
