package dev.ferry.internal.http;

import dev.ferry.internal.Texts;
import dev.ferry.registry.AuthenticationException;
import dev.ferry.registry.RegistryError;
import dev.ferry.registry.RegistryResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Turns an error response into the exception that names it:
 * {@code GET https://host/v2/org/app/manifests/1.0 -> 404 Not Found: MANIFEST_UNKNOWN:
 * manifest unknown (registry docker.io, repository org/app)}. Reads at most
 * {@link #MAX_ERROR_BODY_BYTES} of the body (a hostile registry may send gigabytes),
 * parses the {@code {"errors":[...]}} body leniently with {@link ErrorBodyParser}, and
 * falls back to the status text for empty, HTML or malformed bodies. Everything the
 * registry wrote is escaped and cut before it reaches a message. Stateless.
 */
public final class ErrorBodies {
  /** Most bytes of an error body read; the rest is left on the connection, which is then closed. */
  public static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
  /** Most error entries shown in a message; the exception still carries every one parsed. */
  static final int MAX_SHOWN_ERRORS = 5;
  private static final String HTTPS_ONLY = "Client sent an HTTP request to an HTTPS server";

  private ErrorBodies() {}

  /**
   * Reads the body (bounded), closes the response, and builds the exception for its status.
   * 401 and 403 are left to {@link #toAuthenticationException}, called by the auth layer,
   * which knows the scope and whether credentials were sent; here they are plain
   * {@link RegistryResponseException}s.
   */
  public static RegistryResponseException toException(Request request, Response response, CallContext context) {
    Body body = read(response);
    String message = Messages.request(request) + " -> " + summary(response, body) + " " + Messages.where(context);
    return new RegistryResponseException(message, context.registry(), context.repository(), request.method(),
        Urls.redact(request.uri()), response.status(), body.errors);
  }

  /**
   * Like {@link #toException}, for a refused authentication (401, 403, or a token endpoint's
   * error): says which scope was asked for and whether credentials were found, so "not
   * logged in" and "logged in but not allowed" read differently.
   *
   * @param scope the scope asked for, e.g. {@code repository:org/app:pull}, or empty
   * @param credentialsFound whether a credential for the registry was found and sent
   */
  public static AuthenticationException toAuthenticationException(Request request, Response response,
      CallContext context, String scope, boolean credentialsFound) {
    Body body = read(response);
    String who = credentialsFound
        ? "the credentials found for " + context.registry() + " were refused or lack permission"
        : "no credentials found for " + context.registry();
    String message = Messages.request(request) + " -> " + summary(response, body)
        + (scope.isEmpty() ? "" : " (scope " + Texts.escape(scope) + ")") + "; " + who + " "
        + Messages.where(context);
    return new AuthenticationException(message, context.registry(), context.repository(), request.method(),
        Urls.redact(request.uri()), response.status(), body.errors, scope, credentialsFound);
  }

  /**
   * The error entries of a response's body, read (at most {@link #MAX_ERROR_BODY_BYTES}) and
   * parsed as leniently as for {@link #toException}: for callers that build their own message,
   * such as the auth layer. Never throws for a bad or broken body (it yields no entries); reads
   * and closes the body stream, and leaves closing the response to the caller.
   */
  public static List<RegistryError> errors(Response response) {
    try (InputStream in = response.body()) {
      return ErrorBodyParser.parse(in.readNBytes(MAX_ERROR_BODY_BYTES));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** {@code 404 Not Found: MANIFEST_UNKNOWN: manifest unknown; ...}, every part escaped. */
  static String summary(int status, List<RegistryError> errors, String plainText) {
    StringBuilder sb = new StringBuilder(StatusTexts.of(status));
    if (!errors.isEmpty()) {
      sb.append(": ");
      for (int i = 0; i < Math.min(errors.size(), MAX_SHOWN_ERRORS); i++) {
        RegistryError e = errors.get(i);
        sb.append(i == 0 ? "" : "; ").append(e.code().isEmpty() ? "" : Texts.escape(e.code()))
            .append(e.code().isEmpty() || e.message().isEmpty() ? "" : ": ").append(Texts.escape(e.message()));
      }
      if (errors.size() > MAX_SHOWN_ERRORS) {
        sb.append("; and ").append(errors.size() - MAX_SHOWN_ERRORS).append(" more");
      }
    } else if (!plainText.isBlank()) {
      sb.append(": ").append(Texts.escape(plainText.strip()));
    }
    return sb.toString();
  }

  private static String summary(Response response, Body body) {
    return summary(response.status(), body.errors, body.plainText);
  }

  private static Body read(Response response) {
    byte[] bytes;
    try (response; InputStream in = response.body()) {
      bytes = in.readNBytes(MAX_ERROR_BODY_BYTES);
    } catch (IOException e) {
      // a body that breaks off says nothing more than the status already does
      bytes = new byte[0];
    }
    List<RegistryError> errors = ErrorBodyParser.parse(bytes);
    String plainText = "";
    String type = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (errors.isEmpty()) {
      // one line of a text body ("unauthorized: authentication required") is worth showing; HTML never is.
      String text = new String(bytes, StandardCharsets.UTF_8);
      int eol = text.indexOf('\n');
      String line = eol < 0 ? text : text.substring(0, eol);
      if (type.startsWith("text/plain")) {
        plainText = line;
      } else if (type.isEmpty() && line.startsWith(HTTPS_ONLY)) {
        // Go's TLS server answers plain HTTP with a bare 400 and no Content-Type: that line is the whole story
        plainText = line.strip() + " (the registry speaks HTTPS: do not name it plainHttp(); for a"
            + " self-signed certificate give its CA with RegistryOptions or name it insecure(...))";
      }
    }
    return new Body(errors, plainText);
  }

  private record Body(List<RegistryError> errors, String plainText) {}
}
