package dev.ferry.auth.azure;

import com.microsoft.aad.msal4j.MsalServiceException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The words of a credential failure, for a {@code CredentialException}. When Entra ID itself
 * refused the token request, azure-identity hands its answer on wrapped two or three times
 * ({@code RuntimeException: ExecutionException: MsalServiceException: AADSTS...}); the message
 * then leads with what Entra said: the HTTP status, the OAuth2 error ({@code invalid_client},
 * {@code unauthorized_client}, ...) and the {@code AADSTS} description, which names the problem
 * but never the secret that was sent.
 *
 * <p>Thread-safety: stateless.
 */
final class EntraErrors {
  static final int MAX_MESSAGE_CHARS = 300;
  // cause chains are short; a longer (or cyclic) one is not walked further
  private static final int MAX_CAUSES = 16;

  private EntraErrors() {}

  /** One line of at most {@link #MAX_MESSAGE_CHARS} characters (then "..."). */
  static String describe(Throwable failure) {
    MsalServiceException entra = entraAnswer(failure);
    String message = entra == null ? Objects.toString(failure.getMessage(), failure.getClass().getSimpleName())
        : "Entra ID answered" + (entra.statusCode() == null || entra.statusCode() == 0 ? "" : " HTTP " + entra.statusCode())
            + " " + entra.errorCode() + ": " + entra.getMessage();
    message = message.replace('\n', ' ').replace('\r', ' ');
    return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message;
  }

  private static @Nullable MsalServiceException entraAnswer(Throwable failure) {
    Throwable t = failure;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
      if (t instanceof MsalServiceException answer) {
        return answer;
      }
    }
    return null;
  }
}
