package io.quiver.storage.bulk;

/**
 * What a committed bulk load wrote.
 *
 * @param rows the rows loaded (every valid row added)
 * @param onlineRecords the records written online: one per identifier, 0 without an online store
 * @param offlineFiles the Parquet files written, 0 without an offline store
 */
public record BulkLoadSummary(long rows, long onlineRecords, int offlineFiles) {}
