package dev.ferry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {
  private static final TestCertificates CERTS = TestCertificates.shared();

  @TempDir
  Path dir;

  @Test
  void readsEveryCertificateOfAPemFileIgnoringTextAround() throws Exception {
    Path pem = dir.resolve("bundle.pem");
    Files.writeString(pem, "subject=CN = Ferry Test CA\n" + TestCertificates.pem("CERTIFICATE",
        CERTS.clientChain().get(0).getEncoded()) + "# comment é\n" + Files.readString(CERTS.caPem()));

    assertThat(TlsFiles.certificates(pem, "CA certificates")).containsExactly(CERTS.clientChain().get(0), CERTS.ca());
  }

  @Test
  void aFileWithoutCertificatesFailsNamingTheFile() throws Exception {
    Path pem = dir.resolve("empty.pem");
    Files.writeString(pem, "nothing here");

    assertThatThrownBy(() -> TlsFiles.certificates(pem, "CA certificates"))
        .isInstanceOf(FerryException.class)
        .hasMessage("cannot load CA certificates from \"" + pem + "\": no -----BEGIN CERTIFICATE----- block found");
  }

  @Test
  void aDamagedCertificateFails() throws Exception {
    Path pem = dir.resolve("broken.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> TlsFiles.certificates(pem, "CA certificates"))
        .isInstanceOf(FerryException.class)
        .hasMessageEndingWith("a certificate block is not a valid X.509 certificate");
  }

  @Test
  void aMissingFileFails() {
    assertThatThrownBy(() -> TlsFiles.certificates(dir.resolve("missing.pem"), "CA certificates"))
        .isInstanceOf(FerryException.class)
        .hasMessageEndingWith("cannot read the file (NoSuchFileException)");
  }

  @Test
  void refusesLegacyAndEncryptedKeysWithAHowTo() throws Exception {
    Path rsa = dir.resolve("rsa.pem");
    Files.writeString(rsa, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    Path encrypted = dir.resolve("enc.pem");
    Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsFiles.privateKey(rsa)).isInstanceOf(FerryException.class)
        .hasMessageContaining("legacy RSA format; convert it to PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt'");
    assertThatThrownBy(() -> TlsFiles.privateKey(encrypted)).isInstanceOf(FerryException.class)
        .hasMessageContaining("the key is encrypted");
  }

  @Test
  void aDamagedKeyFailsWithoutEchoingIt() throws Exception {
    Path key = dir.resolve("key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nU0VDUkVUS0VZQllURVM=\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsFiles.privateKey(key)).isInstanceOf(FerryException.class)
        .hasMessageEndingWith("the PKCS#8 key is not RSA, EC, EdDSA or DSA, or is damaged")
        .hasMessageNotContaining("U0VDUkVU")
        .hasNoCause();
  }

  @Test
  void readsAPkcs12KeyStoreAndRefusesAWrongPassword() {
    TlsFiles.KeyEntry entry = TlsFiles.keyStoreEntry(CERTS.clientPkcs12(), TestCertificates.PASSWORD);

    assertThat(entry.key()).isEqualTo(CERTS.clientKey());
    assertThat(entry.chain()).isEqualTo(CERTS.clientChain());
    assertThatThrownBy(() -> TlsFiles.keyStoreEntry(CERTS.clientPkcs12(), "wrong".toCharArray()))
        .isInstanceOf(FerryException.class)
        .hasMessageEndingWith("wrong password");
  }
}
