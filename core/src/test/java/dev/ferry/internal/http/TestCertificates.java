package dev.ferry.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

/**
 * Real certificates for TLS tests, made with the JDK's {@code keytool}: a CA, a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, a server certificate for
 * another name (to see host name checks fail), and a client certificate for mutual TLS,
 * all issued by the CA. {@link #shared()} makes one set per test JVM (keytool is slow to
 * start); {@link #generate(Path)} makes a set in a given directory.
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

  /** Generates a fresh set into {@code dir} (which must exist). */
  public static TestCertificates generate(Path dir) {
    try {
      String pw = new String(PASSWORD);
      keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=Ferry Test CA", "-ext", "bc:c", "-validity", "30",
          "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", pw, "-keypass", pw);
      keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", pw,
          "-file", "ca.pem");
      issue(dir, "server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", "eku=serverAuth");
      issue(dir, "other-server", "CN=other.example", "san=dns:other.example", "eku=serverAuth");
      issue(dir, "client", "CN=ferry-test-client", null, "eku=clientAuth");
      return new TestCertificates(dir);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate test certificates in " + dir, e);
    }
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

  private static void issue(Path dir, String name, String dname, String san, String eku) throws IOException {
    String pw = new String(PASSWORD);
    String store = name + ".p12";
    keytool(dir, "-genkeypair", "-alias", name.equals("client") ? "client" : "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", dname, "-validity", "30", "-keystore", store,
        "-storetype", "PKCS12", "-storepass", pw, "-keypass", pw);
    String alias = name.equals("client") ? "client" : "server";
    keytool(dir, "-certreq", "-alias", alias, "-keystore", store, "-storepass", pw, "-file", name + ".csr");
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
        "-storepass", pw, "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "30", "-ext", eku));
    if (san != null) {
      gencert.add("-ext");
      gencert.add(san);
    }
    keytool(dir, gencert.toArray(new String[0]));
    keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-keystore", store, "-storepass", pw,
        "-file", "ca.pem");
    keytool(dir, "-importcert", "-alias", alias, "-keystore", store, "-storepass", pw, "-file", name + ".pem");
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    } finally {
      process.destroy();
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
