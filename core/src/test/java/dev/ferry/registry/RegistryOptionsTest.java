package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.internal.http.TestCertificates;
import dev.ferry.registry.RegistryOptions.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryOptionsTest {
  private static final TestCertificates CERTS = TestCertificates.shared();

  @TempDir
  Path dir;

  @Test
  void defaultsAreVerifiedHttpsWithNothingExtra() {
    RegistryOptions defaults = RegistryOptions.defaults();

    assertThat(defaults.scheme()).isEqualTo(Scheme.HTTPS);
    assertThat(defaults.scheme().verifiesTls()).isTrue();
    assertThat(defaults.scheme().allowsHttp()).isFalse();
    assertThat(defaults.caCertificates()).isEmpty();
    assertThat(defaults.clientKey()).isEmpty();
    assertThat(defaults.clientCertificateChain()).isEmpty();
    assertThat(defaults).isEqualTo(RegistryOptions.builder().build()).hasToString("RegistryOptions[scheme=HTTPS]");
  }

  @Test
  void schemesSayWhatTheyAllow() {
    assertThat(RegistryOptions.builder().plainHttp().build().scheme()).isEqualTo(Scheme.HTTP);
    assertThat(RegistryOptions.builder().insecure().build().scheme()).isEqualTo(Scheme.HTTPS_INSECURE_OR_HTTP);
    assertThat(RegistryOptions.builder().insecureTls().build().scheme()).isEqualTo(Scheme.HTTPS_INSECURE);
    assertThat(Scheme.HTTP.triesHttps()).isFalse();
    assertThat(Scheme.HTTPS_INSECURE_OR_HTTP.triesHttps()).isTrue();
    assertThat(Scheme.HTTPS_INSECURE_OR_HTTP.allowsHttp()).isTrue();
    assertThat(Scheme.HTTPS_INSECURE.allowsHttp()).isFalse();
    assertThat(Scheme.HTTPS_INSECURE.verifiesTls()).isFalse();
  }

  @Test
  void loadsCaCertificatesAndAClientCertificateFromFiles() {
    RegistryOptions options = RegistryOptions.builder()
        .caCertificatesPem(CERTS.caPem())
        .clientCertificatePem(CERTS.clientChainPem(), CERTS.clientKeyPem())
        .build();

    assertThat(options.caCertificates()).containsExactly(CERTS.ca());
    assertThat(options.clientKey()).contains(CERTS.clientKey());
    assertThat(options.clientCertificateChain()).isEqualTo(CERTS.clientChain());
    assertThat(RegistryOptions.builder().clientKeyStore(CERTS.clientPkcs12(), TestCertificates.PASSWORD).build())
        .isEqualTo(RegistryOptions.builder().clientCertificate(CERTS.clientKey(), CERTS.clientChain()).build());
  }

  @Test
  void toStringNamesSubjectsButNeverKeyMaterial() throws Exception {
    RegistryOptions options = RegistryOptions.builder().insecureTls().caCertificates(List.of(CERTS.ca()))
        .clientCertificate(CERTS.clientKey(), CERTS.clientChain()).build();
    String key = Base64.getEncoder().encodeToString(CERTS.clientKey().getEncoded());

    assertThat(options.toString())
        .isEqualTo("RegistryOptions[scheme=HTTPS_INSECURE, caCertificates=[CN=Ferry Test CA], "
            + "clientCertificate=CN=ferry-test-client]")
        .doesNotContain(key.substring(20, 40));
  }

  @Test
  void toBuilderCopiesEverything() {
    RegistryOptions options = RegistryOptions.builder().insecure().caCertificates(List.of(CERTS.ca()))
        .clientCertificate(CERTS.clientKey(), CERTS.clientChain()).build();

    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options.toBuilder().plainHttp().build()).isNotEqualTo(options);
  }

  @Test
  void addsCaCertificatesAcrossCallsAndKeepsTheLastClientCertificate() {
    RegistryOptions options = RegistryOptions.builder()
        .caCertificates(List.of(CERTS.ca()))
        .caCertificates(List.of(CERTS.clientChain().get(0)))
        .clientCertificate(CERTS.clientKey(), List.of(CERTS.ca()))
        .clientCertificate(CERTS.clientKey(), CERTS.clientChain())
        .build();

    assertThat(options.caCertificates()).hasSize(2);
    assertThat(options.clientCertificateChain()).isEqualTo(CERTS.clientChain());
  }

  @Test
  void badFilesFailTyped() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");

    assertThatThrownBy(() -> RegistryOptions.builder().caCertificatesPem(notPem))
        .isInstanceOf(FerryException.class).hasMessageContaining("cannot load CA certificates");
    assertThatThrownBy(() -> RegistryOptions.builder().clientCertificatePem(CERTS.clientChainPem(), notPem))
        .isInstanceOf(FerryException.class).hasMessageContaining("cannot load the client private key");
    assertThatThrownBy(() -> RegistryOptions.builder().clientKeyStore(notPem, new char[0]))
        .isInstanceOf(FerryException.class).hasMessageContaining("cannot load the client key store");
  }

  @Test
  void anEmptyClientChainIsRefused() {
    assertThatThrownBy(() -> RegistryOptions.builder().clientCertificate(CERTS.clientKey(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
