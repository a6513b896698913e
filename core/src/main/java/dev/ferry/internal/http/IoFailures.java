package dev.ferry.internal.http;

import dev.ferry.internal.Texts;
import dev.ferry.registry.TransportException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Sorts I/O failures into worth retrying or not, and words them for messages.
 * Retried: refused or reset connections, timeouts, a server that closed the
 * connection without answering. Not retried: unknown hosts, TLS trust failures
 * (configuration, not chance), a full connection pool, interrupts, a failing body source.
 * Stateless.
 */
final class IoFailures {
  private IoFailures() {}

  static boolean isRetryable(IOException e) {
    IOException failure = unwrap(e);
    if (failure instanceof RequestBodyException || failure instanceof UnknownHostException
        || failure instanceof ConnectionRequestTimeoutException) {
      return false;
    }
    if (failure instanceof SSLException) {
      // a handshake cut by the network is chance; a certificate refused is configuration
      return !(failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException)
          && (failure.getCause() instanceof SocketException || failure.getCause() instanceof EOFException);
    }
    if (failure instanceof SocketTimeoutException) {
      return true;
    }
    if (failure instanceof InterruptedIOException) {
      return false;
    }
    return failure instanceof NoHttpResponseException || failure instanceof ConnectException
        || failure instanceof NoRouteToHostException || failure instanceof SocketException
        || failure instanceof ConnectionClosedException || failure instanceof EOFException;
  }

  /** A short reason, for example {@code connection refused}; exception messages are escaped and cut. */
  static String describe(IOException e) {
    IOException failure = unwrap(e);
    String detail = failure.getMessage() == null ? "" : ": " + Texts.escape(failure.getMessage());
    if (failure instanceof RequestBodyException) {
      return Texts.escape(String.valueOf(failure.getMessage()));
    }
    if (failure instanceof UnknownHostException) {
      return "unknown host" + detail;
    }
    if (failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException) {
      return "TLS handshake failed" + tlsHint(String.valueOf(failure.getMessage())) + detail;
    }
    if (failure instanceof SSLException) {
      return "TLS failure" + detail + plainHttpHint(String.valueOf(failure.getMessage()));
    }
    if (failure instanceof ConnectionRequestTimeoutException) {
      return "no pooled connection became free in time (are responses being closed?)";
    }
    if (failure instanceof SocketTimeoutException) {
      return "timed out" + detail;
    }
    if (failure instanceof InterruptedIOException) {
      return "interrupted";
    }
    if (failure instanceof NoHttpResponseException) {
      return "the server closed the connection without responding";
    }
    if (failure instanceof ConnectException) {
      return "connection refused" + detail;
    }
    if (failure instanceof SocketException) {
      return "connection failed" + detail;
    }
    return failure.getClass().getSimpleName() + detail;
  }

  // the JDK's wording for bytes that are not a TLS record, which is what an HTTP answer looks like
  private static String plainHttpHint(String message) {
    if (message.contains("Unsupported or unrecognized SSL message")) {
      return " (the server gave an HTTP response to an HTTPS client: if the registry speaks plain HTTP, name it"
          + " with RegistryClientBuilder.plainHttp(\"host:port\"), or insecure(...) to try HTTPS first)";
    }
    return "";
  }

  // the JDK's wording is all there is to tell these apart; the hint is a guess, the detail stays
  private static String tlsHint(String message) {
    if (message.contains("PKIX") || message.contains("unable to find valid certification path")) {
      return ": the server's certificate is not trusted (add its CA with RegistryOptions caCertificates, "
          + "or name the registry insecure)";
    }
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return ": the server's certificate does not match the host name";
    }
    if (message.contains("bad_certificate") || message.contains("certificate_required")
        || message.contains("unknown_ca") || message.contains("certificate_unknown")) {
      return ": the server refused the client certificate, or wanted one and got none";
    }
    return "";
  }

  static TransportException toException(Request request, CallContext context, IOException e) {
    Request failed = e instanceof Redirects.HopIOException hop ? hop.hop() : request;
    String message = Messages.request(failed) + " failed: " + describe(e) + " " + Messages.where(context);
    return new TransportException(message, context.registry(), context.repository(), failed.method(),
        Urls.redact(failed.uri()), unwrap(e));
  }

  static IOException unwrap(IOException e) {
    return e instanceof Redirects.HopIOException hop ? hop.failure() : e;
  }
}
