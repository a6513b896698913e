/**
 * Ferry migrate: finds the image references of a code base (Dockerfiles, Kubernetes and Compose
 * YAML, Helm values), copies the images into another registry and rewrites the references in place.
 *
 * <p>Only {@code dev.ferry.migrate} is exported.
 */
module dev.ferry.migrate {
  requires transitive dev.ferry.core;
  requires org.snakeyaml.engine;
  requires com.fasterxml.jackson.core;
  requires static transitive org.jspecify;

  exports dev.ferry.migrate;
}
