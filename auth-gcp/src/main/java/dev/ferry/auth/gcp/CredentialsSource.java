package dev.ferry.auth.gcp;

import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where the provider's Google credentials come from, asked once, at the first lookup
 * for a Google registry.
 */
@FunctionalInterface
interface CredentialsSource {
  /**
   * The credentials, or null when this source has none at all (not the same as broken).
   *
   * @throws IOException when a source is there but cannot be used
   */
  @Nullable GoogleCredentials load() throws IOException;

  /**
   * Application Default Credentials. "Found nothing" is the library's one
   * {@link IOException} with its fixed message; any other failure (a malformed key
   * file named by {@code GOOGLE_APPLICATION_CREDENTIALS}, an unreadable
   * {@code gcloud} file) is broken. Should that message ever change, absence turns
   * into a reported error rather than broken credentials turning into anonymous access.
   */
  static CredentialsSource applicationDefault(@Nullable HttpTransportFactory transportFactory) {
    return () -> {
      try {
        return transportFactory == null ? GoogleCredentials.getApplicationDefault()
            : GoogleCredentials.getApplicationDefault(transportFactory);
      } catch (IOException e) {
        if (isNotFound(e)) {
          return null;
        }
        throw e;
      }
    };
  }

  static boolean isNotFound(IOException e) {
    String message = e.getMessage();
    return message != null && message.startsWith("Your default credentials were not found");
  }
}
