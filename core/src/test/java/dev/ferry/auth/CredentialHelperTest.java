package dev.ferry.auth;

import static dev.ferry.auth.ConfigFiles.environment;
import static dev.ferry.auth.ConfigFiles.helper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real helper programs (shell scripts) on a temporary PATH. */
@DisabledOnOs(OS.WINDOWS)
class CredentialHelperTest {
  private static final String SECRET = "S3CRET-from-helper";

  @TempDir
  Path dir;

  private Path bin() {
    return dir.resolve("bin");
  }

  private Path log() {
    return dir.resolve("asked.log");
  }

  /** A helper that logs what it was asked, knows ghcr.io and Docker Hub, and nothing else. */
  private CredentialHelper standardHelper() {
    helper(bin(), "test", "[ \"$1\" = get ] || exit 9\n"
        + "server=$(cat)\n"
        + "echo \"$server\" >> '" + log() + "'\n"
        + "case \"$server\" in\n"
        + "  ghcr.io) printf '{\"ServerURL\":\"%s\",\"Username\":\"bot\",\"Secret\":\"" + SECRET + "\"}' \"$server\";;\n"
        + "  https://index.docker.io/v1/) printf '{\"ServerURL\":\"%s\",\"Username\":\"<token>\",\"Secret\":\"refresh-" + SECRET
        + "\"}' \"$server\";;\n"
        + "  *) echo 'credentials not found in native keychain'; exit 1;;\n"
        + "esac");
    return CredentialHelper.named("test", environment(dir, bin()));
  }

