package dev.ferry.benchmarks;

/** How the wide-area registries are reached. */
enum Variant {
  /** Plain HTTP, no auth: round trips of the registry API alone. */
  PLAIN("plain HTTP, no auth"),
  /** HTTPS (TLS terminated at the proxy, as at a registry's load balancer) and Bearer tokens from a token server behind its own link. */
  TLS_TOKEN("HTTPS + Bearer token auth");

  private final String label;

  Variant(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
