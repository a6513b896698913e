/**
 * Internal helpers shared by Ferry's packages. Not API: may change without notice.
 */
@NullMarked
package dev.ferry.internal;

import org.jspecify.annotations.NullMarked;
