package io.quiver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.online.OnlineTableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.HashSkipListMemTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB instance of a data directory with its column families ({@code catalog}, {@code
 * online}, {@code staging}, {@code offline}, {@code expiry}) and the native options they were
 * opened with, all closed together in reverse order of opening.
 *
 * <p>Recovery is never silent: RocksDB's warnings go to the store's log ({@link
 * RocksLogForwarder}), and a damaged write-ahead log stops the open with a message naming the file
 * and the ways out, unless {@link WalRecovery#POINT_IN_TIME} was asked for.
 *
 * <p><b>In-place updates of online records.</b> The online family rewrites a record in place
 * ({@code inplace_update_support}) when the newest entry of its key in the active memtable is a
 * value at least as long as the new one, which is the rule for a feed's records (fixed-width
 * values, or text of about the same length): a hot identifier then keeps one memtable entry instead
 * of one per write. Without it every PutRecord inserted a node into a skiplist holding every
 * version of the hot identifiers (a third of a REST PutRecord's CPU went to finding the insert
 * position among some 300,000 nodes), and every GetRecord searched the same list. A longer value is
 * added as a new entry, as before. Each update is still in the write batch and the write-ahead log,
 * so durability and recovery are unchanged: recovery replays the batches in order, and the replayed
 * memtable is rewritten the same way.
 *
 * <p>RocksDB asks three things in return, and each holds here:
 *
 * <ul>
 *   <li><b>One memtable writer at a time</b> ({@code allow_concurrent_memtable_write=false}, for
 *       the whole database): a write group's leader inserts every batch of the group. The group
 *       commit already writes one batch per group, so writes were not inserted in parallel anyway.
 *   <li><b>No snapshots</b>: with one family updated in place, RocksDB turns snapshots off for the
 *       whole database ({@code getSnapshot} returns {@code null}, and reading with none reads the
 *       live state). Nothing here takes one: a reader that needs one instant across families makes
 *       its iterators together with {@code newIterators}, which RocksDB keeps consistent (the
 *       offline store's state view does).
 *   <li><b>Values read only under RocksDB's per-key lock</b>: {@code get} and {@code multiGet} take
 *       it; iterators do not, and may read a value while it is being overwritten (a test sees a few
 *       percent of reads torn that way). Online values are read only by gets (GetRecord,
 *       BatchGetRecord, the write path's header reads, the TTL sweep, the bulk load's marker);
 *       iterators over the online family read keys only, which an update never changes, and move
 *       forward only (RocksDB does not support moving backward over such a memtable).
 * </ul>
 *
 * <p>And one thing to keep true: an updated entry keeps the sequence number of the entry it
 * overwrote, so a write rewritten in place below a newer range deletion of its key would stay
 * hidden by it. The online family's range deletions remove whole groups, and a group id is never
 * used again (the catalog's counter only grows), so no key is written after a range deletion covers
 * it. A range deletion of keys that can be written again would need this option off.
 *
 * <p><b>Hashed memtable of the online family.</b> Its memtable is a hash table of small skip lists
 * ({@code HashSkipListRep}), keyed by the whole key (the {@code rocksdb.Noop} prefix extractor). A
 * write's in-place update and the write path's header read find a key's entry in one bucket instead
 * of searching one skip list of every key in the memtable: that search, among the 10,000 hot
 * identifiers of the REST load test, was an eighth of a PutRecord's CPU on the event loop. The
 * price is paid where it is rare: an iterator over the family (a flush, a group's emptiness check,
 * the removal of deleted groups at open) first copies the memtable's keys into one sorted list. Two
 * rules keep it correct:
 *
 * <ul>
 *   <li><b>Every iterator reads in total order</b> ({@code prefix_seek_opt_in_only}, for the whole
 *       database): with a prefix extractor set, RocksDB's default iterator would otherwise stay
 *       within the prefix of its seek key, here one whole key, and a seek to a group's first key
 *       would find nothing. Nothing here asks for prefix iteration.
 *   <li><b>No concurrent memtable inserts</b>: the hashed memtable does not support them, and they
 *       are off already for the in-place updates.
 * </ul>
 *
 * <p>The SST files' filters, built from the same extractor, hold each key once (its prefix is the
 * key), and files written without it (before this option, or by a bulk load's {@code
 * SstFileWriter}) are read through their whole-key filters as before.
 */
