package dev.ferry.internal.http;

import dev.ferry.FerryException;
import dev.ferry.registry.RegistryOptions;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link SSLContext} for one registry's options: the JDK's trust store,
 * plus extra CAs, plus a client certificate, or no verification at all. Stateless.
 */
final class TlsContexts {
  // the in-memory key stores below never leave this class; their password protects nothing
  private static final char[] IN_MEMORY = "ferry".toCharArray();

  private TlsContexts() {}

  /** Whether connections with these options skip certificate and host name checks. */
  static boolean insecure(RegistryOptions options) {
    return options.scheme().triesHttps() && !options.scheme().verifiesTls();
  }

  static SSLContext create(RegistryOptions options) {
    try {
      TrustManager[] trust = insecure(options) ? new TrustManager[] {new TrustAll()}
          : options.caCertificates().isEmpty() ? null : jdkPlus(options.caCertificates());
      KeyManager[] keys = options.clientKey().isPresent() ? clientKeys(options) : null;
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new FerryException("cannot set up TLS for " + options + ": " + e.getClass().getSimpleName(), e);
    }
  }

  // one trust store with the JDK's CAs and the extra ones keeps the JDK's own
  // PKIX validation and endpoint checks, which a hand-written composite would have to repeat
  private static TrustManager[] jdkPlus(List<X509Certificate> extra) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) {
      store.setCertificateEntry("jdk-" + i++, ca);
    }
    for (X509Certificate ca : extra) {
      store.setCertificateEntry("extra-" + i++, ca);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  private static KeyManager[] clientKeys(RegistryOptions options) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", options.clientKey().orElseThrow(), IN_MEMORY,
        options.clientCertificateChain().toArray(new X509Certificate[0]));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, IN_MEMORY);
    return factory.getKeyManagers();
  }

  /**
   * Accepts any certificate: only for registries the user named insecure. Extended, so
   * the JDK does not wrap it with its own endpoint identification check.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
