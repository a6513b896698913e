/**
 * The manifest model: image manifests and indexes of every OCI and Docker kind, descriptors, media types, platforms and platform matching. No I/O.
 */
@NullMarked
package dev.ferry.manifest;

import org.jspecify.annotations.NullMarked;
