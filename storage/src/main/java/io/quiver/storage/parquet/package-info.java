/**
 * Quiver's one Parquet reader: chosen top-level columns of a file, local or in an object store,
 * read column at a time into a {@link io.quiver.storage.batch.ColumnBatch}, with row groups skipped
 * by their statistics. Every module that reads Parquet (SQL scans, datasets, bias, import) reads
 * through it.
 *
 * <p>Priorities: never a wrong answer from a damaged file (page checksums verified, failures name
 * the file); then speed of the point-in-time join (no per-row objects except shared dictionary
 * strings); tolerance of files from other writers (INT96 or INT64 timestamps, INT32/FLOAT widening,
 * missing later-added columns). Readers are confined to one thread; {@link
 * io.quiver.storage.parquet.ScanStatistics} is thread-safe.
 */
@NullMarked
package io.quiver.storage.parquet;

import org.jspecify.annotations.NullMarked;
