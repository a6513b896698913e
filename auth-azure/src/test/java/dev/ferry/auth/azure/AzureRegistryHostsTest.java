package dev.ferry.auth.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AzureRegistryHostsTest {
  @ParameterizedTest
  @ValueSource(strings = {"myregistry.azurecr.io", "MyRegistry.AzureCR.io", "ferry1.azurecr.cn", "ferry01.azurecr.us",
      "myregistry.azurecr.io:443", " myregistry.azurecr.io ", "abcde.azurecr.io",
      "a2345678901234567890123456789012345678901234567890.azurecr.io"})
  void acrLoginServersAreRecognised(String host) {
    assertThat(AcrCredentialProvider.isAzureRegistry(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"myregistry.azurecr.io.evil.com", "evilazurecr.io", "azurecr.io", ".azurecr.io",
      "abcd.azurecr.io", "a23456789012345678901234567890123456789012345678901.azurecr.io", "my-registry.azurecr.io",
      "my_registry.azurecr.io", "my.registry.azurecr.io", "myregistry.eastus.data.azurecr.io", "myregistry.azurecr.de",
      "myregistry.azurecr.io:5000", "myregistry.azurecr.com", "myregistryazurecr.io", "", "docker.io"})
  void lookAlikesAndOtherHostsAreNot(String host) {
    assertThat(AcrCredentialProvider.isAzureRegistry(host)).isFalse();
  }
}
