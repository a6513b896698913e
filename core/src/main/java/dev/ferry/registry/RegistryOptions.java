package dev.ferry.registry;

import dev.ferry.FerryException;
import dev.ferry.internal.http.TlsFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How Ferry connects to one registry: the scheme, extra certificate authorities
 * to trust, a client certificate for mutual TLS, or no verification at all.
 * Registries without options get {@link #defaults()}: HTTPS, verified against the
 * JDK's trust store. Hosts a registry redirects to (object storage such as S3 or
 * GCS) always get the defaults.
 *
 * <pre>{@code
 * RegistryOptions corporate = RegistryOptions.builder()
 *     .caCertificatesPem(Path.of("/etc/ssl/corp-ca.pem"))
 *     .clientCertificatePem(Path.of("client.pem"), Path.of("client-key.pem"))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe. {@link #toString()} never shows key material.
 *
 * @since 0.1
 */
public final class RegistryOptions {
  private static final RegistryOptions DEFAULTS = builder().build();

  private final Scheme scheme;
  private final List<X509Certificate> caCertificates;
  private final @Nullable PrivateKey clientKey;
  private final List<X509Certificate> clientCertificateChain;

  /**
   * How a registry is spoken to.
   *
   * @since 0.1
   */
  public enum Scheme {
    /** HTTPS with the certificate and host name verified. The default. */
    HTTPS,
    /** HTTPS without certificate or host name verification; never plain HTTP. */
    HTTPS_INSECURE,
    /**
     * HTTPS without verification, falling back to plain HTTP when the registry does
     * not speak TLS: what Docker's {@code insecure-registries} setting does.
     */
    HTTPS_INSECURE_OR_HTTP,
    /** Plain HTTP only (a local test registry). */
    HTTP;

    /**
     * {@return whether the registry's certificate and host name are checked}
     *
     * @since 0.1
     */
    public boolean verifiesTls() {
      return this == HTTPS;
    }

    /**
     * {@return whether HTTPS is tried (first)}
     *
     * @since 0.1
     */
    public boolean triesHttps() {
      return this != HTTP;
    }

    /**
     * {@return whether plain HTTP may be used, alone or as the fallback}
     *
     * @since 0.1
     */
    public boolean allowsHttp() {
      return this == HTTP || this == HTTPS_INSECURE_OR_HTTP;
    }
  }

  private RegistryOptions(Builder b) {
    this.scheme = b.scheme;
    this.caCertificates = List.copyOf(b.caCertificates);
    this.clientKey = b.clientKey;
    this.clientCertificateChain = List.copyOf(b.clientCertificateChain);
  }

  /**
   * The options of a registry nothing was said about: verified HTTPS.
   *
   * @return the default options
   * @since 0.1
   */
  public static RegistryOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   * @since 0.1
   */
  public Builder toBuilder() {
    Builder b = new Builder().scheme(scheme).caCertificates(caCertificates);
    return clientKey == null ? b : b.clientCertificate(clientKey, clientCertificateChain);
  }

  /**
   * {@return the scheme and verification mode}
   *
   * @since 0.1
   */
  public Scheme scheme() {
    return scheme;
  }

  /**
   * {@return the certificate authorities trusted in addition to the JDK's, possibly none}
   *
   * @since 0.1
   */
  public List<X509Certificate> caCertificates() {
    return caCertificates;
  }

  /**
   * {@return the private key presented for mutual TLS, if one was set}
   *
   * @since 0.1
   */
  public Optional<PrivateKey> clientKey() {
    return Optional.ofNullable(clientKey);
  }

  /**
   * {@return the certificate chain presented for mutual TLS, leaf first; empty without a client key}
   *
   * @since 0.1
   */
  public List<X509Certificate> clientCertificateChain() {
    return clientCertificateChain;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryOptions r && scheme == r.scheme && caCertificates.equals(r.caCertificates)
        && Objects.equals(clientKey, r.clientKey) && clientCertificateChain.equals(r.clientCertificateChain);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, caCertificates, clientKey, clientCertificateChain);
  }

  /**
   * {@return the scheme and certificate subjects; never key material}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RegistryOptions[scheme=").append(scheme);
    if (!caCertificates.isEmpty()) {
      sb.append(", caCertificates=").append(caCertificates.stream()
          .map(c -> c.getSubjectX500Principal().getName()).toList());
    }
    if (!clientCertificateChain.isEmpty()) {
      sb.append(", clientCertificate=").append(clientCertificateChain.get(0).getSubjectX500Principal().getName());
    }
    return sb.append(']').toString();
  }

  /**
   * Builds {@link RegistryOptions}. Methods that take files read them at once, so a
   * missing or malformed file fails here rather than at the first request.
   *
   * <p>Thread-safety: not thread-safe; use one builder from one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private Scheme scheme = Scheme.HTTPS;
    private final List<X509Certificate> caCertificates = new ArrayList<>();
    private @Nullable PrivateKey clientKey;
    private final List<X509Certificate> clientCertificateChain = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the scheme and verification mode.
     *
     * @param scheme the scheme
     * @return this builder
     * @since 0.1
     */
    public Builder scheme(Scheme scheme) {
      this.scheme = Objects.requireNonNull(scheme, "scheme");
      return this;
    }

    /**
     * Speaks plain HTTP only ({@link Scheme#HTTP}).
     *
     * @return this builder
     * @since 0.1
     */
    public Builder plainHttp() {
      return scheme(Scheme.HTTP);
    }

    /**
     * HTTPS without verification, falling back to plain HTTP
     * ({@link Scheme#HTTPS_INSECURE_OR_HTTP}), as Docker treats insecure registries.
     *
     * @return this builder
     * @since 0.1
     */
    public Builder insecure() {
      return scheme(Scheme.HTTPS_INSECURE_OR_HTTP);
    }

    /**
     * HTTPS without certificate or host name verification, and never plain HTTP
     * ({@link Scheme#HTTPS_INSECURE}).
     *
     * @return this builder
     * @since 0.1
     */
    public Builder insecureTls() {
      return scheme(Scheme.HTTPS_INSECURE);
    }

    /**
     * Trusts these certificate authorities in addition to the JDK's trust store.
     *
     * @param certificates CA certificates; added to any set before
     * @return this builder
     * @since 0.1
     */
    public Builder caCertificates(Collection<X509Certificate> certificates) {
      Objects.requireNonNull(certificates, "certificates");
      for (X509Certificate c : certificates) {
        caCertificates.add(Objects.requireNonNull(c, "certificate"));
      }
      return this;
    }

    /**
     * Trusts the certificate authorities of a PEM file in addition to the JDK's trust store.
     *
     * @param pem a file of one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @return this builder
     * @throws FerryException if the file cannot be read or holds no valid certificate
     * @since 0.1
     */
    public Builder caCertificatesPem(Path pem) {
      Objects.requireNonNull(pem, "pem");
      return caCertificates(TlsFiles.certificates(pem, "CA certificates"));
    }

    /**
     * Presents this key and certificate chain when the registry asks for a client certificate.
     *
     * @param key the private key
     * @param chain the certificate chain, leaf first; not empty
     * @return this builder
     * @throws IllegalArgumentException if the chain is empty
     * @since 0.1
     */
    public Builder clientCertificate(PrivateKey key, List<X509Certificate> chain) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(chain, "chain");
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the client certificate chain is empty");
      }
      List<X509Certificate> copy = List.copyOf(chain);
      clientKey = key;
      clientCertificateChain.clear();
      clientCertificateChain.addAll(copy);
      return this;
    }

    /**
     * Presents a client certificate read from PEM files.
     *
     * @param certificateChain a PEM file with the client certificate first, then any intermediates
     * @param privateKeyPkcs8 a PEM file with the unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY})
     * @return this builder
     * @throws FerryException if a file cannot be read or holds no usable certificate or key
     * @since 0.1
     */
    public Builder clientCertificatePem(Path certificateChain, Path privateKeyPkcs8) {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8");
      List<X509Certificate> chain = TlsFiles.certificates(certificateChain, "the client certificate chain");
      return clientCertificate(TlsFiles.privateKey(privateKeyPkcs8), chain);
    }

    /**
     * Presents the first key entry of a PKCS#12 key store as the client certificate.
     *
     * @param pkcs12 the key store file
     * @param password the store and key password; not kept
     * @return this builder
     * @throws FerryException if the store cannot be read, the password is wrong or it holds no key
     * @since 0.1
     */
    public Builder clientKeyStore(Path pkcs12, char[] password) {
      Objects.requireNonNull(pkcs12, "pkcs12");
      Objects.requireNonNull(password, "password");
      TlsFiles.KeyEntry entry = TlsFiles.keyStoreEntry(pkcs12, password);
      return clientCertificate(entry.key(), entry.chain());
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     * @since 0.1
     */
    public RegistryOptions build() {
      return new RegistryOptions(this);
    }
  }
}
