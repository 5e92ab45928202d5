package io.quiver.storage.offline;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.internal.catalog.Catalog;
import io.quiver.storage.internal.staging.StagingListener;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import java.util.List;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * The offline stores of every feature group of a data directory, fed from the staging log by a
 * background flusher. Thread-safe. Closing flushes everything staged, then stops.
 *
 * <p>Failures: {@link io.quiver.storage.error.StorageException} or {@link
 * java.io.UncheckedIOException} naming the file or location; a failed flush leaves its records
 * staged (nothing is lost) and is retried.
 */
public interface OfflineStore extends AutoCloseable {

  /**
   * Opens the offline store over the staging and offline column families of {@code db}; call {@link
   * #start} once the staging log is open. The handles stay owned by the caller.
   *
   * @throws io.quiver.storage.error.StorageException if the offline column family cannot be read
   */
  static OfflineStore open(
      RocksDB db,
      ColumnFamilyHandle staging,
      ColumnFamilyHandle offline,
      WriteOptions writeOptions,
      Catalog catalog,
      OfflineStoreSettings settings) {
    return ParquetOfflineStore.open(db, staging, offline, writeOptions, catalog, settings);
  }

  /**
   * The offline history of a data directory opened as a RocksDB secondary instance (read-only,
   * without the directory's lock, while another process may write to it): before each read, {@code
   * catchUp} runs under the history's lock and brings the instance up to date with the writer. The
   * handles and the resolver stay owned by the caller.
   *
   * @param catalog the catalog's groups, read after a catch-up
   */
  static OfflineHistory secondaryHistory(
      RocksDB db,
      ColumnFamilyHandle staging,
      ColumnFamilyHandle offline,
      Runnable catchUp,
      Supplier<List<FeatureGroup>> catalog,
      ObjectStoreResolver stores) {
    return SecondaryHistory.create(db, staging, offline, catchUp, catalog, stores);
  }

  /**
   * The smallest sequence number the staging log may use next: above every number ever flushed, so
   * that numbers (and the file names derived from them) are never reused.
   */
  long sequenceFloor();

  /** The listener the staging log must tell about staged entries (drives the size trigger). */
  StagingListener stagingListener();

  /**
   * Starts the background flusher. Its first round completes any flush a crash interrupted, then
   * flushes what was staged before the store opened.
   *
   * @param firstSequence the first sequence number the staging log hands out in this run
   * @throws IllegalStateException if already started or closed
   */
  void start(long firstSequence);

  /**
   * Writes every record staged before this call to its group's offline store; returns once the
   * files are durable and the staged entries gone.
   *
   * @throws io.quiver.storage.error.StorageException if a file cannot be written (records stay
   *     staged)
   * @throws IllegalStateException if the store is closed
   */
  default void flush() {
    flush(FlushProgress.silent());
  }

  /**
   * Writes every record staged before this call, as {@link #flush()}, telling {@code progress}
   * about each file written.
   *
   * @throws io.quiver.storage.error.StorageException if a file cannot be written (records stay
   *     staged)
   * @throws IllegalStateException if the store is closed
   */
  void flush(FlushProgress progress);

  /** Bytes staged and not yet written to Parquet files (an estimate kept by the flush trigger). */
  long backlogBytes();

  /**
   * Checks that {@code baseUri} is a location the offline store can write ({@code file:///folder}
   * or {@code s3://bucket/prefix}).
   *
   * @throws IllegalArgumentException if it is not
   */
  void checkLocation(String baseUri);

  /**
   * The Parquet files of {@code group}'s offline store, including files other writers dropped into
   * its layout; hidden files ({@code .} or {@code _} prefixed), non-Parquet files and the files of
   * a bulk load that has not committed (or is being taken back) are left out. Sorted by key.
   *
   * @throws IllegalArgumentException if the group has no offline store
   */
  List<OfflineFile> listFiles(FeatureGroup group);

  /** The offline history of every group, read without waiting for the flusher. */
  OfflineHistory history();

  /**
   * The content of one of {@code group}'s files.
   *
   * @throws IllegalArgumentException if the group has no offline store
   */
  byte[] read(FeatureGroup group, OfflineFile file);

  /**
   * The key, below {@code group}'s base location, of file {@code fileIndex} of bulk load {@code
   * loadId}: in the partition of {@code latestEventTimeMicros}, named as flushed files are, with a
   * tag derived from the load and the index, so that writing it again writes the same name.
   */
  String bulkFileKey(
      FeatureGroup group,
      long latestEventTimeMicros,
      long writeTimeMicros,
      long loadId,
      int fileIndex);

  /**
   * Writes one file of {@code group}'s offline store straight from typed columns, for a bulk load
   * that bypasses staging: {@code batches} hold one vector per feature in definition order (LONG
   * for Integral, DOUBLE for Fractional, STRING for String, collections all null), {@code rows}
   * lists the rows in file order as {@code batch index << 32 | row}. The file appears whole or not
   * at all, but is durable only once {@link #syncBulkFiles} has returned for it.
   *
   * @throws io.quiver.storage.error.StorageException or {@link java.io.UncheckedIOException} if the
   *     file cannot be written
   */
  void writeBulkFile(
      FeatureGroup group,
      String key,
      List<ColumnBatch> batches,
      long[] rows,
      long writeTimeMicros,
      long apiInvocationMicros);

  /**
   * Makes the files at {@code keys} below the base location {@code baseUri}, written by {@link
   * #writeBulkFile}, durable (one pass over many files is much cheaper than a sync per file).
   *
   * @throws java.io.UncheckedIOException if a file cannot be synced
   */
  void syncBulkFiles(String baseUri, List<String> keys);

  /**
   * Removes the files at {@code keys} below the base location {@code baseUri} (files of a bulk load
   * that did not commit); keys with no file are skipped.
   *
   * @throws io.quiver.storage.error.StorageException or {@link java.io.UncheckedIOException} if a
   *     file cannot be removed
   */
  void deleteBulkFiles(String baseUri, List<String> keys);

  /** Flushes everything staged, stops the flusher and releases the object stores; idempotent. */
  @Override
  void close();
}
