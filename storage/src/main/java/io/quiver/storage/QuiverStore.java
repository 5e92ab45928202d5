package io.quiver.storage;

import io.quiver.storage.bulk.BulkLoad;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceLimitExceededException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.ingest.IngestTransformCompiler;
import io.quiver.storage.offline.FlushProgress;
import io.quiver.storage.offline.OfflineFile;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.offline.OfflineSnapshot;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An open Quiver data directory: the feature group catalog and the records of every group, with
 * SageMaker Feature Store's semantics. Thread-safe; close it to release the directory.
 *
 * <pre>{@code
 * try (QuiverStore store = QuiverStore.open(Path.of("quiver-data"))) {
 *   store.createFeatureGroup(FeatureGroupSpec.builder("customers")
 *       .recordIdentifier("id").eventTime("ts")
 *       .feature("id", FeatureType.STRING).feature("ts", FeatureType.FRACTIONAL)
 *       .onlineStore(OnlineStoreConfig.enabled()).build());
 *   store.putRecord("customers", Record.builder().set("id", "c1").set("ts", 1.7e9).build());
 *   Optional<OnlineRecord> latest = store.getRecord("customers", "c1");
 * }
 * }</pre>
 *
 * <p>Every method that takes a feature group name also takes its ARN, except {@link
 * #createFeatureGroup} and {@link #deleteFeatureGroup}. Failures are {@link
 * io.quiver.storage.error.QuiverException}s; a failed write has written nothing.
 */
public interface QuiverStore extends AutoCloseable {

  /**
   * Whether {@code dataDir} holds a Quiver store, so that a tool can refuse a mistyped folder
   * rather than create an empty store there.
   */
  static boolean exists(Path dataDir) {
    return RocksDatabase.exists(dataDir);
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir} with default settings.
   *
   * @throws StorageException if the directory cannot be opened (for example, another process has
   *     it)
   */
  static QuiverStore open(Path dataDir) {
    return open(StoreConfig.builder(dataDir).build());
  }

  /**
   * Opens (creating if needed) the store described by {@code config}.
   *
   * @throws StorageException if the directory cannot be opened (for example, another process has
   *     it)
   */
  static QuiverStore open(StoreConfig config) {
    return RocksQuiverStore.open(config, IngestTransforms.discover().orElse(null));
  }

  /**
   * Opens (creating if needed) the store described by {@code config}, compiling the ingest
   * transforms of feature groups with {@code compiler} instead of the one found on the class path.
   *
   * @throws StorageException if the directory cannot be opened (for example, another process has
   *     it)
   */
  static QuiverStore open(StoreConfig config, IngestTransformCompiler compiler) {
    return RocksQuiverStore.open(config, java.util.Objects.requireNonNull(compiler, "compiler"));
  }

  /** The settings this store was opened with. */
  StoreConfig config();

  /**
   * Creates a feature group; it is ready for records on return. A group with an {@linkplain
   * FeatureGroupSpec#ingestTransform() ingest transform} has it compiled first, and is refused if
   * it cannot run.
   *
   * @throws ValidationException if the definition breaks a rule or its ingest transform cannot run
   * @throws ResourceInUseException if a group of that name exists
   * @throws ResourceLimitExceededException if the store holds its maximum number of groups
   */
  FeatureGroup createFeatureGroup(FeatureGroupSpec spec);

  /**
   * Describes a feature group.
   *
   * @throws ResourceNotFoundException if there is no such group
   */
  FeatureGroup describeFeatureGroup(String nameOrArn);

  /** Every feature group, sorted by name. */
  List<FeatureGroup> listFeatureGroups();

  /**
   * Deletes a feature group and its online records; offline history stays in place, and records
   * staged before the delete still reach it.
   *
   * @throws ResourceNotFoundException if there is no such group
   */
  void deleteFeatureGroup(String name);

  /**
   * Appends features to a group.
   *
   * @throws ValidationException if an addition breaks a rule
   * @throws ResourceNotFoundException if there is no such group
   */
  FeatureGroup addFeatures(String nameOrArn, List<FeatureDefinition> additions);

  /**
   * Sets, or with {@code null} removes, a group's default online TTL; it applies to records written
   * afterwards.
   *
   * @throws ValidationException if the group has no online store
   * @throws ResourceNotFoundException if there is no such group
   */
  FeatureGroup updateDefaultTtl(String nameOrArn, @Nullable TtlDuration ttl);

  /**
   * Replaces a group's throughput configuration.
   *
   * @throws ValidationException if the configuration breaks a rule
   * @throws ResourceNotFoundException if there is no such group
   */
  FeatureGroup updateThroughput(String nameOrArn, ThroughputConfig throughput);

