package dev.ferry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code mvnw}, run for real against a throw-away Maven distribution served from a
 * {@code file:} repository: it installs once, checks the checksum, and leaves no download behind.
 */
class MavenWrapperTest {
  private static final String VERSION = "0.0.1-wrapper-test";
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path work;

  @Test
  void installsOnceAndLeavesNoArchiveBehind() throws Exception {
    byte[] archive = fakeDistribution();
    Path project = project(sha512(archive));
    Path repo = repository(archive);
    Path userHome = work.resolve("m2");

    Result first = run(project, repo, userHome);
    Result second = run(project, repo, userHome);

    assertThat(first.exit).as(first.output).isZero();
    assertThat(first.output).contains("mvnw: downloading Maven " + VERSION).contains("fake maven ran: -v");
    assertThat(second.output).doesNotContain("downloading").contains("fake maven ran: -v");
    try (Stream<Path> left = Files.list(userHome.resolve("wrapper/dists"))) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("apache-maven-" + VERSION);
    }
  }

  @Test
  void refusesADistributionWhoseChecksumDiffersAndCleansUp() throws Exception {
    byte[] archive = fakeDistribution();
    Path project = project("0".repeat(128));
    Path userHome = work.resolve("m2");

    Result result = run(project, repository(archive), userHome);

    assertThat(result.exit).isNotZero();
    assertThat(result.output).contains("checksum mismatch for Maven " + VERSION);
    try (Stream<Path> left = Files.list(userHome.resolve("wrapper/dists"))) {
      assertThat(left.toList()).isEmpty();
    }
  }

  private Path project(String sha512) throws IOException {
    Path project = Files.createDirectories(work.resolve("project"));
    Files.copy(ROOT.resolve("mvnw"), project.resolve("mvnw"));
    Path props = Files.createDirectories(project.resolve(".mvn/wrapper")).resolve("maven-wrapper.properties");
    Files.writeString(props, "mavenVersion=" + VERSION + "\ndistributionSha512Sum=" + sha512 + "\n");
    return project;
  }

  private Path repository(byte[] archive) throws IOException {
    Path dir = Files.createDirectories(work.resolve("repo/org/apache/maven/apache-maven/" + VERSION));
    Files.write(dir.resolve("apache-maven-" + VERSION + "-bin.tar.gz"), archive);
    return work.resolve("repo");
  }

  private static Result run(Path project, Path repo, Path userHome) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", project.resolve("mvnw").toString(), "-v")
        .directory(project.toFile()).redirectErrorStream(true);
    builder.environment().put("MAVEN_USER_HOME", userHome.toString());
    builder.environment().put("MVNW_REPOURL", repo.toUri().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exit, String output) {}

  /** A tar.gz holding {@code apache-maven-VERSION/bin/mvn}, a script that says it ran. */
  private static byte[] fakeDistribution() throws IOException {
    byte[] script = "#!/bin/sh\necho \"fake maven ran: $*\"\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (String dir : List.of("apache-maven-" + VERSION + "/", "apache-maven-" + VERSION + "/bin/")) {
        gz.write(header(dir, 0, '5', "0755"));
      }
      gz.write(header("apache-maven-" + VERSION + "/bin/mvn", script.length, '0', "0755"));
      gz.write(script);
      gz.write(new byte[(512 - script.length % 512) % 512]);
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static byte[] header(String name, long size, char type, String mode) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, mode + " \0");
    put(h, 108, "0000000\0");
    put(h, 116, "0000000\0");
    put(h, 124, String.format("%011o\0", size));
    put(h, 136, String.format("%011o\0", 0));
    put(h, 148, "        ");
    h[156] = (byte) type;
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o\0 ", sum));
    return h;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
  }

  private static String sha512(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
  }
}
