package dev.ferry.it;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;

/** The fields of an {@code application/x-www-form-urlencoded} body a stand-in received (last value wins). */
public final class FormBody {
  private FormBody() {}

  /** The fields of the request's body; an empty map for no body. */
  public static Map<String, String> of(RecordedRequest request) {
    return decode(request.getBody() == null ? "" : request.getBody().utf8());
  }

  /** The fields of a form body, in their order; pairs without a name are skipped. */
  public static Map<String, String> decode(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
