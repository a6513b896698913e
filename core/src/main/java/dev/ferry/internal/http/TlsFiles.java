package dev.ferry.internal.http;

import dev.ferry.FerryException;
import dev.ferry.internal.Texts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads certificates and keys from PEM and PKCS#12 files for per-registry TLS.
 * Failures become a {@link FerryException} naming the file and what is wrong,
 * never the key bytes. Stateless; thread-safe.
 */
public final class TlsFiles {
  // PEM files often carry text around the blocks (openssl's "subject=" lines); only the blocks count
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA"};

  /** A private key with the certificate chain that goes with it, leaf first. */
  public record KeyEntry(PrivateKey key, List<X509Certificate> chain) {}

  private TlsFiles() {}

  /**
   * Every {@code CERTIFICATE} block of a PEM file.
   *
   * @throws FerryException if the file cannot be read, holds no certificate or a broken one
   */
  public static List<X509Certificate> certificates(Path pem, String purpose) {
    String text = read(pem, purpose);
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Matcher m = BLOCK.matcher(text);
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          byte[] der = Base64.getMimeDecoder().decode(m.group(2));
          certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw failure(pem, purpose, "a certificate block is not a valid X.509 certificate", e);
    }
    if (certificates.isEmpty()) {
      throw failure(pem, purpose, "no -----BEGIN CERTIFICATE----- block found", null);
    }
    return Collections.unmodifiableList(certificates);
  }

  /**
   * The unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) of a PEM file.
   *
   * @throws FerryException if the file cannot be read or holds no usable key
   */
  public static PrivateKey privateKey(Path pem) {
    String purpose = "the client private key";
    String text = read(pem, purpose);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      switch (m.group(1)) {
        case "PRIVATE KEY":
          return pkcs8(Base64.getMimeDecoder().decode(m.group(2)), pem, purpose);
        case "RSA PRIVATE KEY":
        case "EC PRIVATE KEY":
          throw failure(pem, purpose, "the key is in the legacy " + m.group(1).replace(" PRIVATE KEY", "")
              + " format; convert it to PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt'", null);
        case "ENCRYPTED PRIVATE KEY":
          throw failure(pem, purpose, "the key is encrypted; decrypt it to unencrypted PKCS#8 "
              + "or use a PKCS#12 key store with its password", null);
        default:
          // certificates and parameters may share the file; keep looking
      }
    }
    throw failure(pem, purpose, "no -----BEGIN PRIVATE KEY----- block found", null);
  }

  /**
   * The first private key entry of a PKCS#12 key store, with its chain.
   *
   * @throws FerryException if the store cannot be read, the password is wrong or it holds no key
   */
  public static KeyEntry keyStoreEntry(Path pkcs12, char[] password) {
    String purpose = "the client key store";
    try (InputStream in = Files.newInputStream(pkcs12)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof PrivateKey key) {
          List<X509Certificate> chain = new ArrayList<>();
          Certificate[] certificates = store.getCertificateChain(alias);
          for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
            chain.add((X509Certificate) c);
          }
          if (chain.isEmpty()) {
            throw failure(pkcs12, purpose, "the key entry '" + Texts.escape(alias) + "' has no certificate", null);
          }
          return new KeyEntry(key, List.copyOf(chain));
        }
      }
    } catch (IOException e) {
      throw failure(pkcs12, purpose, e.getCause() instanceof java.security.UnrecoverableKeyException
          ? "wrong password" : "cannot read it as PKCS#12 (" + e.getClass().getSimpleName() + ")", e);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw failure(pkcs12, purpose, "cannot read it as PKCS#12 (" + e.getClass().getSimpleName() + ")", e);
    }
    throw failure(pkcs12, purpose, "it holds no private key entry", null);
  }

  private static PrivateKey pkcs8(byte[] der, Path pem, String purpose) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm: PKCS#8 names it inside the DER, the JDK wants it up front
      }
    }
    throw failure(pem, purpose, "the PKCS#8 key is not RSA, EC, EdDSA or DSA, or is damaged", null);
  }

  private static String read(Path file, String purpose) {
    try {
      // Latin-1 never fails to decode; comments around PEM blocks may be in any encoding
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw failure(file, purpose, "cannot read the file (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  // callers pass no cause where its message could echo key bytes
  private static FerryException failure(Path file, String purpose, String reason, @Nullable Throwable cause) {
    String message = "cannot load " + purpose + " from " + Texts.quote(file.toString()) + ": " + reason;
    return cause == null ? new FerryException(message) : new FerryException(message, cause);
  }
}
