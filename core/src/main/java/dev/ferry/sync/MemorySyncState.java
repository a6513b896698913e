package dev.ferry.sync;

import dev.ferry.reference.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SyncState#inMemory()}: entries in access order, the least recently used dropped past
 * {@link #MAX_ENTRIES} (forgetting costs one GET, never a wrong answer). Thread-safe.
 */
class MemorySyncState implements SyncState {
  static final int MAX_ENTRIES = 100_000;

  /** One remembered fact: copying {@code source} with {@code settings} wrote {@code written}. */
  record Entry(String settings, Digest source, Digest written) {}

  private final Map<String, Entry> entries;
  private boolean changed;

  MemorySyncState() {
    this(MAX_ENTRIES);
  }

  MemorySyncState(int maxEntries) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public synchronized Optional<Digest> written(String settings, Digest source) {
    Entry entry = entries.get(key(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(source,
        "source")));
    return entry == null ? Optional.empty() : Optional.of(entry.written());
  }

  @Override
  public synchronized void remember(String settings, Digest source, Digest written) {
    Entry entry = new Entry(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(written, "written"));
    Entry before = entries.put(key(settings, source), entry);
    changed |= !entry.equals(before);
  }

  /** Loads an entry without marking the state changed. */
  synchronized void load(Entry entry) {
    entries.put(key(entry.settings(), entry.source()), entry);
  }

  /** The entries, least recently used first, when any was added since the last call (which clears the mark). */
  synchronized Optional<List<Entry>> takeChanged() {
    if (!changed) {
      return Optional.empty();
    }
    changed = false;
    return Optional.of(new ArrayList<>(entries.values()));
  }

  /** Marks the state changed again, after a save that failed. */
  synchronized void markChanged() {
    changed = true;
  }

  private static String key(String settings, Digest source) {
    return settings + '\n' + source;
  }

  @Override
  public synchronized String toString() {
    return "SyncState.inMemory(" + entries.size() + " entries)";
  }
}
