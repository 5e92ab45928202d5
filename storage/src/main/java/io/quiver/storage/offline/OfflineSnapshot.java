package io.quiver.storage.offline;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.parquet.ColumnSpec;
import io.quiver.storage.parquet.DecodedFileCache;
import io.quiver.storage.parquet.ScanStatistics;
import io.quiver.storage.record.StoredRecord;
import java.util.List;
import java.util.function.Function;

/**
 * A consistent view of one feature group's history: its Parquet files and the records still staged
 * for it, taken together so that no record is in both or in neither (every acknowledged record is
 * in exactly one of the two). Staged records have no {@code write_time} yet; they are in staging
 * order, which is not event-time order. Files are read through {@link #open}, from a local folder
 * or with ranged reads from S3. Immutable; valid while the store it came from is open.
 */
public final class OfflineSnapshot {
  private final FeatureGroup group;
  private final List<OfflineFile> files;
  private final List<StoredRecord> stagedRecords;
  private final Function<OfflineFile, ReadableObject> opener;
  private final DecodedFileCache decoded;

  private OfflineSnapshot(
      FeatureGroup group,
      List<OfflineFile> files,
      List<StoredRecord> stagedRecords,
      Function<OfflineFile, ReadableObject> opener,
      DecodedFileCache decoded) {
    this.group = requireNonNull(group, "group");
    this.files = List.copyOf(files);
    this.stagedRecords = List.copyOf(stagedRecords);
    this.opener = requireNonNull(opener, "opener");
    this.decoded = requireNonNull(decoded, "decoded");
  }

  /**
   * A snapshot of {@code group} made of {@code files} (opened by {@code opener}) and {@code
   * stagedRecords}; for implementations of {@link OfflineHistory}.
   */
  public static OfflineSnapshot of(
      FeatureGroup group,
      List<OfflineFile> files,
      List<StoredRecord> stagedRecords,
      Function<OfflineFile, ReadableObject> opener) {
    return new OfflineSnapshot(group, files, stagedRecords, opener, new DecodedFileCache(0));
  }

  /**
   * As {@link #of(FeatureGroup, List, List, Function)}, with files read through {@code decoded}
   * ({@link #read}).
   */
  public static OfflineSnapshot of(
      FeatureGroup group,
      List<OfflineFile> files,
      List<StoredRecord> stagedRecords,
      Function<OfflineFile, ReadableObject> opener,
      DecodedFileCache decoded) {
    return new OfflineSnapshot(group, files, stagedRecords, opener, decoded);
  }

  /** The group's definition when the snapshot was taken. */
  public FeatureGroup group() {
    return group;
  }

  /** The group's files, sorted by key. */
  public List<OfflineFile> files() {
    return files;
  }

  /**
   * The records not yet flushed, materialized (bounded by the flush thresholds while the flusher
   * keeps up).
   */
  public List<StoredRecord> stagedRecords() {
    return stagedRecords;
  }

  /**
   * Opens one of {@link #files()} for reading; the caller closes it.
   *
   * @throws java.io.UncheckedIOException if a local file cannot be opened
   */
  public ReadableObject open(OfflineFile file) {
    return opener.apply(file);
  }

  /**
   * The dictionary a scan of this snapshot codes the strings of {@code idColumn} in ({@link
   * #read}): the store's own for the group while it caches decoded files (so cached files need no
   * re-coding), else a new one.
   */
  public IdentifierCodes identifierCodes(String idColumn) {
    return decoded.codes(group.name() + "/" + idColumn);
  }

  /**
   * Reads {@code columns} of one of {@link #files()}, whole (no row-group filtering), the strings
   * of {@code idColumn} interned in {@code codes}: from the store's cache of decoded files when it
   * holds this version of the file coded in {@code codes} ({@link #identifierCodes}), else from the
   * file (and then cached, within the cache's budget).
   *
   * @throws IllegalArgumentException if two columns have the same name
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if an S3 object cannot be read
   */
  public ColumnBatch read(
      OfflineFile file,
      List<ColumnSpec> columns,
      String idColumn,
      IdentifierCodes codes,
      ScanStatistics statistics) {
    try (ReadableObject input = open(file)) {
      return decoded.read(input, file.key(), columns, idColumn, codes, statistics);
    }
  }
}
