package dev.ferry.testing.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and the server certificate it issues for
 * {@code localhost} and {@code 127.0.0.1}, both ECDSA P-256, written as X.509 v3 DER
 * by hand and signed with {@link Signature}: no keytool process, no extra library.
 * The CA's private key is dropped once the server certificate is signed. Immutable;
 * thread-safe.
 */
public final class TlsMaterial {
  private static final String EC_PUBLIC_KEY_SIGNED_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_KEY_ID = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String AUTHORITY_KEY_ID = "2.5.29.35";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final Duration VALIDITY = Duration.ofDays(7);
  private static final char[] PASSWORD = "embedded".toCharArray();

  private final X509Certificate ca;
  private final X509Certificate server;
  private final SSLContext serverContext;
  private final SSLContext clientContext;

  private TlsMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey)
      throws GeneralSecurityException {
    this.ca = ca;
    this.server = server;
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", serverKey, PASSWORD, new Certificate[] {server, ca});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      this.serverContext = SSLContext.getInstance("TLS");
      serverContext.init(kmf.getKeyManagers(), null, null);

      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      this.clientContext = SSLContext.getInstance("TLS");
      clientContext.init(null, tmf.getTrustManagers(), null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot build an in-memory key store", e);
    }
  }

  /** A new CA named after {@code name}, and a server certificate for localhost it signed. */
  public static TlsMaterial generate(String name) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair serverKeys = generator.generateKeyPair();
    Instant notBefore = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(VALIDITY);

    byte[] caName = name("Ferry EmbeddedRegistry CA " + name);
    byte[] caKeyId = keyId(caKeys.getPublic());
    byte[] caExtensions = Der.sequence(
        extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
        // keyCertSign (bit 5) and cRLSign (bit 6)
        extension(KEY_USAGE, true, Der.bitString(1, new byte[] {0x06})),
        extension(SUBJECT_KEY_ID, false, Der.octetString(caKeyId)));
    X509Certificate ca = sign(tbs(caName, caName, caKeys.getPublic(), notBefore, notAfter, caExtensions),
        caKeys.getPrivate());

    byte[] sans = Der.sequence(
        Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
        Der.implicit(7, new byte[] {127, 0, 0, 1}),
        Der.implicit(7, ipv6Loopback()));
    byte[] serverExtensions = Der.sequence(
        extension(BASIC_CONSTRAINTS, true, Der.sequence()),
        // digitalSignature (bit 0)
        extension(KEY_USAGE, true, Der.bitString(7, new byte[] {(byte) 0x80})),
        extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
        extension(SUBJECT_ALT_NAME, false, sans),
        extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(serverKeys.getPublic()))),
        extension(AUTHORITY_KEY_ID, false, Der.sequence(Der.implicit(0, caKeyId))));
    X509Certificate server = sign(tbs(caName, name("localhost"), serverKeys.getPublic(), notBefore, notAfter,
        serverExtensions), caKeys.getPrivate());
    server.verify(ca.getPublicKey());
    return new TlsMaterial(ca, server, serverKeys.getPrivate());
  }

  /** The CA certificate, to be trusted by clients. */
  public X509Certificate ca() {
    return ca;
  }

  /** The server certificate the registry presents. */
  public X509Certificate server() {
    return server;
  }

  /** Presents the server certificate (with the CA in its chain). */
  public SSLContext serverContext() {
    return serverContext;
  }

  /** Trusts the CA, and only it. */
  public SSLContext clientContext() {
    return clientContext;
  }

  /** The CA in PEM. */
  public String caPem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("the CA certificate cannot be encoded", e);
    }
  }

  private static byte[] ipv6Loopback() {
    byte[] address = new byte[16];
    address[15] = 1;
    return address;
  }

  private static byte[] tbs(byte[] issuer, byte[] subject, PublicKey key, Instant notBefore, Instant notAfter,
      byte[] extensions) {
    return Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.valueOf(2))),
        Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
        Der.sequence(Der.oid(EC_PUBLIC_KEY_SIGNED_WITH_SHA256)),
        issuer,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        subject,
        key.getEncoded(),
        Der.explicit(3, extensions));
  }

  private static X509Certificate sign(byte[] tbs, PrivateKey issuerKey) throws GeneralSecurityException {
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(issuerKey);
    ecdsa.update(tbs);
    byte[] certificate = Der.sequence(tbs, Der.sequence(Der.oid(EC_PUBLIC_KEY_SIGNED_WITH_SHA256)),
        Der.bitString(0, ecdsa.sign()));
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** An identifier for a key (RFC 5280 leaves the method open): SHA-1 of its encoding. */
  private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
  }
}
