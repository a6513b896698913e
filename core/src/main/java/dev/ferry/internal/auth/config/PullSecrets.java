package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialException;
import dev.ferry.auth.CredentialProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes pull secrets ({@code kubernetes.io/dockerconfigjson}, or the legacy
 * {@code kubernetes.io/dockercfg} form; each as its decoded value, base64, or the whole Secret
 * object, see {@link KubernetesSecret}), merged as kubelet merges a pod's
 * {@code imagePullSecrets}: every entry of every secret goes into one keyring whose keys
 * are sorted in reverse lexicographic order, so {@code quay.io/org} is tried before
 * {@code quay.io}; entries under the same key keep the order of the secrets. Kubelet
 * tries each matching credential in turn; a provider answers with one, so the first wins.
 *
 * <p>Parsed when created: a malformed secret fails at once.
 *
 * <p>Thread-safety: immutable.
 */
public final class PullSecrets implements CredentialProvider {
  private final List<AuthEntry> entries;
  private final int secrets;

  private PullSecrets(List<AuthEntry> entries, int secrets) {
    this.entries = entries;
    this.secrets = secrets;
  }

  public static PullSecrets of(List<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    List<AuthEntry> all = new ArrayList<>();
    int order = 0;
    for (int i = 0; i < secrets.size(); i++) {
      String secret = Objects.requireNonNull(secrets.get(i), "secret");
      String source = "pull secret " + (i + 1) + " of " + secrets.size();
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > ConfigLimits.MAX_CONFIG_BYTES) {
        throw new CredentialException(source + ": larger than " + ConfigLimits.MAX_CONFIG_BYTES + " bytes");
      }
      ConfigDocument document = ConfigDocument.parse(KubernetesSecret.configDocument(secret, source), source,
          ConfigDocument.Format.KUBERNETES);
      for (AuthEntry e : document.entries()) {
        all.add(new AuthEntry(e.key(), e.credential(), order++));
      }
    }
    all.sort(Comparator.comparing((AuthEntry e) -> e.key().sortKey()).reversed()
        .thenComparingInt(AuthEntry::order));
    return new PullSecrets(List.copyOf(all), secrets.size());
  }

  @Override
  public Optional<Credential> credentialFor(String registry, String repository) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    String canonical = Hosts.canonical(registry);
    for (AuthEntry e : entries) {
      if (e.key().covers(canonical, repository, KeyStyle.KUBELET)) {
        return Optional.of(e.credential());
      }
    }
    return Optional.empty();
  }

  /** {@return how many secrets and entries, never what they hold} */
  @Override
  public String toString() {
    return "CredentialProvider.fromDockerConfigJson(" + secrets + (secrets == 1 ? " secret, " : " secrets, ")
        + entries.size() + (entries.size() == 1 ? " credential)" : " credentials)");
  }
}
