package dev.ferry.internal.auth.config;

import dev.ferry.auth.CredentialEnvironment;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The credential documents of an environment, in the order they are asked:
 * <ol>
 *   <li>{@code DOCKER_AUTH_CONFIG}: a whole {@code config.json} in a variable (recent Docker CLI
 *       releases, GitLab CI, Testcontainers); it overrides every file, as in Docker.
 *   <li>{@code REGISTRY_AUTH_FILE}, else {@code $XDG_RUNTIME_DIR/containers/auth.json}:
 *       the file podman, skopeo and buildah log in to.
 *   <li>{@code ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json}.
 *   <li>{@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}.
 *   <li>{@code ~/.dockercfg}, the legacy format.
 * </ol>
 * Items 2 to 5 are the order containers/image reads them in. A file that appears twice
 * (e.g. {@code REGISTRY_AUTH_FILE} naming the docker file) is asked once, in its first place.
 * Relative {@code XDG_*} paths are ignored, as the XDG spec requires.
 */
public final class StandardLocations {
  private StandardLocations() {}

  /** The sources, sharing one helper client (so each helper runs at most once per server). */
  public static List<CredentialProvider> sources(CredentialEnvironment environment) {
    HelperClient helpers = new HelperClient(environment);
    List<CredentialProvider> sources = new ArrayList<>();
    environment.variable("DOCKER_AUTH_CONFIG")
        .ifPresent(json -> sources.add(ConfigSource.dockerText(json, "$DOCKER_AUTH_CONFIG", helpers)));

    Set<Path> seen = new HashSet<>();
    Path home = environment.home();
    Optional<Path> primary = path(environment, "REGISTRY_AUTH_FILE")
        .or(() -> xdg(environment, "XDG_RUNTIME_DIR").map(dir -> dir.resolve("containers/auth.json")));
    primary.ifPresent(file -> add(sources, seen, ConfigSource.dockerFile(file, helpers)));
    Path configHome = xdg(environment, "XDG_CONFIG_HOME").orElse(home.resolve(".config"));
    add(sources, seen, ConfigSource.dockerFile(configHome.resolve("containers/auth.json"), helpers));
    Path dockerDir = path(environment, "DOCKER_CONFIG").orElse(home.resolve(".docker"));
    add(sources, seen, ConfigSource.dockerFile(dockerDir.resolve("config.json"), helpers));
    add(sources, seen, ConfigSource.legacyFile(home.resolve(".dockercfg")));
    return List.copyOf(sources);
  }

  private static void add(List<CredentialProvider> sources, Set<Path> seen, ConfigSource source) {
    Path file = source.file().orElseThrow();
    if (seen.add(file.toAbsolutePath().normalize())) {
      sources.add(source);
    }
  }

  private static Optional<Path> path(CredentialEnvironment environment, String variable) {
    Optional<String> value = environment.variable(variable);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(value.get()));
    } catch (InvalidPathException e) {
      throw new CredentialException("$" + variable + " is not a usable path: " + e.getReason());
    }
  }

  private static Optional<Path> xdg(CredentialEnvironment environment, String variable) {
    return path(environment, variable).filter(Path::isAbsolute);
  }
}
