package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialEnvironment;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialHelperException;
import dev.ferry.internal.Texts;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Asks credential helpers, at most once per helper and server for the life of this
 * client: the answer (a credential, none, or a failure) is kept, so a slow or broken
 * helper costs one run, not one per request. Threads asking the same question at once
 * share one run.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class HelperClient {
  private final CredentialEnvironment environment;
  private final ConcurrentMap<String, CompletableFuture<HelperAnswer>> answers = new ConcurrentHashMap<>();

  public HelperClient(CredentialEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The helper's credential for a server.
   *
   * @param helper the helper's name, without {@code docker-credential-}
   * @param serverUrl what the helper is asked about (see {@link Hosts#serverUrl})
   * @param origin where the helper was named, for messages, e.g. {@code credsStore of /home/u/.docker/config.json}
   * @return the credential, or empty when the helper has none for the server
   * @throws CredentialHelperException when the helper gives no usable answer
   */
  public Optional<Credential> get(String helper, String serverUrl, String origin) {
    String key = helper + '\n' + serverUrl;
    CompletableFuture<HelperAnswer> mine = new CompletableFuture<>();
    CompletableFuture<HelperAnswer> known = answers.putIfAbsent(key, mine);
    HelperAnswer answer;
    if (known == null) {
      try {
        answer = ask(helper, serverUrl);
        mine.complete(answer);
      } finally {
        if (!mine.isDone()) {
          // interrupted, or a bug: not the helper's answer, so nothing is kept and the next caller asks again
          answers.remove(key, mine);
          mine.complete(HelperAnswer.failed("gave no answer: the thread asking it failed", OptionalInt.empty(),
              false));
        }
      }
    } else {
      answer = await(known, helper);
    }
    if (answer.failure() != null) {
      throw new CredentialHelperException(HelperNames.PREFIX + helper + " (" + origin + ") " + answer.failure()
          + " when asked for " + serverUrl, HelperNames.PREFIX + helper, answer.exitCode(), answer.timedOut());
    }
    Credential found = answer.credential();
    return found == null ? Optional.empty()
        : Optional.of(found.withSource(HelperNames.PREFIX + helper + " (" + origin + ")"));
  }

  private HelperAnswer ask(String helper, String serverUrl) {
    String program = HelperNames.PREFIX + helper;
    Optional<Path> executable = Executables.find(program, environment);
    if (executable.isEmpty()) {
      String path = environment.variable("PATH").orElse("");
      return HelperAnswer.failed(path.isEmpty() ? "cannot run: the environment has no PATH to find it on"
          : "is not on the PATH (" + Texts.escape(path) + ")", OptionalInt.empty(), false);
    }
    try {
      return HelperAnswer.of(HelperProcess.run(executable.get(), serverUrl, environment.variables(),
          environment.helperTimeout()));
    } catch (HelperProcess.Failure f) {
      if (f.kind() == HelperProcess.Failure.Kind.INTERRUPTED) {
        throw new CredentialHelperException(program + " " + f.getMessage(), program, OptionalInt.empty(), false);
      }
      String why = f.kind() == HelperProcess.Failure.Kind.NOT_STARTED ? "could not be started: " + f.getMessage()
          : Texts.messageOf(f);
      return HelperAnswer.failed(why, OptionalInt.empty(), f.kind() == HelperProcess.Failure.Kind.TIMED_OUT);
    }
  }

  private static HelperAnswer await(CompletableFuture<HelperAnswer> known, String helper) {
    try {
      return known.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialException("interrupted while waiting for " + HelperNames.PREFIX + helper);
    } catch (ExecutionException e) {
      throw new IllegalStateException("credential helper answers are never exceptional", e);
    }
  }
}
