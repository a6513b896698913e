package dev.ferry.examples.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Maven that runs this build (its {@code maven.home}) on a project of {@code src/test/resources/projects},
 * offline: this build's artifacts come from the private repository {@code invoker:install} filled, everything else
 * from this build's own local repository as a read-only tail ({@code maven.repo.local.tail}, Maven 3.9), so nothing
 * is written to {@code ~/.m2} and nothing is downloaded. What is missing fails the test, with what to do, never a skip.
 */
final class NestedMaven {
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private NestedMaven() {}

  /** The output (stdout and stderr, interleaved) and exit code of one run. */
  record Run(int exit, String output) {}

  static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property " + name + " (set by failsafe in examples/maven-plugin/pom.xml; run this"
        + " test with ./mvnw -pl examples/maven-plugin -am verify, not from an IDE)").isNotBlank();
    return Objects.requireNonNull(value);
  }

  /** Copies a project template into {@code work}, replacing {@code @key@} in every file with its value. */
  static Path project(String name, Path work, Map<String, String> values) {
    Path template = Path.of("src/test/resources/projects", name);
    assertThat(template).as("project template").isDirectory();
    Path target = work.resolve(name);
    try (Stream<Path> files = Files.walk(template)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        for (Map.Entry<String, String> e : values.entrySet()) {
          text = text.replace("@" + e.getKey() + "@", e.getValue());
        }
        assertThat(text).as("placeholders left in " + file).doesNotContainPattern("@[a-zA-Z.]+@");
        Path out = target.resolve(template.relativize(file).toString());
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Runs {@code mvn -B -o ARGS} in {@code project}. */
  static Run run(Path project, String... args) throws IOException, InterruptedException {
    Path mvn = Path.of(property("ferry.it.mavenHome"), "bin", "mvn");
    assertThat(mvn).as("the Maven running this build").isRegularFile();
    Path repository = Path.of(property("ferry.it.repository"));
    assertThat(repository.resolve("dev/ferry/ferry-maven-plugin-example")).as("this plugin in the private"
        + " repository: invoker:install runs in pre-integration-test, so run `verify`").isDirectory();
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-o", "--no-transfer-progress",
        "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + property("ferry.it.tail"),
        "-Dstyle.color=never"));
    command.addAll(List.of(args));
    Path log = project.resolve("build.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // the nested JVM is sized by its own defaults, not by options meant for the outer build
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("nested Maven still running after " + LIMIT + ": " + Files.readString(log));
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Every line SLF4J prints about itself: its warnings ({@code SLF4J(W)} in 2.x, {@code SLF4J:} in 1.7). */
  static List<String> slf4jNotices(String output) {
    return output.lines().filter(l -> l.contains("SLF4J(") || l.startsWith("SLF4J:")
        || l.contains("No SLF4J providers") || l.contains("Defaulting to no-operation")).toList();
  }
}
