package dev.ferry.it;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a finished external command left: exit code and both outputs. */
public record ProcessResult(List<String> command, int exitCode, byte[] stdout, String stderr) {
  /** Standard output as UTF-8 text. */
  public String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Throws with the command and its stderr unless it exited 0. */
  public ProcessResult assertSuccess() {
    if (exitCode != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + stderr);
    }
    return this;
  }
}
