/**
 * The embedded registry's HTTP handlers and storage. Not API: may change without notice.
 */
@NullMarked
package dev.ferry.testing.internal;

import org.jspecify.annotations.NullMarked;
