/**
 * The offline staging log: every record bound for the offline store, committed in the same RocksDB
 * write batch as its online update, keyed by a sequence number, until the flusher writes it to
 * Parquet.
 *
 * <p>Priorities: no acknowledged record is lost or duplicated. Thread-safe.
 *
 * <p>Internal to storage: other modules go through {@code QuiverStore}.
 */
@NullMarked
package io.quiver.storage.internal.staging;

import org.jspecify.annotations.NullMarked;
