package dev.ferry.internal.auth.config;

/** How the tool that wrote a credentials map reads its keys. */
enum KeyStyle {
  /**
   * Docker's {@code config.json} and the containers {@code auth.json}, as containers/image
   * reads them: a key with a scheme ({@code https://index.docker.io/v1/}) names its host;
   * a key without one names a host, or a namespace or repository under it
   * ({@code quay.io/org/app}). A bare {@code /v1/} or {@code /v2/} path is the API, not a namespace.
   */
  DOCKER,
  /** The legacy {@code ~/.dockercfg}: every key, URL or not, names a host. */
  LEGACY,
  /**
   * Kubernetes pull secrets, as kubelet reads them: the scheme is dropped, a leading
   * {@code /v1/} or {@code /v2/} is dropped from the path, the rest of the path scopes the
   * key, and host labels may be globs ({@code *.gcr.io}).
   */
  KUBELET
}
