/**
 * Migration of a code base: {@link dev.ferry.migrate.ImageScan} finds every image a repository uses,
 * {@link dev.ferry.migrate.Migration} plans, copies and rewrites them.
 */
@NullMarked
package dev.ferry.migrate;

import org.jspecify.annotations.NullMarked;
