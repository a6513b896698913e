/**
 * Mirrors kept in step: {@link dev.ferry.sync.Mirror} copies the tags a {@link dev.ferry.sync.TagFilter} picks from
 * source repositories into destination repositories, once ({@code sync}, {@code plan}) or on a schedule
 * ({@link dev.ferry.sync.ScheduledSync}), and reports every tag in a {@link dev.ferry.sync.SyncReport}.
 */
@NullMarked
package dev.ferry.sync;

import org.jspecify.annotations.NullMarked;
