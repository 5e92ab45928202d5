/**
 * Quiver's one columnar batch type: {@link io.quiver.storage.batch.ColumnBatch} of {@link
 * io.quiver.storage.batch.ColumnVector}s, primitive arrays on the heap with a null mask. Every
 * module that moves rows in bulk (the offline readers, SQL scans, point-in-time joins, import,
 * flows, analysis, export) uses it; Arrow and Spark batches are made from it only at the edge where
 * a protocol needs them.
 *
 * <p>Priorities: no per-row objects (dictionary strings are shared), no off-heap lifecycle, code
 * the JIT turns into tight loops. A vector is filled by one thread and read-only once handed on;
 * {@link io.quiver.storage.batch.IdentifierCodes} is thread-safe.
 */
@NullMarked
package io.quiver.storage.batch;

import org.jspecify.annotations.NullMarked;
