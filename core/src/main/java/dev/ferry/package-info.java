/**
 * Ferry's root: the {@link dev.ferry.FerryException} hierarchy root and the {@link dev.ferry.FerryLimits} that bound hostile input.
 */
@NullMarked
package dev.ferry;

import org.jspecify.annotations.NullMarked;
