package dev.ferry.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real {@code skopeo} client, run with no trust policy file needed. */
public final class Skopeo {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final Path binary;

  private Skopeo(Path binary) {
    this.binary = binary;
  }

  /** The installed skopeo, or abort (fail under CI=true). */
  public static Skopeo require() {
    return new Skopeo(RealTools.require("skopeo"));
  }

  /** Runs {@code skopeo --insecure-policy <args>} and returns what it did, successful or not. */
  public ProcessResult run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--insecure-policy");
    command.addAll(List.of(args));
    return ExternalCommand.run(TIMEOUT, command);
  }

  /** Runs and requires exit code 0. */
  public ProcessResult ok(String... args) {
    return run(args).assertSuccess();
  }
}
