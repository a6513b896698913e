/**
 * Internal: a small JSON tree reader and deterministic writer over jackson-core. Not API.
 */
@NullMarked
package dev.ferry.internal.json;

import org.jspecify.annotations.NullMarked;
