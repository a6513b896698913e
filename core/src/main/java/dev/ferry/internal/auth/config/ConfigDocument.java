package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed credentials document: its {@code auths} entries and, for Docker's format,
 * its {@code credHelpers} and {@code credsStore}. Immutable.
 */
final class ConfigDocument {
  /** The document formats. */
  enum Format {
    /** {@code config.json} / {@code auth.json}: {@code {"auths": {...}, "credHelpers": {...}, "credsStore": "..."}}. */
    DOCKER,
    /** The legacy {@code .dockercfg}: the root object is the map of registry to entry. */
    LEGACY,
    /** A pull secret: either of the above, read as kubelet reads it (no helpers, no tokens). */
    KUBERNETES
  }

  /** Which helper to ask for a registry, and the setting that named it (for messages). */
  record HelperChoice(String helper, String setting) {}

  static final ConfigDocument EMPTY = new ConfigDocument(List.of(), Map.of(), "");

  private final List<AuthEntry> entries;
  private final Map<String, String> credHelpers;
  private final String credsStore;

  private ConfigDocument(List<AuthEntry> entries, Map<String, String> credHelpers, String credsStore) {
    this.entries = entries;
    this.credHelpers = credHelpers;
    this.credsStore = credsStore;
  }

  static ConfigDocument parse(byte[] json, String source, Format format) {
    Map<String, Object> root = ConfigJson.read(json, source);
    switch (format) {
      case LEGACY:
        return new ConfigDocument(entries(root, source, "", KeyStyle.LEGACY, true), Map.of(), "");
      case KUBERNETES:
        Map<String, Object> auths = root.containsKey("auths") ? ConfigJson.object(root, "auths", source) : root;
        String section = root.containsKey("auths") ? "auths" : "";
        return new ConfigDocument(auths == null ? List.of() : entries(auths, source, section, KeyStyle.KUBELET, false),
            Map.of(), "");
      case DOCKER:
      default:
        Map<String, Object> dockerAuths = ConfigJson.object(root, "auths", source);
        List<AuthEntry> list = dockerAuths == null ? List.of()
            : entries(dockerAuths, source, "auths", KeyStyle.DOCKER, true);
        return new ConfigDocument(list, credHelpers(root, source), store(root, source));
    }
  }

  /**
   * The entries of one credentials map; each credential's source names the document and its key,
   * as in {@code /home/u/.docker/config.json (auths."ghcr.io")}.
   */
  private static List<AuthEntry> entries(Map<String, Object> auths, String source, String section, KeyStyle style,
      boolean tokens) {
    List<AuthEntry> list = new ArrayList<>();
    String where = section.isEmpty() ? source : source + ": " + section;
    int order = 0;
    for (Map.Entry<String, Object> e : auths.entrySet()) {
      String key = ConfigJson.quote(e.getKey());
      Credential credential = EntryDecoder.decode(e.getValue(), where + "." + key, tokens);
      AuthKey parsed = AuthKey.parse(e.getKey(), style);
      if (credential != null && parsed != null) {
        String entry = section.isEmpty() ? key : section + "." + key;
        list.add(new AuthEntry(parsed, credential.withSource(source + " (" + entry + ")"), order));
      }
      order++;
    }
    if (style != KeyStyle.KUBELET) {
      // most specific scope first; a key written as a bare host before its URL form; the registry's own
      // name before an alias of it (docker.io before index.docker.io, as containers/image); then file order
      list.sort(Comparator.comparingInt((AuthEntry a) -> -a.key().path().length())
          .thenComparing(a -> !a.key().bare())
          .thenComparing(a -> !a.key().exactHost())
          .thenComparingInt(AuthEntry::order));
    }
    return List.copyOf(list);
  }

  private static Map<String, String> credHelpers(Map<String, Object> root, String source) {
    Map<String, Object> helpers = ConfigJson.object(root, "credHelpers", source);
    if (helpers == null) {
      return Map.of();
    }
    Map<String, String> byHost = new LinkedHashMap<>();
    for (String key : helpers.keySet()) {
      String helper = ConfigJson.string(helpers, key, source + ": credHelpers");
      if (!helper.isEmpty()) {
        HelperNames.check(helper, source + ": credHelpers." + ConfigJson.quote(key));
      }
      // Docker looks the helper up by host; keys are sometimes written as URLs (Docker Hub's always)
      AuthKey parsed = AuthKey.parse(key, KeyStyle.LEGACY);
      if (parsed != null) {
        byHost.putIfAbsent(parsed.host(), helper);
      }
    }
    return Map.copyOf(byHost);
  }

  private static String store(Map<String, Object> root, String source) {
    String store = ConfigJson.string(root, "credsStore", source);
    if (!store.isEmpty()) {
      HelperNames.check(store, source + ": credsStore");
    }
    return store;
  }

  /**
   * The helper Docker would ask for a registry: its {@code credHelpers} entry, else the
   * {@code credsStore}; null to use the {@code auths} entries. A {@code credHelpers} entry
   * naming no helper ({@code ""}) sends that registry to the {@code auths} entries even
   * when a {@code credsStore} is set, as in Docker.
   */
  @Nullable HelperChoice helperFor(String canonicalRegistry) {
    String helper = credHelpers.get(canonicalRegistry);
    if (helper != null) {
      return helper.isEmpty() ? null : new HelperChoice(helper, "credHelpers");
    }
    return credsStore.isEmpty() ? null : new HelperChoice(credsStore, "credsStore");
  }

  /** The credential of the most specific {@code auths} entry covering the repository. */
  Optional<Credential> fromAuths(String canonicalRegistry, String repository, KeyStyle style) {
    for (AuthEntry e : entries) {
      if (e.key().covers(canonicalRegistry, repository, style)) {
        return Optional.of(e.credential());
      }
    }
    return Optional.empty();
  }

  List<AuthEntry> entries() {
    return entries;
  }
}
