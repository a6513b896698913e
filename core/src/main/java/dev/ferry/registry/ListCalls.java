package dev.ferry.registry;

import dev.ferry.FerryLimits;
import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.internal.json.JsonNull;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The list endpoints: {@code /v2/<name>/tags/list} and {@code /v2/_catalog}, with
 * {@code n}/{@code last} pagination that follows the registry's {@code Link} header.
 */
final class ListCalls {
  /** Largest JSON page accepted: 16 MiB. */
  static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
  /** Most pages followed for one full listing, against a registry that links in circles. */
  static final int MAX_PAGES = 100_000;

  private static final JsonReader JSON = new JsonReader(FerryLimits.MAX_JSON_DEPTH, MAX_PAGE_BYTES);

  private final Endpoint endpoint;

  ListCalls(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  TagPage tagsPage(String registry, String repository, int n, @Nullable String last) {
    Page page = fetch(registry, repository, firstUri(registry, repository + "/tags/list", n, last), "tags",
        List.of(Scope.pull(repository)));
    return new TagPage(page.items(), page.nextLast().orElse(null));
  }

  TagPage catalogPage(String registry, int n, @Nullable String last) {
    Page page = fetch(registry, null, firstUri(registry, "_catalog", n, last), "repositories",
        List.of(Scope.catalog()));
    return new TagPage(page.items(), page.nextLast().orElse(null));
  }

  /** Every page, following each {@code Link: <...>; rel="next"} as the registry wrote it. */
  List<String> all(String registry, @Nullable String repository) {
    boolean catalog = repository == null;
    String field = catalog ? "repositories" : "tags";
    List<Scope> scopes = catalog ? List.of(Scope.catalog()) : List.of(Scope.pull(repository));
    URI uri = firstUri(registry, catalog ? "_catalog" : repository + "/tags/list", 0, null);
    List<String> all = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    for (int pages = 0; pages < MAX_PAGES && seen.add(uri); pages++) {
      Page page = fetch(registry, repository, uri, field, scopes);
      all.addAll(page.items());
      if (page.next().isEmpty()) {
        break;
      }
      uri = page.next().get();
    }
    return all;
  }

  private URI firstUri(String registry, String path, int n, @Nullable String last) {
    StringBuilder query = new StringBuilder();
    if (n > 0) {
      query.append("n=").append(n);
    }
    if (last != null) {
      query.append(query.length() == 0 ? "" : "&").append("last=").append(encode(last));
    }
    return endpoint.uri(registry, path + (query.length() == 0 ? "" : "?" + query));
  }

  private record Page(List<String> items, Optional<URI> next, Optional<String> nextLast) {}

  private Page fetch(String registry, @Nullable String repository, URI uri, String field, List<Scope> scopes) {
    CallContext context = new CallContext(registry, repository);
    Request request = Request.of("GET", uri).header("Accept", "application/json");
    Response response = endpoint.send(request, context, scopes);
    if (response.status() != 200) {
      throw endpoint.failure(request, response, context);
    }
    Optional<String> link = response.header("Link").flatMap(ListCalls::nextLink);
    byte[] body;
    try (response) {
      body = Endpoint.readCapped(request, response, context, MAX_PAGE_BYTES, field + " list");
    }
    List<String> items = items(request, context, body, field);
    Optional<URI> next = link.map(target -> endpoint.nextPage(request, context, target));
    return new Page(items, next, next.flatMap(ListCalls::lastOf));
  }

  private static List<String> items(Request request, CallContext context, byte[] body, String field) {
    try {
      Map<String, Object> root = JSON.readObject(body);
      Object value = root.get(field);
      if (value == null || value == JsonNull.NULL) {
        return List.of();
      }
      if (!(value instanceof List<?> list)) {
        throw protocol(request, context, "\"" + field + "\" is not an array");
      }
      List<String> items = new ArrayList<>(list.size());
      for (Object item : list) {
        if (!(item instanceof String s)) {
          throw protocol(request, context, "\"" + field + "\" holds a non-string entry");
        }
        items.add(s);
      }
      return items;
    } catch (JsonReadException e) {
      throw protocol(request, context, "the " + field + " list is not valid JSON: " + e.getMessage());
    }
  }

  /** The target of the {@code rel="next"} entry of a {@code Link} header, e.g. {@code /v2/a/tags/list?n=2&last=b}. */
  static Optional<String> nextLink(String link) {
    for (String part : link.split(",")) {
      int open = part.indexOf('<');
      int close = part.indexOf('>', open + 1);
      if (open < 0 || close < 0) {
        continue;
      }
      String params = part.substring(close + 1).replace(" ", "").toLowerCase(java.util.Locale.ROOT);
      if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
        return Optional.of(part.substring(open + 1, close).trim());
      }
    }
    return Optional.empty();
  }

  /** The decoded {@code last} query parameter of a next-page URI, if it has one. */
  static Optional<String> lastOf(URI next) {
    String query = next.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String param : query.split("&")) {
      if (param.startsWith("last=")) {
        return Optional.of(URLDecoder.decode(param.substring(5), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static RegistryProtocolException protocol(Request request, CallContext context, String message) {
    return new RegistryProtocolException(message, context.registry(), context.repository(), request.method(),
        Urls.redact(request.uri()));
  }
}
