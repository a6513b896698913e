package dev.ferry.security;

import dev.ferry.FerryException;
import dev.ferry.manifest.Manifest;
import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import java.util.List;

/**
 * The client side of a hostile-registry scenario, run in its own JVM with a capped heap
 * by {@link SmallHeapJvm}: one call against the registry at {@code args[1]}, then one line
 * on stdout saying how it ended. An {@code OutOfMemoryError} ends the JVM (the parent
 * starts it with {@code -XX:+ExitOnOutOfMemoryError}), so a heap that grows with the
 * hostile body shows as an exit code, never as a passing run.
 */
public final class HostileClient {
  private HostileClient() {}

  /**
   * Runs one scenario.
   *
   * @param args the scenario ({@code manifest}, {@code tags}, {@code referrers}) and the registry {@code host:port}
   */
  public static void main(String[] args) {
    String scenario = args[0];
    String registry = args[1];
    ImageReference repository = ImageReference.parse(registry + "/hostile/app");
    try (RegistryClient client = RegistryClient.builder().plainHttp(registry).build()) {
      String outcome = switch (scenario) {
        case "manifest" -> {
          Manifest m = client.fetchManifest(repository.withTag("1.0"));
          yield "manifest " + m.mediaType() + " " + m.size() + " bytes, " + m.annotations().size() + " annotations";
        }
        case "tags" -> {
          List<String> tags = client.listTags(repository);
          yield "tags " + tags.size();
        }
        case "referrers" -> {
          Digest subject = Digest.sha256("subject".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          yield "referrers " + client.referrers(repository, subject, null).size();
        }
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      };
      System.out.println("RETURNED " + outcome);
    } catch (FerryException e) {
      System.out.println("REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    System.out.println("HEAP " + Runtime.getRuntime().maxMemory());
  }
}
