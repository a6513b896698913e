/**
 * Ferry core: image references, digests, platforms, the manifest model and,
 * in later releases, the registry client and the copy engine.
 *
 * <p>Only API packages are exported; {@code dev.ferry.internal.*} may change without notice.
 */
module dev.ferry.core {
  requires com.fasterxml.jackson.core;
  requires static transitive org.jspecify;

  exports dev.ferry;
  exports dev.ferry.reference;
  exports dev.ferry.manifest;
}
