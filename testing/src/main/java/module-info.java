/**
 * Ferry testing: an in-process OCI distribution registry ({@code EmbeddedRegistry}),
 * a JUnit 5 extension that starts one per test or per class, and {@code TestImages},
 * which builds and pushes random test images without Docker.
 *
 * <p>Only {@code dev.ferry.testing} is exported; {@code dev.ferry.testing.internal}
 * may change without notice.
 */
module dev.ferry.testing {
  requires transitive dev.ferry.core;
  requires jdk.httpserver;
  requires static transitive org.junit.jupiter.api;
  requires static transitive org.jspecify;

  exports dev.ferry.testing;
}