  /**
   * Changes one feature's description and parameters.
   *
   * @throws ValidationException if the change breaks a rule
   * @throws ResourceNotFoundException if there is no such group or feature
   */
  FeatureGroup updateFeatureMetadata(
      String nameOrArn,
      String featureName,
      @Nullable String description,
      Map<String, String> parameterAdditions,
      List<String> parameterRemovals);

  /**
   * Adds tags to a group, replacing the values of keys it has, and removes the tags whose keys are
   * in {@code removals} (unknown keys are ignored). Tags are kept in the catalog with the group.
   *
   * @throws ValidationException if a tag breaks a rule (key 1 to 128 characters, value at most 256)
   *     or the group would have more than 50 tags
   * @throws ResourceNotFoundException if there is no such group
   */
  FeatureGroup updateTags(String nameOrArn, List<Tag> additions, Collection<String> removals);

  /**
   * Writes a record to every store of its group, as {@link #putRecord(String, Record,
   * RecordWriteOptions)} with default options.
   */
  default void putRecord(String featureGroup, Record record) {
    putRecord(featureGroup, record, RecordWriteOptions.defaults());
  }

  /**
   * Writes a record. Online, it replaces the stored record of its identifier only if its event time
   * is greater; otherwise it is history and goes to the offline store only. The write is durable
   * (WAL) when this returns. In a group with an ingest transform, {@code record} is the raw record:
   * the transform's output is what is checked and stored, in both stores in the same write.
   *
   * @throws ValidationException if the record breaks a rule or the ingest transform refuses it
   *     (nothing is written)
   * @throws ResourceNotFoundException if there is no such group
   */
  void putRecord(String featureGroup, Record record, RecordWriteOptions options);

  /**
   * Writes a record as {@link #putRecord(String, Record, RecordWriteOptions)} does, unless the
   * write would have to wait: for RocksDB to catch up with its background work (a write stall), for
   * an fsync (a store opened with {@link StoreConfig#syncWrites()}), or for another write holding
   * the identifier's lock (a batch of records, a bulk load). Then nothing is written and it returns
   * false, so that a caller on a thread that must not block (a network event loop) can hand the
   * write to one that may.
   *
   * @return whether the record was written
   * @throws ValidationException if the record breaks a rule (nothing is written)
   * @throws ResourceNotFoundException if there is no such group
   */
  boolean tryPutRecord(String featureGroup, Record record, RecordWriteOptions options);

  /**
   * Writes several PutRecords, of any groups, in one durable write (a group commit), never waiting:
   * each put is checked, transformed, compared and stored exactly as {@link #tryPutRecord} would,
   * ending as in list order (a later put of the same identifier compares with an earlier one of the
   * list), and the ones it can take are committed together. A put is refused (with the error {@link
   * #putRecord} would throw) without affecting the others, and one that would have to wait (see
   * {@link #tryPutRecord}) is left unwritten for the caller to make where waiting is allowed.
   *
   * @return what became of each put, in the order of {@code puts}
   */
  List<PutOutcome> tryPutEach(List<RecordPut> puts);

  /**
   * Writes {@code records} in order, each as {@link #putRecord(String, Record, RecordWriteOptions)}
   * would, committed together in one durable write: much cheaper per record for bulk loads. A
   * record is compared with the stored record of its identifier, or with an earlier record of the
   * same identifier in the list.
   *
   * @throws ValidationException at the first record that breaks a rule: the records before it are
   *     written, none from it on
   * @throws ResourceNotFoundException if there is no such group (nothing is written)
   */
  void putRecords(String featureGroup, List<Record> records, RecordWriteOptions options);

  /**
   * Starts a bulk load into a new or empty feature group: many rows checked by the PutRecord rules
   * and written at once, straight to the offline files and the online store, with the result
   * PutRecords of the same rows would leave; nothing is visible until it commits, and a load that
   * does not commit leaves nothing. See {@link BulkLoad}.
   *
   * @throws ResourceInUseException if the group has records online
   * @throws ValidationException if the group has an ingest transform or online records that expire
   *     (a default TTL): those load through {@link #putRecords}
   * @throws ResourceNotFoundException if there is no such group
   */
  BulkLoad bulkLoad(String featureGroup);

  /**
   * Writes {@code records} as {@link #putRecords} does, but answers a refused record instead of
   * throwing it, with how many records before it were written: for callers that must say exactly
   * what was committed, such as a server streaming records.
   *
   * @throws ResourceNotFoundException if there is no such group (nothing is written)
   * @throws StorageException if the write itself fails (nothing is written)
   */
  PutRecordsResult tryPutRecords(
      String featureGroup, List<Record> records, RecordWriteOptions options);

