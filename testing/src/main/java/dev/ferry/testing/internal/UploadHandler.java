package dev.ferry.testing.internal;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<name>/blobs/uploads/[<id>]}: monolithic POST with {@code ?digest=},
 * cross-repository mount, POST + PUT, streamed and chunked PATCH, upload status
 * (GET) for resuming, and cancel (DELETE). Every blob is verified against its
 * digest before it becomes visible.
 */
final class UploadHandler {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/\\S+)?");

  private final Registry registry;

  UploadHandler(Registry registry) {
    this.registry = registry;
  }

  void start(Call call, String repository) throws IOException {
    if (!"POST".equals(call.method())) {
      throw ApiError.unsupported(call.method() + " on the upload endpoint");
    }
    Optional<String> mount = call.query("mount");
    Optional<String> from = call.query("from");
    if (mount.isPresent() && from.isPresent()) {
      Digest digest = Digests.parse(mount.get());
      // as distribution does: without pull on the source the mount silently becomes an upload
      if (Names.valid(from.get()) && call.caller().may().test(Access.repository(from.get(), "pull"))
          && registry.storage().linked(from.get(), digest)) {
        registry.storage().link(repository, digest);
        created(call, repository, digest);
        return;
      }
    }
    Upload upload = registry.startUpload(repository);
    Optional<String> digest = call.query("digest");
    if (digest.isPresent()) {
      finish(call, upload, Digests.parse(digest.get()));
      return;
    }
    accepted(call, upload, 202);
  }

  void session(Call call, String repository, String id) throws IOException {
    Upload upload = registry.upload(repository, id).orElseThrow(() -> ApiError.uploadUnknown(id));
    switch (call.method()) {
      case "GET" -> accepted(call, upload, 204);
      case "PATCH" -> {
        append(call, upload);
        accepted(call, upload, 202);
      }
      case "PUT" -> finish(call, upload, Digests.parse(call.query("digest")
          .orElseThrow(() -> ApiError.digestInvalid("the digest parameter is missing"))));
      case "DELETE" -> {
        registry.endUpload(upload);
        upload.buffer().discard();
        call.send(204);
      }
      default -> throw ApiError.unsupported(call.method() + " on an upload");
    }
  }

  private void append(Call call, Upload upload) throws IOException {
    Optional<String> contentRange = call.header("Content-Range");
    if (contentRange.isEmpty()) {
      upload.append(call.body());
      return;
    }
    Matcher m = CONTENT_RANGE.matcher(contentRange.get().trim());
    if (!m.matches()) {
      throw ApiError.uploadInvalid("malformed Content-Range " + contentRange.get());
    }
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    synchronized (upload) {
      if (start != upload.size() || end < start) {
        rangeHeaders(call, upload);
        throw new ApiError(416, "BLOB_UPLOAD_INVALID", "Content-Range " + contentRange.get()
            + " does not continue the upload at offset " + upload.size());
      }
      long written = upload.append(call.body());
      if (written != end - start + 1) {
        throw ApiError.sizeInvalid("Content-Range " + contentRange.get() + " announced " + (end - start + 1)
            + " bytes, the body had " + written);
      }
    }
  }

  private void finish(Call call, Upload upload, Digest digest) throws IOException {
    try {
      upload.append(call.body());
      if (!upload.matches(digest)) {
        throw ApiError.digestInvalid("the content does not hash to " + digest);
      }
      registry.storage().commit(digest, upload.buffer());
      registry.storage().link(upload.repository(), digest);
    } catch (IOException | RuntimeException e) {
      upload.buffer().discard();
      throw e;
    } finally {
      registry.endUpload(upload);
    }
    created(call, upload.repository(), digest);
  }

  private static void created(Call call, String repository, Digest digest) throws IOException {
    call.set("Location", "/v2/" + repository + "/blobs/" + digest)
        .set("Docker-Content-Digest", digest.toString())
        .send(201);
  }

  private static void accepted(Call call, Upload upload, int status) throws IOException {
    rangeHeaders(call, upload);
    call.send(status);
  }

  private static void rangeHeaders(Call call, Upload upload) {
    call.set("Location", "/v2/" + upload.repository() + "/blobs/uploads/" + upload.id())
        .set("Docker-Upload-UUID", upload.id());
    long size = upload.size();
    // an empty upload has no byte range to acknowledge: "0-0" would claim one byte
    if (size > 0) {
      call.set("Range", "0-" + (size - 1));
    }
  }
}
