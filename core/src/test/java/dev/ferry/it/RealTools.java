package dev.ferry.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real components integration tests drive ({@code docker-registry},
 * {@code skopeo}). A missing component skips the test on a developer machine but
 * fails it under {@code CI=true}: CI must never go green by skipping.
 */
public final class RealTools {
  private RealTools() {}

  /** The absolute path of an executable on the PATH (or under /usr/sbin, /usr/bin), or abort/fail. */
  public static Path require(String executable) {
    Optional<Path> found = find(executable);
    if (found.isPresent()) {
      return found.get();
    }
    String why = executable + " is not installed (Debian: apt-get install "
        + ("docker-registry".equals(executable) ? "docker-registry" : executable) + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(why + "; integration tests must not skip under CI=true");
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  static Optional<Path> find(String executable) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
