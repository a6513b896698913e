package dev.ferry.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real tools for interop tests. As core's RealTools: a missing tool skips on a
 * developer machine and fails under {@code CI=true}.
 */
final class Tools {
  private Tools() {}

  static Path require(String executable) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, executable);
      if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String why = executable + " is not installed (Debian: apt-get install " + executable + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(why + "; integration tests must not skip under CI=true");
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  /** Runs a command, requires exit 0 and returns its standard output. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("ferry-tool-", ".out");
    Path err = Files.createTempFile("ferry-tool-", ".err");
    try {
      Process process = new ProcessBuilder(new ArrayList<>(command))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(command + " exited " + process.exitValue() + ":\n"
            + Files.readString(err, StandardCharsets.UTF_8) + stdout);
      }
      return stdout;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
