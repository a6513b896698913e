package dev.ferry.registry;

import dev.ferry.FerryLimits;
import dev.ferry.internal.auth.Scope;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Response;
import dev.ferry.internal.http.Urls;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonStringStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The list endpoints: {@code /v2/<name>/tags/list} and {@code /v2/_catalog}, with
 * {@code n}/{@code last} pagination that follows the registry's {@code Link} header.
 */
final class ListCalls {
  // tags are at most 128 characters and repository names 255; entries beyond this are not names
  private static final JsonStringStream JSON = new JsonStringStream(FerryLimits.MAX_JSON_DEPTH,
      FerryLimits.MAX_REFERENCE_LENGTH);

  private final Endpoint endpoint;

  ListCalls(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  TagPage tagsPage(String registry, String repository, int n, @Nullable String last) {
    List<String> items = new ArrayList<>();
    Optional<URI> next = fetch(registry, repository, firstUri(registry, repository + "/tags/list", n, last), "tags",
        List.of(Scope.pull(repository)), ListBudget.forList("tags"), items);
    return new TagPage(items, next.flatMap(ListCalls::lastOf).orElse(null));
  }

  TagPage catalogPage(String registry, int n, @Nullable String last) {
    List<String> items = new ArrayList<>();
    Optional<URI> next = fetch(registry, null, firstUri(registry, "_catalog", n, last), "repositories",
        List.of(Scope.catalog()), ListBudget.forList("repositories"), items);
    return new TagPage(items, next.flatMap(ListCalls::lastOf).orElse(null));
  }

  /**
   * Every page, following each {@code Link: <...>; rel="next"} as the registry wrote it,
   * within the {@link ListBudget}: all of the list or a typed error, never part of it.
   */
  List<String> all(String registry, @Nullable String repository) {
    boolean catalog = repository == null;
    String field = catalog ? "repositories" : "tags";
    List<Scope> scopes = repository == null ? List.of(Scope.catalog()) : List.of(Scope.pull(repository));
    URI uri = firstUri(registry, catalog ? "_catalog" : repository + "/tags/list", 0, null);
    ListBudget budget = ListBudget.forList(field);
    List<String> all = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    seen.add(uri);
    while (true) {
      Optional<URI> next = fetch(registry, repository, uri, field, scopes, budget, all);
      if (next.isEmpty()) {
        return all;
      }
      if (!seen.add(next.get())) {
        // a loop is a broken listing, not its end: a mirror would prune from a list cut short
        Request request = Request.of("GET", uri);
        throw protocol(request, endpoint.context(registry, repository), "the Link header of the " + field
            + " list leads back to a page already read (" + Urls.redact(next.get())
            + "); refused whole rather than returned in part");
      }
      uri = next.get();
    }
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

  /** Fetches one page into {@code into}, streaming its entries; returns the next page's URI, if any. */
  private Optional<URI> fetch(String registry, @Nullable String repository, URI uri, String field,
      List<Scope> scopes, ListBudget budget, List<String> into) {
    CallContext context = endpoint.context(registry, repository);
    Request request = Request.of("GET", uri).header("Accept", "application/json");
    budget.page(request, context);
    Response response = endpoint.send(request, context, scopes);
    if (response.status() != 200) {
      throw endpoint.failure(request, response, context);
    }
    Optional<String> link = response.header("Link").flatMap(ListCalls::nextLink);
    long declared = response.contentLength().orElse(-1);
    if (declared >= budget.bytesLeft()) {
      response.close();
      budget.bytes(request, context, declared);
    }
    try (response; InputStream in = budget.counting(response.smallBody(), request, context)) {
      JSON.read(in, field, item -> {
        budget.entries(request, context, 1);
        into.add(item);
      });
    } catch (JsonReadException e) {
      throw protocol(request, context, "the " + field + " list is not valid JSON: " + e.getMessage());
    } catch (IOException e) {
      throw Endpoint.readFailed(request, context, field + " list", e);
    }
    return link.map(target -> endpoint.nextPage(request, context, target));
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