  /**
   * Reads the latest online record of an identifier, with all features.
   *
   * @throws ValidationException if the group has no online store or the identifier is not valid
   * @throws ResourceNotFoundException if there is no such group
   */
  default Optional<OnlineRecord> getRecord(String featureGroup, String recordIdentifier) {
    return getRecord(featureGroup, recordIdentifier, null);
  }

  /**
   * Reads the latest online record of an identifier. Empty if there is none, it was deleted, or it
   * has expired.
   *
   * @param featureNames the features to return, or {@code null} for all
   * @throws ValidationException if the group has no online store, a feature name is unknown, or the
   *     identifier is not valid
   * @throws ResourceNotFoundException if there is no such group
   */
  Optional<OnlineRecord> getRecord(
      String featureGroup, String recordIdentifier, @Nullable List<String> featureNames);

  /**
   * Reads many records from up to 10 groups, at most 100 identifiers in all. Failures of one entry
   * (unknown group, unknown feature) are reported per identifier.
   *
   * @throws ValidationException if the request exceeds the limits
   */
  BatchGetResult batchGetRecord(List<BatchGetRequest> requests);

  /**
   * Deletes a record. A soft delete leaves a tombstone online; a hard delete removes the record and
   * requires {@code eventTime} to be later than the stored record's. Both append a deletion marker
   * to the offline store.
   *
   * @param eventTime the delete's event time, in the format of the group's event time feature
   * @throws ValidationException if the request breaks a rule, or a hard delete's event time is not
   *     later than the stored record's
   * @throws ResourceNotFoundException if there is no such group
   */
  void deleteRecord(
      String featureGroup,
      String recordIdentifier,
      String eventTime,
      DeletionMode mode,
      RecordWriteOptions options);

  /**
   * Removes every expired online record now (the background sweep does the same periodically) and
   * appends a deletion marker for each to the offline store.
   *
   * @return how many records were removed
   */
  int expireRecords();

  /**
   * Writes every record staged for the offline store before this call to Parquet files; returns
   * once they are durable. The background flusher does the same within {@link
   * StoreConfig#offlineFlushAge()}, and {@link #close()} does it last.
   *
   * @throws StorageException if a file cannot be written (the records stay staged and are retried)
   */
  default void flush() {
    flush(FlushProgress.silent());
  }

  /**
   * Writes every record staged for the offline store before this call, as {@link #flush()} does,
   * telling {@code progress} about each file as it is written (for a long flush, such as after a
   * large import).
   *
   * @throws StorageException if a file cannot be written (the records stay staged and are retried)
   */
  void flush(FlushProgress progress);

  /**
   * The Parquet files of a group's offline store, including files other writers (a Spark job, say)
   * dropped into its layout, but not those of a bulk load still committing; sorted by key. Records
   * not yet flushed are not in them: use {@link #offlineSnapshot} to see those too.
   *
   * @throws ValidationException if the group has no offline store
   * @throws ResourceNotFoundException if there is no such group
   */
  List<OfflineFile> listOfflineFiles(String nameOrArn);

  /**
   * A group's offline history: its Parquet files plus the records still staged, consistent with
   * each other (every acknowledged record is in exactly one of the two), for readers that must see
   * their writes. The same as {@code offlineHistory().snapshot(nameOrArn)}.
   *
   * @throws ValidationException if the group has no offline store
   * @throws ResourceNotFoundException if there is no such group
   */
  default OfflineSnapshot offlineSnapshot(String nameOrArn) {
    return offlineHistory().snapshot(nameOrArn);
  }

  /**
   * The offline history of this store's groups, for SQL, datasets and other readers of history;
   * valid until the store is closed. Snapshots never wait for the flusher.
   */
  OfflineHistory offlineHistory();

  /**
   * The content of one of a group's offline files (for files on S3, where a reader cannot open the
   * URI itself).
   *
   * @throws IllegalArgumentException if the file is not below the group's data folder
   * @throws ValidationException if the group has no offline store
   * @throws ResourceNotFoundException if there is no such group
   */
  byte[] readOfflineFile(String nameOrArn, OfflineFile file);

  /**
   * What this open dropped from a damaged write-ahead log (RocksDB's account of each range: file,
   * bytes, reason), when opened with {@link WalRecovery#POINT_IN_TIME}; empty when nothing was.
   */
  List<String> walRecoveryLosses();

  /** Bytes of offline-bound records staged and not yet written to Parquet (for monitoring). */
  long offlineBacklogBytes();

  /** Closes the store, first flushing everything staged for the offline store; idempotent. */
  @Override
  void close();
}
