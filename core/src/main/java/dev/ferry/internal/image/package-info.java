/**
 * Internal: images outside registries. Readers and writers of the OCI image layout
 * (a directory or one tar) and of docker-archive tars, behind a small source and
 * sink abstraction the copy engine drives. Not API.
 */
@NullMarked
package dev.ferry.internal.image;

import org.jspecify.annotations.NullMarked;
