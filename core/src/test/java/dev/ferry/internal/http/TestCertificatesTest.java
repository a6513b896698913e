package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestCertificatesTest {
  @Test
  void generatesCaServerAndClientCertificates() throws Exception {
    TestCertificates certs = TestCertificates.shared();
    assertThat(certs.ca().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(certs.clientChain()).hasSize(2);
    assertThat(certs.clientChain().get(0).getIssuerX500Principal()).isEqualTo(certs.ca().getSubjectX500Principal());
    assertThat(certs.serverKeyStore().getCertificateChain("server")).hasSize(2);
    assertThat(TlsFiles.privateKey(certs.clientKeyPem())).isEqualTo(certs.clientKey());
  }
}
