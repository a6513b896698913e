/**
 * Test support: {@link dev.ferry.testing.EmbeddedRegistry}, an OCI distribution
 * registry that runs inside the JVM; {@link dev.ferry.testing.TestImages}, which
 * pushes random images into any registry; and the JUnit 5 extension
 * {@link dev.ferry.testing.EmbeddedRegistryExtension}.
 *
 * @since 0.1
 */
@NullMarked
package dev.ferry.testing;

import org.jspecify.annotations.NullMarked;
