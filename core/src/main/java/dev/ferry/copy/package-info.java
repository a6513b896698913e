/**
 * Copying images: {@link dev.ferry.copy.CopyOperation} for one image (one platform, some, or a whole
 * index with its digest unchanged) and {@link dev.ferry.copy.BulkCopy} for many, verified and streamed,
 * between registries and, through {@link dev.ferry.copy.ImageLocation}, OCI layouts, OCI archives and
 * docker-archives.
 */
@NullMarked
package dev.ferry.copy;

import org.jspecify.annotations.NullMarked;
