package dev.ferry.security;

import dev.ferry.it.ExternalCommand;
import dev.ferry.it.ProcessResult;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link HostileClient} in a child JVM with a 64 MiB heap on the test classpath, the
 * way jackson-core's {@code dos} tests bound what a hostile document may cost: a body that
 * is buffered whole, or a list that grows without end, ends that JVM with an
 * {@code OutOfMemoryError} instead of passing quietly in the roomy heap of the test run.
 */
final class SmallHeapJvm {
  static final String HEAP = "-Xmx64m";
  /** The exit status {@code -XX:+ExitOnOutOfMemoryError} gives. */
  static final int OUT_OF_MEMORY = 3;

  private SmallHeapJvm() {}

  /** Runs one scenario against {@code registry}; fails the test if the child does not end in {@code timeout}. */
  static ProcessResult run(String scenario, String registry, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(classpath());
    command.add(HostileClient.class.getName());
    command.add(scenario);
    command.add(registry);
    return ExternalCommand.run(timeout, command);
  }

  /** Module path and class path of this test run, as one class path: the child needs no modules. */
  private static String classpath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
