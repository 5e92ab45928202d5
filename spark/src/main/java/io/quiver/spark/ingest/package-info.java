/**
 * Ingestion of DataFrames into feature groups: rows become records (checked by storage's {@link
 * io.quiver.storage.record.RecordRules}, so a bad row fails with PutRecord's message), then either
 * stream to the online store through PutRecord, or are written by each partition as Parquet files
 * straight into the group's offline layout and committed by the driver.
 *
 * <p>Priorities: a committed job's rows appear exactly once whatever tasks failed or were retried;
 * no reader of the data folder (Quiver, DuckDB, Spark) ever sees a partial file; bad rows are
 * reported, never written; then throughput. Design notes on {@link
 * io.quiver.spark.ingest.OfflineIngestion}.
 */
@NullMarked
package io.quiver.spark.ingest;

import org.jspecify.annotations.NullMarked;
