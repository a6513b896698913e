package dev.ferry.testing.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** {@code /v2/<name>/tags/list} and {@code /v2/_catalog}, paginated with {@code n}, {@code last} and {@code Link}. */
final class ListHandler {
  private final Registry registry;

  ListHandler(Registry registry) {
    this.registry = registry;
  }

  void tags(Call call, String repository) throws IOException {
    requireGet(call);
    if (!registry.storage().exists(repository)) {
      throw ApiError.nameUnknown(repository);
    }
    List<String> page = page(call, registry.storage().tags(repository), "/v2/" + repository + "/tags/list");
    call.json(200, "{\"name\":" + Json.string(repository) + ",\"tags\":" + Json.strings(page) + "}");
  }

  void catalog(Call call) throws IOException {
    requireGet(call);
    List<String> page = page(call, registry.storage().repositories(), "/v2/_catalog");
    call.json(200, "{\"repositories\":" + Json.strings(page) + "}");
  }

  private static void requireGet(Call call) {
    if (!"GET".equals(call.method()) && !"HEAD".equals(call.method())) {
      throw ApiError.unsupported(call.method() + " on a list");
    }
  }

  private static List<String> page(Call call, SortedSet<String> all, String path) {
    SortedSet<String> rest = call.query("last").filter(l -> !l.isEmpty())
        .map(last -> all.tailSet(last + "\0")).orElse(all);
    int n;
    try {
      n = call.query("n").filter(s -> !s.isEmpty()).map(Integer::parseInt).orElse(Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
    }
    if (n < 0) {
      throw new ApiError(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
    }
    List<String> page = new ArrayList<>();
    for (String name : rest) {
      if (page.size() == n) {
        break;
      }
      page.add(name);
    }
    if (!page.isEmpty() && page.size() < rest.size()) {
      call.set("Link", "<" + path + "?n=" + n + "&last="
          + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
    return page;
  }
}
