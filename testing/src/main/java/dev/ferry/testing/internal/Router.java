package dev.ferry.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ferry.FerryException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution API's routes, and the mapping of failures to the spec's error
 * JSON. Stateless apart from the shared {@link Registry}. Thread-safe.
 */
public final class Router implements HttpHandler {
  private static final String N = "(" + Names.NAME + ")";
  private static final Pattern BASE = Pattern.compile("/v2/?");
  private static final Pattern CATALOG = Pattern.compile("/v2/_catalog");
  private static final Pattern TAGS = Pattern.compile("/v2/" + N + "/tags/list");
  private static final Pattern MANIFEST = Pattern.compile("/v2/" + N + "/manifests/([^/]+)");
  private static final Pattern UPLOAD_START = Pattern.compile("/v2/" + N + "/blobs/uploads/?");
  private static final Pattern UPLOAD = Pattern.compile("/v2/" + N + "/blobs/uploads/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/" + N + "/blobs/([^/]+)");
  private static final Pattern REFERRERS = Pattern.compile("/v2/" + N + "/referrers/([^/]+)");

  private final Registry registry;
  private final BlobHandler blobs;
  private final UploadHandler uploads;
  private final ManifestHandler manifests;
  private final ListHandler lists;
  private final ReferrersHandler referrers;

  /**
   * A router over a storage.
   *
   * @param storage where content goes
   * @param referrersApi whether {@code /v2/<name>/referrers/<digest>} answers
   */
  public Router(Storage storage, boolean referrersApi) {
    this.registry = new Registry(storage, referrersApi);
    this.blobs = new BlobHandler(registry);
    this.uploads = new UploadHandler(registry);
    this.manifests = new ManifestHandler(registry);
    this.lists = new ListHandler(registry);
    this.referrers = new ReferrersHandler(registry);
  }

  /** Frees the buffers of uploads that never finished. */
  public void discardUploads() {
    registry.discardAll();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Call call = new Call(exchange);
    call.set("Docker-Distribution-API-Version", "registry/2.0");
    try {
      route(call, exchange.getRequestURI().getRawPath());
    } catch (ApiError e) {
      call.error(e);
    } catch (FerryException e) {
      call.error(new ApiError(400, "UNSUPPORTED", e.getMessage()));
    } catch (IOException | RuntimeException e) {
      try {
        call.error(new ApiError(500, "UNKNOWN", "internal error: " + e));
      } catch (IOException | RuntimeException ignored) {
        // the connection is gone; the client sees that
      }
    } finally {
      exchange.close();
    }
  }

  private void route(Call call, String path) throws IOException {
    Matcher m;
    if (BASE.matcher(path).matches()) {
      call.json(200, "{}");
    } else if (CATALOG.matcher(path).matches()) {
      lists.catalog(call);
    } else if ((m = TAGS.matcher(path)).matches()) {
      lists.tags(call, m.group(1));
    } else if ((m = MANIFEST.matcher(path)).matches()) {
      manifests.handle(call, m.group(1), m.group(2));
    } else if ((m = UPLOAD_START.matcher(path)).matches()) {
      uploads.start(call, m.group(1));
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      uploads.session(call, m.group(1), m.group(2));
    } else if ((m = BLOB.matcher(path)).matches()) {
      blobs.handle(call, m.group(1), m.group(2));
    } else if ((m = REFERRERS.matcher(path)).matches()) {
      referrers.handle(call, m.group(1), m.group(2));
    } else if (path.startsWith("/v2/")) {
      throw ApiError.nameInvalid(path.substring(4));
    } else {
      throw ApiError.notFound(path);
    }
  }
}
