package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.internal.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One credentials document — a file or a variable's value — as a provider. Read at the
 * first lookup and kept for the provider's life; a file that does not exist has no
 * credentials; a document that cannot be read or parsed fails every lookup with the same
 * message (never silently anonymous).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ConfigSource implements CredentialProvider {
  private final String description;
  private final ConfigDocument.Format format;
  private final @Nullable Path file;
  private final @Nullable String text;
  private final @Nullable HelperClient helpers;
  private volatile @Nullable Object loaded; // ConfigDocument, or the failure message

  private ConfigSource(String description, ConfigDocument.Format format, @Nullable Path file, @Nullable String text,
      @Nullable HelperClient helpers) {
    this.description = description;
    this.format = format;
    this.file = file;
    this.text = text;
    this.helpers = helpers;
  }

  /** A Docker {@code config.json} or containers {@code auth.json}; helpers it names are run by {@code helpers}. */
  public static ConfigSource dockerFile(Path file, HelperClient helpers) {
    return new ConfigSource(file.toString(), ConfigDocument.Format.DOCKER, file, null,
        Objects.requireNonNull(helpers, "helpers"));
  }

  /** A legacy {@code .dockercfg}: the root object maps registries to entries; no helpers. */
  public static ConfigSource legacyFile(Path file) {
    return new ConfigSource(file.toString(), ConfigDocument.Format.LEGACY, file, null, null);
  }

  /** The content of a {@code config.json} held elsewhere, e.g. in {@code DOCKER_AUTH_CONFIG}. */
  public static ConfigSource dockerText(String json, String description, HelperClient helpers) {
    return new ConfigSource(description, ConfigDocument.Format.DOCKER, null, json,
        Objects.requireNonNull(helpers, "helpers"));
  }

  /** The file, when this source is one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    ConfigDocument document = document();
    String canonical = Hosts.canonical(registry);
    ConfigDocument.HelperChoice choice = helpers == null ? null : document.helperFor(canonical);
    if (choice != null && helpers != null) {
      return helpers.get(choice.helper(), Hosts.serverUrl(registry), choice.setting() + " of " + description);
    }
    return document.fromAuths(canonical, repository,
        format == ConfigDocument.Format.LEGACY ? KeyStyle.LEGACY : KeyStyle.DOCKER);
  }

  private ConfigDocument document() {
    Object state = loaded;
    if (state == null) {
      synchronized (this) {
        state = loaded;
        if (state == null) {
          state = load();
          loaded = state;
        }
      }
    }
    if (state instanceof ConfigDocument document) {
      return document;
    }
    throw new CredentialException((String) state);
  }

  private Object load() {
    try {
      byte[] bytes = text != null ? text.getBytes(StandardCharsets.UTF_8) : read(Objects.requireNonNull(file));
      if (bytes == null) {
        return ConfigDocument.EMPTY;
      }
      if (bytes.length > ConfigLimits.MAX_CONFIG_BYTES) {
        return description + ": larger than " + ConfigLimits.MAX_CONFIG_BYTES + " bytes; not a credentials file";
      }
      return ConfigDocument.parse(bytes, description, format);
    } catch (CredentialException e) {
      return Texts.messageOf(e);
    }
  }

  /** The file's bytes (at most one more than the limit), or null when it does not exist. */
  private static byte @Nullable [] read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(ConfigLimits.MAX_CONFIG_BYTES + 1);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      // file system messages name the path and the OS error, never the content
      throw new CredentialException("cannot read " + file + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " (" + e.getMessage() + ")"));
    }
  }

  /** {@return where the credentials come from, never what they are} */
  @Override
  public String toString() {
    return description;
  }
}
