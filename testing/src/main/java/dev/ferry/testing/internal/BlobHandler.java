package dev.ferry.testing.internal;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/<name>/blobs/<digest>}: HEAD, GET (with a single {@code Range}) and DELETE. */
final class BlobHandler {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final Registry registry;

  BlobHandler(Registry registry) {
    this.registry = registry;
  }

  void handle(Call call, String repository, String reference) throws IOException {
    Digest digest = Digests.parse(reference);
    Storage storage = registry.storage();
    switch (call.method()) {
      case "HEAD", "GET" -> {
        boolean known = storage.linked(repository, digest)
            || storage.manifestType(repository, digest).isPresent();
        Optional<Long> size = known ? storage.blobSize(digest) : Optional.empty();
        if (size.isEmpty()) {
          throw ApiError.blobUnknown(digest);
        }
        Optional<BlobStorageHost> redirect = registry.blobRedirect();
        if (redirect.isPresent() && !call.isHead()) {
          // as S3- or GCS-backed registries do: the bytes come from elsewhere, by a signed URL
          call.set("Docker-Content-Digest", digest.toString());
          call.set("Location", redirect.get().locationOf(digest).toString());
          call.send(307);
          return;
        }
        read(call, storage, digest, size.get());
      }
      case "DELETE" -> {
        if (!storage.unlink(repository, digest)) {
          throw ApiError.blobUnknown(digest);
        }
        call.send(202);
      }
      default -> throw ApiError.unsupported(call.method() + " on a blob");
    }
  }

  /** Answers a blob's bytes, or a single {@code Range} of them. */
  static void read(Call call, Storage storage, Digest digest, long size) throws IOException {
    call.set("Docker-Content-Digest", digest.toString()).set("Accept-Ranges", "bytes")
        .set("ETag", "\"" + digest + "\"");
    Optional<String> range = call.header("Range");
    if (range.isEmpty()) {
      call.stream(200, "application/octet-stream", size, storage.openBlob(digest, 0));
      return;
    }
    Matcher m = RANGE.matcher(range.get().trim());
    long start = m.matches() ? Long.parseLong(m.group(1)) : -1;
    long end = m.matches() && !m.group(2).isEmpty() ? Math.min(Long.parseLong(m.group(2)), size - 1) : size - 1;
    if (start < 0 || start >= size || end < start) {
      call.set("Content-Range", "bytes */" + size);
      call.error(new ApiError(416, "BLOB_UNKNOWN", "requested range not satisfiable: " + range.get()));
      return;
    }
    call.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    call.stream(206, "application/octet-stream", end - start + 1, storage.openBlob(digest, start));
  }
}
