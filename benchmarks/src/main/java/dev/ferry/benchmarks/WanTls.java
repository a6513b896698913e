package dev.ferry.benchmarks;

import dev.ferry.auth.CredentialProvider;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryClientBuilder;
import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The HTTPS variant's trust and credentials, as files both Ferry and skopeo read: a
 * throwaway CA made in this process ({@code certs/ca.crt}, the layout of skopeo's
 * {@code --src-cert-dir}) with a server certificate for {@code 127.0.0.1}, and a
 * Docker {@code auth.json} (skopeo's {@code --authfile}) naming the user for each registry.
 */
final class WanTls {
  static final String USER = "bench";
  /** A throwaway password for throwaway loopback registries. */
  static final String PASSWORD = "bench-secret";

  private final HandshakeCertificates server;
  private final Path certDirectory;

  private WanTls(HandshakeCertificates server, Path certDirectory) {
    this.server = server;
    this.certDirectory = certDirectory;
  }

  static WanTls create(Path dir) {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Ferry benchmark CA")
        .duration(1, TimeUnit.DAYS).ecdsa256().build();
    HeldCertificate leaf = new HeldCertificate.Builder().commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost").signedBy(ca).duration(1, TimeUnit.DAYS).ecdsa256().build();
    try {
      Path certs = Files.createDirectories(dir.resolve("certs"));
      Files.writeString(certs.resolve("ca.crt"), ca.certificatePem(), StandardCharsets.US_ASCII);
      return new WanTls(new HandshakeCertificates.Builder().heldCertificate(leaf, ca.certificate()).build(), certs);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the benchmark CA", e);
    }
  }

  /** The server side, for {@link DelayProxy}. */
  SSLContext serverContext() {
    return server.sslContext();
  }

  /** Holds {@code ca.crt}: skopeo's {@code --src-cert-dir} / {@code --dest-cert-dir}. */
  Path certDirectory() {
    return certDirectory;
  }

  Path caPem() {
    return certDirectory.resolve("ca.crt");
  }

  /** Writes a Docker {@code auth.json} with the user for each registry. */
  static Path writeAuthFile(Path file, List<String> registries) {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    StringBuilder json = new StringBuilder("{\"auths\":{");
    for (int i = 0; i < registries.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(registries.get(i)).append("\":{\"auth\":\"").append(auth)
          .append("\"}");
    }
    try {
      Files.writeString(file, json.append("}}").toString(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * A client that trusts the CA in {@code caPem} for each of {@code hosts} (the registries and
   * the token realm), with the credentials of {@code authFile}: what the whole-process copy
   * and the in-process copy both build.
   */
  static RegistryClient client(Path caPem, Path authFile, List<String> hosts) {
    RegistryOptions trust = RegistryOptions.builder().caCertificatesPem(caPem).build();
    try {
      RegistryClientBuilder builder = RegistryClient.builder()
          .credentials(CredentialProvider.fromDockerConfigJson(Files.readString(authFile, StandardCharsets.UTF_8)));
      hosts.forEach(host -> builder.registry(Loopback.requireLoopback(host), trust));
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + authFile, e);
    }
  }
}
