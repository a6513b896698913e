package dev.ferry.testing.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** What every handler shares: the storage, the open upload sessions and the settings. Thread-safe. */
final class Registry {
  private final Storage storage;
  private final boolean referrers;
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private volatile @Nullable BlobStorageHost blobRedirect;
  private volatile boolean immutableTags;

  Registry(Storage storage, boolean referrers) {
    this.storage = storage;
    this.referrers = referrers;
  }

  boolean immutableTags() {
    return immutableTags;
  }

  void immutableTags(boolean enabled) {
    this.immutableTags = enabled;
  }

  Storage storage() {
    return storage;
  }

  boolean referrers() {
    return referrers;
  }

  /** Where blob downloads are sent, if they are redirected. */
  Optional<BlobStorageHost> blobRedirect() {
    return Optional.ofNullable(blobRedirect);
  }

  void redirectBlobs(@Nullable BlobStorageHost host) {
    this.blobRedirect = host;
  }

  Upload startUpload(String repository) throws IOException {
    Upload upload = new Upload(UUID.randomUUID().toString(), repository, storage.newUpload());
    uploads.put(upload.id(), upload);
    return upload;
  }

  Optional<Upload> upload(String repository, String id) {
    return Optional.ofNullable(uploads.get(id)).filter(u -> u.repository().equals(repository));
  }

  void endUpload(Upload upload) {
    uploads.remove(upload.id());
  }

  void discardAll() {
    for (Upload upload : uploads.values()) {
      try {
        upload.buffer().discard();
      } catch (IOException e) {
        // a temporary file that cannot be deleted is left behind; nothing else to do
      }
    }
    uploads.clear();
  }
}
