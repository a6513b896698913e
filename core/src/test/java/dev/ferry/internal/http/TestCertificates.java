package dev.ferry.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.tls.HeldCertificate;

/**
 * Real certificates for TLS tests, made in process with okhttp-tls: a CA, a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, a server certificate for
 * another name (to see host name checks fail), and a client certificate for mutual TLS,
 * all issued by the CA. {@link #shared()} makes one set per test JVM; {@link #generate(Path)} makes a set in a
 * given directory.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.shared();
 * server.useHttps(certs.serverSocketFactory());          // MockWebServer over TLS
 * RegistryOptions.builder().caCertificates(List.of(certs.ca())).build();
 * }</pre>
 *
 * <p>Files written: {@code ca.pem}, {@code server.p12}, {@code other-server.p12},
 * {@code client.p12}, {@code client-chain.pem}, {@code client-key.pem} (PKCS#8), all
 * with password {@link #PASSWORD}. Immutable after generation; thread-safe.
 */
public final class TestCertificates {
  /** The password of every key store written. */
  public static final char[] PASSWORD = "changeit".toCharArray();

  private static TestCertificates shared;

  private final Path dir;
  private final X509Certificate ca;
  private final KeyStore serverKeyStore;
  private final KeyStore otherServerKeyStore;
  private final PrivateKey clientKey;
  private final List<X509Certificate> clientChain;

  private TestCertificates(Path dir) throws IOException, GeneralSecurityException {
    this.dir = dir;
    this.ca = TlsFiles.certificates(dir.resolve("ca.pem"), "test CA").get(0);
    this.serverKeyStore = load(dir.resolve("server.p12"));
    this.otherServerKeyStore = load(dir.resolve("other-server.p12"));
    KeyStore client = load(dir.resolve("client.p12"));
    this.clientKey = (PrivateKey) client.getKey("client", PASSWORD);
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate c : client.getCertificateChain("client")) {
      chain.add((X509Certificate) c);
    }
    this.clientChain = List.copyOf(chain);
    writePemFiles(dir);
  }

  /** One set of certificates per JVM, in a temporary directory. */
  public static synchronized TestCertificates shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("ferry-test-certs");
        dir.toFile().deleteOnExit();
        shared = generate(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Generates a fresh set into {@code dir} (which must exist), in process. */
  public static TestCertificates generate(Path dir) {
    try {
      HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Ferry Test CA")
          .duration(30, TimeUnit.DAYS).ecdsa256().build();
      Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
      write(dir, "server", ca, new HeldCertificate.Builder().commonName("localhost")
          .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1"));
      write(dir, "other-server", ca, new HeldCertificate.Builder().commonName("other.example")
          .addSubjectAlternativeName("other.example"));
      write(dir, "client", ca, new HeldCertificate.Builder().commonName("ferry-test-client"));
      return new TestCertificates(dir);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate test certificates in " + dir, e);
    }
  }

  /** {@code name.p12}: the leaf's key under alias {@code server} or {@code client} with its chain, and the CA. */
  private static void write(Path dir, String name, HeldCertificate ca, HeldCertificate.Builder leaf)
      throws IOException, GeneralSecurityException {
    HeldCertificate held = leaf.signedBy(ca).duration(30, TimeUnit.DAYS).ecdsa256().build();
    String alias = name.equals("client") ? "client" : "server";
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, held.keyPair().getPrivate(), PASSWORD,
        new Certificate[] {held.certificate(), ca.certificate()});
    store.setCertificateEntry("ca", ca.certificate());
    try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".p12"))) {
      store.store(out, PASSWORD);
    }
    Files.writeString(dir.resolve(name + ".pem"), held.certificatePem());
  }

  /** The CA that issued every certificate here. */
  public X509Certificate ca() {
    return ca;
  }

  /** {@code ca.pem}: the CA certificate in PEM. */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** The server key store (alias {@code server}): a certificate for localhost and 127.0.0.1. */
  public KeyStore serverKeyStore() {
    return serverKeyStore;
  }

  /** A socket factory for a test server presenting the localhost certificate and trusting the CA's clients. */
  public SSLSocketFactory serverSocketFactory() {
    return serverContext(serverKeyStore).getSocketFactory();
  }

  /** Like {@link #serverSocketFactory()}, with a certificate for {@code other.example} only. */
  public SSLSocketFactory otherHostSocketFactory() {
    return serverContext(otherServerKeyStore).getSocketFactory();
  }

  /** The client's private key for mutual TLS. */
  public PrivateKey clientKey() {
    return clientKey;
  }

  /** The client's certificate chain, leaf first. */
  public List<X509Certificate> clientChain() {
    return clientChain;
  }

  /** {@code client.p12}: the client key and chain, alias {@code client}, password {@link #PASSWORD}. */
  public Path clientPkcs12() {
    return dir.resolve("client.p12");
  }

  /** {@code client-chain.pem}: the client certificate then the CA. */
  public Path clientChainPem() {
    return dir.resolve("client-chain.pem");
  }

  /** {@code client-key.pem}: the client key as unencrypted PKCS#8. */
  public Path clientKeyPem() {
    return dir.resolve("client-key.pem");
  }

  /** Writes {@code ca.pem}, {@code client-chain.pem} and {@code client-key.pem} into {@code target}. */
  public void writePemFiles(Path target) throws IOException {
    Files.writeString(target.resolve("ca.pem"), pem("CERTIFICATE", encoded(ca)));
    StringBuilder chain = new StringBuilder();
    for (X509Certificate c : clientChain) {
      chain.append(pem("CERTIFICATE", encoded(c)));
    }
    Files.writeString(target.resolve("client-chain.pem"), chain);
    Files.writeString(target.resolve("client-key.pem"), pem("PRIVATE KEY", clientKey.getEncoded()));
  }

  /** PEM text of one block. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private SSLContext serverContext(KeyStore keys) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path p12) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
