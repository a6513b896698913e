package dev.ferry.examples.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer project written as the README says (imports {@code ferry-bom}, names {@code ferry-core} and
 * {@code ferry-testing} without versions, adds {@code slf4j-simple} 2.x) compiles offline with a real Maven and
 * runs a copy between two in-process registries, and SLF4J prints nothing about itself: the BOM's SLF4J 2 API
 * finds the 2.x backend.
 */
class BomConsumerIT {
  @TempDir
  Path work;

  @Test
  void aProjectImportingTheBomCompilesAndCopiesWithoutAnySlf4jWarning() throws Exception {
    Path project = NestedMaven.project("bom-consumer", work, Map.of(
        "version", NestedMaven.property("ferry.it.version"),
        "slf4j", NestedMaven.property("ferry.it.slf4jVersion"),
        "resources", NestedMaven.property("ferry.it.resourcesPluginVersion"),
        "compiler", NestedMaven.property("ferry.it.compilerPluginVersion"),
        "dependency", NestedMaven.property("ferry.it.dependencyPluginVersion")));

    NestedMaven.Run build = NestedMaven.run(project, "-q", "compile", "dependency:build-classpath",
        "-Dmdep.outputFile=classpath.txt", "-Dmdep.includeScope=runtime");
    assertThat(build.exit()).as(build.output()).isZero();
    String classpath = Files.readString(project.resolve("classpath.txt")).strip();
    assertThat(classpath).contains("ferry-core-").contains("ferry-testing-").contains("slf4j-api-2.")
        .contains("slf4j-simple-2.").doesNotContain("slf4j-api-1.");

    String output = java(project, project.resolve("target/classes") + java.io.File.pathSeparator + classpath);

    List<String> digests = output.lines().filter(l -> l.matches("(source|copied|stored) sha256:[0-9a-f]{64}"))
        .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    assertThat(digests).as(output).hasSize(3).containsOnly(digests.get(0));
    assertThat(NestedMaven.slf4jNotices(output)).as(output).isEmpty();
  }

  /** Runs demo.Mirror as a user would, stdout and stderr together. */
  private static String java(Path project, String classpath) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", classpath, "demo.Mirror")
        .directory(project.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
