package dev.ferry.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.UsernamePassword;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenKeyTest {
  @Test
  void keysForTheSameRegistryScopesAndCredentialAreEqualWhateverTheScopeOrder() {
    TokenKey one = new TokenKey("r.example", List.of("repository:a:pull", "repository:b:pull"),
        new UsernamePassword("ci", "pw"));
    TokenKey two = new TokenKey("r.example", List.of("repository:b:pull", "repository:a:pull", "repository:a:pull"),
        new UsernamePassword("ci", "pw"));
    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(new TokenKey("r.example", List.of("repository:a:pull"), null))
        .isEqualTo(new TokenKey("r.example", List.of("repository:a:pull"), null));
  }

  @Test
  void aDifferentRegistryScopeOrCredentialIsAnotherKey() {
    TokenKey key = new TokenKey("r.example", List.of("repository:a:pull"), new UsernamePassword("ci", "pw"));
    assertThat(key).isNotEqualTo(new TokenKey("s.example", List.of("repository:a:pull"), new UsernamePassword("ci", "pw")))
        .isNotEqualTo(new TokenKey("r.example", List.of("repository:a:push"), new UsernamePassword("ci", "pw")))
        .isNotEqualTo(new TokenKey("r.example", List.of("repository:a:pull"), new UsernamePassword("ci", "other")))
        .isNotEqualTo(new TokenKey("r.example", List.of("repository:a:pull"), null));
  }
}
