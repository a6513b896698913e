package dev.ferry.testing.internal;

import dev.ferry.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Storage in the heap, in chunks of at most 1 MiB. Thread-safe. */
public final class MemoryStorage implements Storage {
  private final Map<Digest, UploadBuffer> blobs = new ConcurrentHashMap<>();
  private final Map<String, Repository> repositories = new ConcurrentSkipListMap<>();

  private static final class Repository {
    final Set<Digest> blobs = ConcurrentHashMap.newKeySet();
    final Map<Digest, String> manifests = new ConcurrentHashMap<>();
    final Map<String, Digest> tags = new ConcurrentSkipListMap<>();
  }

  private Repository repo(String name) {
    return repositories.computeIfAbsent(name, n -> new Repository());
  }

  private Optional<Repository> existing(String name) {
    return Optional.ofNullable(repositories.get(name));
  }

  @Override
  public Optional<Long> blobSize(Digest digest) {
    return Optional.ofNullable(blobs.get(digest)).map(UploadBuffer::size);
  }

  @Override
  public InputStream openBlob(Digest digest, long offset) throws IOException {
    UploadBuffer blob = blobs.get(digest);
    if (blob == null) {
      throw new IOException("no blob " + digest);
    }
    return blob.open(offset);
  }

  @Override
  public UploadBuffer newUpload() {
    return new ChunkedBuffer();
  }

  @Override
  public void commit(Digest digest, UploadBuffer upload) {
    blobs.putIfAbsent(digest, upload);
  }

  @Override
  public void link(String repository, Digest digest) {
    repo(repository).blobs.add(digest);
  }

  @Override
  public boolean linked(String repository, Digest digest) {
    return existing(repository).map(r -> r.blobs.contains(digest)).orElse(false);
  }

  @Override
  public boolean unlink(String repository, Digest digest) {
    return existing(repository).map(r -> r.blobs.remove(digest)).orElse(false);
  }

  @Override
  public void putManifest(String repository, Digest digest, String mediaType) {
    repo(repository).manifests.put(digest, mediaType);
  }

  @Override
  public Optional<String> manifestType(String repository, Digest digest) {
    return existing(repository).map(r -> r.manifests.get(digest));
  }

  @Override
  public boolean deleteManifest(String repository, Digest digest) {
    Optional<Repository> repo = existing(repository);
    if (repo.isEmpty() || repo.get().manifests.remove(digest) == null) {
      return false;
    }
    repo.get().tags.values().removeIf(digest::equals);
    return true;
  }

  @Override
  public List<Digest> manifests(String repository) {
    return existing(repository).map(r -> List.copyOf(r.manifests.keySet())).orElse(List.of());
  }

  @Override
  public void tag(String repository, String tag, Digest digest) {
    repo(repository).tags.put(tag, digest);
  }

  @Override
  public Optional<Digest> resolve(String repository, String tag) {
    return existing(repository).map(r -> r.tags.get(tag));
  }

  @Override
  public boolean untag(String repository, String tag) {
    return existing(repository).map(r -> r.tags.remove(tag) != null).orElse(false);
  }

  @Override
  public SortedSet<String> tags(String repository) {
    return existing(repository).<SortedSet<String>>map(r -> new TreeSet<>(r.tags.keySet()))
        .orElse(Collections.emptySortedSet());
  }

  @Override
  public boolean exists(String repository) {
    return repositories.containsKey(repository);
  }

  @Override
  public SortedSet<String> repositories() {
    return new TreeSet<>(repositories.keySet());
  }
}
