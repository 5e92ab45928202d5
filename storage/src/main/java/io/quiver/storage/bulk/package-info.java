/**
 * Bulk loads: many rows into a feature group at once, bypassing the per-record write path while
 * leaving the same result (the latest record per identifier online, every row once offline).
 * Parsers hand rows over as UTF-8 text columns ({@link io.quiver.storage.batch.ColumnBatch}), in
 * parallel; the commit writes the offline Parquet files straight from the columns and loads the
 * online store with one ingested SST file.
 *
 * <p>Priorities: the same answer as PutRecord, all or nothing across crashes, then throughput.
 * {@link io.quiver.storage.bulk.BulkLoad#add} is thread-safe; the rest is driven by one thread.
 */
@NullMarked
package io.quiver.storage.bulk;

import org.jspecify.annotations.NullMarked;
