/**
 * Ferry's copy measured against {@code skopeo copy} on two real local registries
 * ({@link dev.ferry.benchmarks.CopyBenchmark}), and the small {@code main}s the
 * whole-process measurement runs ({@link dev.ferry.benchmarks.CopyMain},
 * {@link dev.ferry.benchmarks.BulkMain}). Not published; never run by {@code verify}.
 */
package dev.ferry.benchmarks;
