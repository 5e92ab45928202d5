/**
 * Column-at-a-time reading of offline store Parquet files into primitive arrays, with projection,
 * row-group pruning by statistics and partition pruning by the hive path.
 *
 * <p>Priorities: speed of the point-in-time join (no per-row objects except shared dictionary
 * strings), tolerance of files from other writers (INT96 or INT64 timestamps, INT32/FLOAT widening,
 * missing later-added columns). Readers are confined to one thread; {@link
 * io.quiver.query.parquet.ScanStatistics} is thread-safe.
 */
@NullMarked
package io.quiver.query.parquet;

import org.jspecify.annotations.NullMarked;
