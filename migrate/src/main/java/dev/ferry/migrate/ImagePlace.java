package dev.ferry.migrate;

/**
 * The kind of place an image reference was found in.
 *
 * <p>Thread-safety: an enum, immutable.
 *
 * @since 0.1
 */
public enum ImagePlace {
  /** The image of a Dockerfile {@code FROM} line. */
  DOCKERFILE_FROM,
  /** The default of a Dockerfile {@code ARG} that a {@code FROM}, {@code COPY --from} or mount uses as its image. */
  DOCKERFILE_ARG,
  /** The image of a Dockerfile {@code COPY --from=<image>}. */
  DOCKERFILE_COPY_FROM,
  /** The image of a Dockerfile {@code RUN --mount=...,from=<image>}. */
  DOCKERFILE_MOUNT_FROM,
  /** {@code image:} of a Kubernetes container, init container or ephemeral container. */
  KUBERNETES_CONTAINER,
  /** {@code services.<name>.image} of a Docker Compose file. */
  COMPOSE_SERVICE,
  /** A string {@code image:} in a Helm values file. */
  HELM_VALUE,
  /** An {@code image:} map ({@code registry}, {@code repository}, {@code tag}, {@code digest}) in a Helm values file. */
  HELM_IMAGE_MAP,
  /** Any other scalar {@code image:} key in YAML (custom resources, CI files). */
  YAML_IMAGE_KEY,
  /** A whole file that could not be read as what its name says (reported as unresolved only). */
  FILE
}
