package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;
import dev.ferry.internal.Texts;
import dev.ferry.internal.json.JsonNull;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a helper's {@code get} means, per the docker-credential-helpers protocol: exit 0
 * with {@code {"ServerURL": ..., "Username": ..., "Secret": ...}} on standard output
 * (user name {@code <token>}: the secret is an identity token); "credentials not found
 * in native keychain" (on either output) is no credential; anything else is a failure.
 *
 * @param credential the credential, when there is one
 * @param failure why the helper gave no usable answer, when it did not
 * @param exitCode its exit code, for the failure
 * @param timedOut whether it was stopped for taking too long
 */
record HelperAnswer(@Nullable Credential credential, @Nullable String failure, OptionalInt exitCode, boolean timedOut) {
  static final String NOT_FOUND_MESSAGE = "credentials not found in native keychain";
  static final String TOKEN_USERNAME = "<token>";

  private static final JsonReader READER = new JsonReader(8, ConfigLimits.MAX_HELPER_OUTPUT_BYTES);
  static final HelperAnswer NONE = new HelperAnswer(null, null, OptionalInt.empty(), false);

  static HelperAnswer failed(String why, OptionalInt exitCode, boolean timedOut) {
    return new HelperAnswer(null, why, exitCode, timedOut);
  }

  static HelperAnswer of(HelperProcess.Result result) {
    String out = new String(result.out(), StandardCharsets.UTF_8).trim();
    String err = new String(result.err(), StandardCharsets.UTF_8).trim();
    if (out.equals(NOT_FOUND_MESSAGE) || err.equals(NOT_FOUND_MESSAGE)) {
      return NONE;
    }
    OptionalInt code = OptionalInt.of(result.exitCode());
    if (result.exitCode() != 0) {
      return failed("exited with code " + result.exitCode() + details(out, err), code, false);
    }
    if (result.outOverflowed()) {
      return failed("printed more than " + ConfigLimits.MAX_HELPER_OUTPUT_BYTES + " bytes", code, false);
    }
    Map<String, Object> answer;
    try {
      answer = READER.readObject(result.out());
    } catch (JsonReadException e) {
      // never quoted: the output may be a credential in a form we do not understand
      return failed("printed " + result.out().length + " bytes that are not the JSON object"
          + " {\"ServerURL\", \"Username\", \"Secret\"} a credential helper answers with" + stderr(err), code, false);
    }
    Object username = answer.getOrDefault("Username", "");
    Object secret = answer.get("Secret");
    if (username == JsonNull.NULL) {
      username = "";
    }
    if (!(username instanceof String) || !(secret instanceof String)) {
      return failed("answered without a string \"Username\" and \"Secret\"", code, false);
    }
    String user = (String) username;
    String value = (String) secret;
    if (user.isEmpty() && value.isEmpty()) {
      return NONE;
    }
    Credential credential = TOKEN_USERNAME.equals(user) ? Credential.identityToken(value) : Credential.basic(user, value);
    return new HelperAnswer(credential, null, code, false);
  }

  /**
   * The helper's error output, and its standard output when that is not JSON (helpers
   * print their error messages there). JSON output is withheld: a helper may print the
   * credential and still fail.
   */
  private static String details(String out, String err) {
    StringBuilder sb = new StringBuilder(stderr(err));
    if (!out.isEmpty()) {
      sb.append(out.startsWith("{") || out.contains("\"Secret\"") ? "; its output is withheld (it looks like a credential)"
          : "; output: " + Texts.quote(out));
    }
    return sb.toString();
  }

  private static String stderr(String err) {
    return err.isEmpty() ? "" : ": " + Texts.quote(err);
  }
}