final class RocksDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDatabase.class);
  static final String DB_FOLDER = "db";

  /** The write-ahead log's size past which RocksDB flushes what keeps its oldest file alive. */
  static final long MAX_TOTAL_WAL_BYTES = 256L << 20;

  /**
   * Buckets of the online family's hashed memtable: 2 MB of pointers per memtable, and about one
   * key per bucket when a 64 MB memtable is full of small records.
   */
  static final long ONLINE_MEMTABLE_BUCKETS = 1L << 18;

  /** The online family's prefix extractor: a key's prefix is the whole key. */
  private static final Map<String, String> WHOLE_KEY_PREFIXES =
      Map.of("prefix_extractor", "rocksdb.Noop");

  /** Iterators ignore prefix extractors unless a read asks for prefix mode; none here does. */
  private static final Map<String, String> TOTAL_ORDER_ITERATORS =
      Map.of("prefix_seek_opt_in_only", "true");

  private final List<AutoCloseable> resources;
  final RocksDB db;
  final ColumnFamilyHandle catalog;
  final ColumnFamilyHandle online;
  final ColumnFamilyHandle staging;
  final ColumnFamilyHandle offline;
  final ColumnFamilyHandle expiry;
  final WriteOptions writeOptions;
  private final List<String> walLosses;

  /** As {@link #writeOptions}, but failing at once instead of waiting out a write stall. */
  final WriteOptions impatientWriteOptions;

  private boolean closed;

  private RocksDatabase(
      List<AutoCloseable> resources,
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      WriteOptions writeOptions,
      WriteOptions impatientWriteOptions,
      List<String> walLosses) {
    this.resources = resources;
    this.db = db;
    this.catalog = handles.get(1);
    this.online = handles.get(2);
    this.staging = handles.get(3);
    this.offline = handles.get(4);
    this.expiry = handles.get(5);
    this.writeOptions = writeOptions;
    this.walLosses = walLosses;
    this.impatientWriteOptions = impatientWriteOptions;
  }

  /** Whether {@code dataDir} holds a database (RocksDB's CURRENT file names its manifest). */
  static boolean exists(Path dataDir) {
    return Files.isRegularFile(dataDir.resolve(DB_FOLDER).resolve("CURRENT"));
  }

  static RocksDatabase open(StoreConfig config) {
    RocksDB.loadLibrary();
    Path folder = config.dataDir().resolve(DB_FOLDER);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create data directory " + folder, e);
    }
    List<AutoCloseable> resources = new ArrayList<>();
    RocksLogForwarder logger = null;
    try {
      LRUCache cache = track(resources, new LRUCache(config.blockCacheBytes()));
      BloomFilter bloom = track(resources, new BloomFilter(OnlineTableFormat.BLOOM_BITS_PER_KEY));
      BlockBasedTableConfig table = OnlineTableFormat.create(cache, bloom);
      ColumnFamilyOptions defaults = track(resources, new ColumnFamilyOptions());
      ColumnFamilyOptions onlineOptions =
          track(resources, familyOptions(WHOLE_KEY_PREFIXES))
              .setTableFormatConfig(table)
              // See "Hashed memtable of the online family" in the class comment.
              .setMemTableConfig(
                  new HashSkipListMemTableConfig().setBucketCount(ONLINE_MEMTABLE_BUCKETS))
              .setMemtablePrefixBloomSizeRatio(OnlineTableFormat.MEMTABLE_BLOOM_RATIO)
              .setMemtableWholeKeyFiltering(true)
              // See "In-place updates of online records" in the class comment.
              .setInplaceUpdateSupport(true);
      // The flusher removes what it wrote with range deletes: flushing the memtable right after one
      // drops the removed entries there, where they would otherwise fill the memtable and reach
      // level-0 files that compaction then rewrites only to drop them.
      ColumnFamilyOptions stagingOptions =
          track(resources, new ColumnFamilyOptions().setMemtableMaxRangeDeletions(1));
      List<ColumnFamilyDescriptor> descriptors =
          List.of(
              new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults),
              new ColumnFamilyDescriptor("catalog".getBytes(UTF_8), defaults),
              new ColumnFamilyDescriptor("online".getBytes(UTF_8), onlineOptions),
              new ColumnFamilyDescriptor("staging".getBytes(UTF_8), stagingOptions),
              // Flush manifests and the staging sequence floor (docs/format/offline-store.md).
              new ColumnFamilyDescriptor("offline".getBytes(UTF_8), defaults),
              // Online records with a TTL, by expiry time (docs/format/record.md).
              new ColumnFamilyDescriptor("expiry".getBytes(UTF_8), defaults));
      RocksLogForwarder log = track(resources, new RocksLogForwarder());
      DBOptions options =
          track(resources, dbOptions(TOTAL_ORDER_ITERATORS))
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setMaxBackgroundJobs(2)
              // In-place updates need one thread inserting into a memtable at a time.
              .setAllowConcurrentMemtableWrite(false)
              // A log file is deleted only once every family's writes in it are flushed, and a
              // family written rarely (the catalog), or rewritten in place (online), would keep
              // its memtable, and so every later log file, for up to 3 GB by default: all of
              // which a restart after a crash replays. Past this size RocksDB flushes the
              // families that hold the oldest file.
              .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
              .setKeepLogFileNum(5)
              .setLogger(log)
              // Point-in-time recovery, RocksDB's default, silently stops replaying at the
              // first damaged record and drops every later acknowledged write.
              .setWalRecoveryMode(
                  config.walRecovery() == WalRecovery.STRICT
                      ? WALRecoveryMode.TolerateCorruptedTailRecords
                      : WALRecoveryMode.PointInTimeRecovery);
      logger = log;
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, folder.toString(), descriptors, handles);
      // Closed in reverse: handles, then the db, then the options they were opened with.
      resources.add(db);
      resources.addAll(handles);
      WriteOptions writeOptions = track(resources, new WriteOptions().setSync(config.syncWrites()));
      List<String> losses = log.drops();
      if (!losses.isEmpty()) {
        LOG.warn(
            "Opened data directory {} without the damaged part of its write-ahead log, as asked:"
                + " the writes in these ranges are lost: {}",
            config.dataDir(),
            losses);
      }
      WriteOptions impatient =
          track(resources, new WriteOptions().setSync(config.syncWrites()).setNoSlowdown(true));
      return new RocksDatabase(resources, db, handles, writeOptions, impatient, losses);
    } catch (RocksDBException e) {
      List<String> drops = logger == null ? List.of() : logger.drops();
      closeAll(resources);
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (e.getStatus() != null
          && e.getStatus().getCode() == Status.Code.Corruption
          && !drops.isEmpty()) {
        throw new StorageException(damagedWalMessage(config, drops), e);
      }
      if (message.contains("lock")) {
        throw new StorageException(
            "Cannot open data directory "
                + config.dataDir()
                + ": it is already open, in this or another process ("
                + message
                + ")",
            e);
      }
      throw new StorageException(
          "Cannot open data directory " + config.dataDir() + ": " + message, e);
    }
  }

  /**
   * Opens the database of {@code config.dataDir()} as a RocksDB secondary instance: read-only,
   * without the directory's lock (a server may have it open), brought up to date with the writer by
   * {@link #catchUp()}. Its own files (an info log) go to {@code secondaryFolder}.
   *
   * @throws StorageException if the directory holds no Quiver database or cannot be read
   */
  static RocksDatabase openSecondary(StoreConfig config, Path secondaryFolder) {
    RocksDB.loadLibrary();
    Path folder = config.dataDir().resolve(DB_FOLDER);
    if (!Files.isDirectory(folder)) {
      throw new StorageException(
          "Cannot open data directory "
              + config.dataDir()
              + ": it holds no Quiver database (no "
              + folder
              + ")");
    }
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      ColumnFamilyOptions defaults = track(resources, new ColumnFamilyOptions());
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults));
      for (String name : List.of("catalog", "online", "staging", "offline", "expiry")) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), defaults));
      }
      // A secondary keeps every table file open: files the writer deletes stay readable.
      DBOptions options = track(resources, new DBOptions().setMaxOpenFiles(-1));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db =
          RocksDB.openAsSecondary(
              options, folder.toString(), secondaryFolder.toString(), descriptors, handles);
      resources.add(db);
      resources.addAll(handles);
      // A secondary never writes; the options only fill the fields.
      WriteOptions writeOptions = track(resources, new WriteOptions());
      return new RocksDatabase(resources, db, handles, writeOptions, writeOptions, List.of());
    } catch (RocksDBException e) {
      closeAll(resources);
      throw new StorageException(
          "Cannot open data directory " + config.dataDir() + " for reading: " + e.getMessage(), e);
    }
  }

  /**
   * Brings a secondary instance up to date with the writer's latest commits.
   *
   * @throws StorageException if the writer's files cannot be read
   */
  void catchUp() {
    try {
      db.tryCatchUpWithPrimary();
    } catch (RocksDBException e) {
      throw new StorageException("Cannot read the data directory's latest writes", e);
    }
  }

  private static String damagedWalMessage(StoreConfig config, List<String> drops) {
    return "Cannot open data directory "
        + config.dataDir()
        + ": its write-ahead log is damaged ("
        + String.join("; ", drops)
        + "). It holds acknowledged writes not yet in table files; opening past the damage would"
        + " drop every write after it. Copy the directory somewhere safe first, then either run"
        + " `quiver repair --data-dir "
        + config.dataDir()
        + "`, which keeps every write before the damage and lists what is dropped, or start"
        + " `quiver serve` with --accept-wal-loss, which does the same as it opens.";
  }

  /**
   * The write-ahead log ranges this open dropped (file, bytes, reason), when opened with {@link
   * WalRecovery#POINT_IN_TIME}; empty otherwise.
   */
  List<String> walLosses() {
    return walLosses;
  }

  /** Options set by name, for the few that RocksDB's Java API has no setter for. */
  private static ColumnFamilyOptions familyOptions(Map<String, String> named) {
    ColumnFamilyOptions options = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(props(named));
    if (options == null) {
      throw new IllegalStateException("Cannot set RocksDB column family options " + named);
    }
    return options;
  }

  /** As {@link #familyOptions}, for the database's options. */
  private static DBOptions dbOptions(Map<String, String> named) {
    DBOptions options = DBOptions.getDBOptionsFromProps(props(named));
    if (options == null) {
      throw new IllegalStateException("Cannot set RocksDB database options " + named);
    }
    return options;
  }

  private static Properties props(Map<String, String> named) {
    Properties properties = new Properties();
    properties.putAll(named);
    return properties;
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
    resources.add(resource);
    return resource;
  }

  /**
   * Syncs the write-ahead log to the disk: every write made before the call survives a power loss
   * once this returns.
   *
   * @throws StorageException if the sync fails
   */
  synchronized void syncWal() {
    if (closed) {
      return; // close synced it last
    }
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      throw new StorageException("Cannot sync the write-ahead log", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      // The WAL was written on every commit; a failed final sync loses nothing acknowledged.
    }
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Closing native handles does not fail in practice; keep closing the rest.
      }
    }
  }
}