  private List<String> asked() throws Exception {
    return Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void foundOnThePathAskedWithTheServerOnStandardInput() throws Exception {
    CredentialHelper h = standardHelper();
    assertThat(h.credentialFor("ghcr.io", "org/app")).contains(Credential.basic("bot", SECRET));
    assertThat(asked()).containsExactly("ghcr.io");
    assertThat(h.name()).isEqualTo("test");
    assertThat(h.toString()).isEqualTo("CredentialHelper[docker-credential-test]");
  }

  @Test
  void dockerHubIsAskedForAsDockerAsksAndTheTokenUserNameMeansAnIdentityToken() throws Exception {
    CredentialHelper h = standardHelper();
    assertThat(h.credentialFor("docker.io", "library/nginx")).contains(Credential.identityToken("refresh-" + SECRET));
    assertThat(asked()).containsExactly("https://index.docker.io/v1/");
  }

  @Test
  void credentialsNotFoundMeansAnonymous() throws Exception {
    CredentialHelper h = standardHelper();
    assertThat(h.credentialFor("quay.io", "org/app")).isEmpty();
    assertThat(h.credentialFor("localhost:5000", "x")).isEmpty();
    assertThat(asked()).containsExactly("quay.io", "localhost:5000");
  }

  @Test
  void answersIncludingNoneAreKeptForTheProvidersLife() throws Exception {
    CredentialHelper h = standardHelper();
    for (int i = 0; i < 3; i++) {
      assertThat(h.credentialFor("ghcr.io", "repo" + i)).isPresent();
      assertThat(h.credentialFor("quay.io", "repo" + i)).isEmpty();
      assertThat(h.credentialFor("index.docker.io", "library/x")).isPresent();
    }
    assertThat(asked()).containsExactly("ghcr.io", "quay.io", "https://index.docker.io/v1/");
  }

  @Test
  void threadsAskingAtOnceShareOneRun() throws Exception {
    helper(bin(), "slow", "cat >/dev/null; echo run >> '" + log() + "'; sleep 0.3\n"
        + "printf '{\"ServerURL\":\"r\",\"Username\":\"u\",\"Secret\":\"s\"}'");
    CredentialHelper h = CredentialHelper.named("slow", environment(dir, bin()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(() -> assertThat(h.credentialFor("ghcr.io", "a")).contains(Credential.basic("u", "s"))));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(asked()).containsExactly("run");
  }

  @Test
  void aFailingHelperIsNamedWithItsExitCodeAndErrorOutput() {
    helper(bin(), "broken", "cat >/dev/null; echo 'keychain is locked' >&2; echo 'error talking to the store'; exit 3");
    Throwable t = catchThrowable(() -> CredentialHelper.named("broken", environment(dir, bin()))
        .credentialFor("ghcr.io", "a"));
    assertThat(t).isInstanceOfSatisfying(CredentialHelperException.class, e -> {
      assertThat(e.helper()).isEqualTo("docker-credential-broken");
      assertThat(e.exitCode()).hasValue(3);
      assertThat(e.timedOut()).isFalse();
      assertThat(e.getMessage()).contains("docker-credential-broken").contains("ghcr.io")
          .contains("exited with code 3").contains("keychain is locked").contains("error talking to the store");
    });
  }

  @Test
  void aHelperThatPrintsACredentialAndThenFailsHasItsOutputWithheld() {
    helper(bin(), "leaky", "cat >/dev/null; printf '{\"Username\":\"u\",\"Secret\":\"" + SECRET + "\"}'; exit 1");
    Throwable t = catchThrowable(() -> CredentialHelper.named("leaky", environment(dir, bin()))
        .credentialFor("ghcr.io", "a"));
    assertThat(t).isInstanceOf(CredentialHelperException.class).hasMessageContaining("withheld")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void garbageOutputIsATypedErrorThatDoesNotQuoteIt() {
    helper(bin(), "garbage", "cat >/dev/null; echo 'Username=u Secret=" + SECRET + "'");
    Throwable t = catchThrowable(() -> CredentialHelper.named("garbage", environment(dir, bin()))
        .credentialFor("ghcr.io", "a"));
    assertThat(t).isInstanceOfSatisfying(CredentialHelperException.class, e -> {
      assertThat(e.exitCode()).hasValue(0);
      assertThat(e.getMessage()).contains("docker-credential-garbage").contains("not the JSON object")
          .doesNotContain(SECRET);
    });
    helper(bin(), "nosecret", "cat >/dev/null; echo '{\"Username\":\"u\"}'");
    assertThatThrownBy(() -> CredentialHelper.named("nosecret", environment(dir, bin())).credentialFor("ghcr.io", "a"))
        .isInstanceOf(CredentialHelperException.class).hasMessageContaining("\"Secret\"");
  }

  @Test
  void anEmptyAnswerMeansNoCredential() {
    helper(bin(), "empty", "cat >/dev/null; echo '{\"ServerURL\":\"ghcr.io\",\"Username\":\"\",\"Secret\":\"\"}'");
    assertThat(CredentialHelper.named("empty", environment(dir, bin())).credentialFor("ghcr.io", "a")).isEmpty();
  }

  @Test
  void aHelperThatHangsIsKilledWithEverythingItStartedAfterTheTimeLimit() throws Exception {
    Path pidFile = dir.resolve("sleep.pid");
    Path runs = dir.resolve("runs");
    helper(bin(), "hang", "echo run >> '" + runs + "'; cat >/dev/null; sleep 60 & echo $! > '" + pidFile + "'; wait");
    CredentialHelper h = CredentialHelper.named("hang",
        environment(dir, bin()).withHelperTimeout(Duration.ofMillis(500)));
    Throwable t = catchThrowable(() -> h.credentialFor("ghcr.io", "a"));

    assertThat(t).isInstanceOfSatisfying(CredentialHelperException.class, e -> {
      assertThat(e.timedOut()).isTrue();
      assertThat(e.exitCode()).isEmpty();
      assertThat(e.getMessage()).contains("docker-credential-hang").contains("did not answer within 500 ms");
    });
    long sleepPid = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(running(sleepPid)).as("the helper's child process is gone").isFalse();
    // the failure is the answer for this provider's life: no second wait, as the helper is not run again
    assertThatThrownBy(() -> h.credentialFor("ghcr.io", "b")).isInstanceOf(CredentialHelperException.class);
    assertThat(Files.readAllLines(runs)).hasSize(1);
  }

  /** Whether a process still runs; a killed one may linger as a zombie until something reaps it. */
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      String text;
      try {
        text = Files.readString(stat);
      } catch (java.nio.file.NoSuchFileException gone) {
        return false;
      }
      char state = text.charAt(text.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void aHelperNotOnThePathIsAnError() {
    Throwable t = catchThrowable(() -> CredentialHelper.named("absent", environment(dir, bin()))
        .credentialFor("ghcr.io", "a"));
    assertThat(t).isInstanceOfSatisfying(CredentialHelperException.class, e -> {
      assertThat(e.getMessage()).contains("docker-credential-absent").contains("is not on the PATH");
      assertThat(e.exitCode()).isEmpty();
    });
  }

  @Test
  void theHelperRunsWithTheExplicitEnvironmentOnly() {
    helper(bin(), "env", "cat >/dev/null; printf '{\"Username\":\"%s\",\"Secret\":\"%s\"}' \"$FERRY_MARK\" \"${USER:-none}\"");
    CredentialHelper h = CredentialHelper.named("env", environment(dir, bin(), "FERRY_MARK", "marked"));
    assertThat(h.credentialFor("ghcr.io", "a")).contains(Credential.basic("marked", "none"));
  }

  @Test
  void namesThatAreNotHelperNamesAreRefused() {
    CredentialEnvironment env = environment(dir, bin());
    for (String bad : new String[] {"", "../sh", "a/b", "-x", ".hidden", "two words", "docker-credential-x/.."}) {
      assertThatThrownBy(() -> CredentialHelper.named(bad, env)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(CredentialHelper.named("desktop.exe", env).name()).isEqualTo("desktop.exe");
    assertThat(CredentialHelper.named("ecr-login", env).name()).isEqualTo("ecr-login");
  }
}
