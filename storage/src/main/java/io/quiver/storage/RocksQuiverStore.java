package io.quiver.storage;

import io.quiver.storage.bulk.BulkLoad;
import io.quiver.storage.bulk.BulkLoader;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.ingest.IngestTransform;
import io.quiver.storage.ingest.IngestTransformCompiler;
import io.quiver.storage.internal.catalog.Catalog;
import io.quiver.storage.internal.catalog.CatalogConfig;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.internal.staging.StagingLog;
import io.quiver.storage.offline.FlushProgress;
import io.quiver.storage.offline.OfflineFile;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.offline.OfflineStore;
import io.quiver.storage.record.Record;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link QuiverStore} over one RocksDB instance; see the interface for the contract. */
final class RocksQuiverStore implements QuiverStore {
  private static final Logger LOG = LoggerFactory.getLogger(RocksQuiverStore.class);

  private final StoreConfig config;
  private final RocksDatabase database;
  private final Catalog catalog;
  private final OnlineStore online;
  private final RecordWriter writer;
  private final RecordReader reader;
  private final OfflineStore offline;
  private final BulkLoader bulkLoader;
  private final IngestTransforms ingestTransforms;
  private final @Nullable ScheduledExecutorService sweeper;
  private final @Nullable ScheduledExecutorService walSyncer;
  private boolean closed;

  private RocksQuiverStore(
      StoreConfig config, RocksDatabase database, @Nullable IngestTransformCompiler compiler) {
    this.config = config;
    this.database = database;
    this.ingestTransforms = new IngestTransforms(compiler);
    this.catalog =
        Catalog.load(
            database.db,
            database.catalog,
            database.writeOptions,
            new CatalogConfig(
                config.region(),
                config.account(),
                config.maxFeatureGroups(),
                config.clock(),
                StoreConfig.dataDirOfflineUri(config.dataDir())));
    // The groups' event-time leases are kept with the catalog's metadata (docs/format/catalog.md).
    this.online = new OnlineStore(database.db, database.online, database.catalog);
    Set<Long> liveGroups = new HashSet<>();
    catalog.list().forEach(g -> liveGroups.add(g.id()));
    online.dropOtherGroups(liveGroups, database.writeOptions);
    online.dropOtherEventTimeLeases(liveGroups, database.writeOptions);
    this.offline =
        OfflineStore.open(
            database.db,
            database.staging,
            database.offline,
            database.writeOptions,
            catalog,
            config.offlineSettings());
    this.bulkLoader =
        new BulkLoader(
            database.db,
            database.offline,
            online,
            offline,
            config.clock(),
            config.dataDir(),
            config.offlineMaxFileRows(),
            config.offlineMaxFileBytes());
    int interrupted = bulkLoader.recover();
    if (interrupted > 0) {
      LOG.info("Completed or took back {} bulk loads a crash interrupted", interrupted);
    }
    StagingLog staging =
        StagingLog.open(
            database.db, database.staging, offline.sequenceFloor(), offline.stagingListener());
    offline.start(staging.nextSequence());
    online.trackEventTimes(onlineGroupIds(catalog.list()));
    this.writer =
        new RecordWriter(
            database.db,
            database.writeOptions,
            database.impatientWriteOptions,
            online,
            new ExpiryIndex(database.db, database.expiry),
            staging,
            config.clock());
    this.reader = new RecordReader(catalog, online, config.clock());
    if (config.ttlSweepInterval().isZero()) {
      this.sweeper = null;
    } else {
      this.sweeper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "quiver-ttl-sweep");
                t.setDaemon(true);
                return t;
              });
      long millis = config.ttlSweepInterval().toMillis();
      sweeper.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }
    if (config.walSyncInterval().isZero() || config.syncWrites()) {
      this.walSyncer = null; // the OS writes the log back, or every write syncs it
    } else {
      this.walSyncer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "quiver-wal-sync");
                t.setDaemon(true);
                return t;
              });
      long millis = Math.max(1, config.walSyncInterval().toMillis());
      walSyncer.scheduleAtFixedRate(this::syncWal, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  private void syncWal() {
    try {
      database.syncWal();
    } catch (RuntimeException e) {
      LOG.warn("Syncing the write-ahead log failed; the next interval retries", e);
    }
  }

  /** The online store, whose identifier locks tests of the write path hold. */
  OnlineStore online() {
    return online;
  }

  /** The database, whose column family properties tests read. */
  RocksDatabase database() {
    return database;
  }

  static RocksQuiverStore open(StoreConfig config, @Nullable IngestTransformCompiler compiler) {
    RocksDatabase database = RocksDatabase.open(config);
    try {
      return new RocksQuiverStore(config, database, compiler);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  @Override
  public List<String> walRecoveryLosses() {
    return database.walLosses();
  }

  @Override
  public long offlineBacklogBytes() {
    return offline.backlogBytes();
  }

  @Override
  public void flush(FlushProgress progress) {
    offline.flush(progress);
  }

  @Override
  public List<OfflineFile> listOfflineFiles(String nameOrArn) {
    return offline.listFiles(withOfflineStore(nameOrArn, "list the offline files of"));
  }

  @Override
  public OfflineHistory offlineHistory() {
    return offline.history();
  }

  @Override
  public byte[] readOfflineFile(String nameOrArn, OfflineFile file) {
    FeatureGroup group = withOfflineStore(nameOrArn, "read an offline file of");
    if (!file.key().startsWith(group.offlineStoreDataPath() + "/")) {
      throw new IllegalArgumentException(
          "file: " + file.key() + " (expected: a file below " + group.offlineStoreDataPath() + ")");
    }
    return offline.read(group, file);
  }

  private FeatureGroup withOfflineStore(String nameOrArn, String action) {
    FeatureGroup group = catalog.get(nameOrArn);
    if (!group.spec().hasOfflineStore()) {
      throw new ValidationException(
          "Cannot " + action + " feature group " + group.name() + ": it has no offline store");
    }
    return group;
  }

  @Override
  public StoreConfig config() {
    return config;
  }

  @Override
  public FeatureGroup createFeatureGroup(FeatureGroupSpec spec) {
    OfflineStoreConfig offlineConfig = spec.offlineStoreConfig();
    if (offlineConfig != null && offlineConfig.usesStoreDefault()) {
      spec = spec.withOfflineStoreConfig(offlineConfig.withS3Uri(config.offlineStoreBaseUri()));
    }
    // The catalog's rules first, so a malformed URI is reported by the rule it breaks.
    catalog.check(spec);
    if (spec.offlineStoreConfig() != null) {
      String uri = spec.offlineStoreConfig().s3Uri();
      try {
        offline.checkLocation(uri);
      } catch (IllegalArgumentException e) {
        throw new ValidationException(
            "Cannot create feature group "
                + spec.featureGroupName()
                + ": S3Uri '"
                + uri
                + "' is not a location Quiver can write (expected: s3://bucket/prefix or file:///absolute/folder)");
      }
    }
    if (spec.ingestTransform() == null) {
      return created(catalog.create(spec));
    }
    IngestTransform transform = ingestTransforms.check(spec);
    FeatureGroup group = catalog.create(spec);
    ingestTransforms.created(group, transform);
    return created(group);
  }

  private FeatureGroup created(FeatureGroup group) {
    online.trackEventTimes(onlineGroupIds(List.of(group)));
    return group;
  }

  private static List<Long> onlineGroupIds(List<FeatureGroup> groups) {
    List<Long> ids = new ArrayList<>();
    for (FeatureGroup group : groups) {
      if (group.spec().hasOnlineStore()) {
        ids.add(group.id());
      }
    }
    return ids;
  }

  @Override
  public FeatureGroup describeFeatureGroup(String nameOrArn) {
    return catalog.get(nameOrArn);
  }

  @Override
  public List<FeatureGroup> listFeatureGroups() {
    return catalog.list();
  }

  @Override
  public void deleteFeatureGroup(String name) {
    // The catalog retires the definition, so records staged before (or racing with) the delete
    // are still flushed to the group's offline store; its history files stay in place.
    FeatureGroup group = catalog.delete(name);
    online.untrackEventTimes(group.id());
    // The group is unreachable once its catalog entry is gone; a crash before the range delete
    // leaves orphans that the next open removes (OnlineStore.dropOtherGroups).
    try (WriteBatch batch = new WriteBatch()) {
      online.deleteGroup(batch, group.id());
      online.deleteEventTimeLease(batch, group.id());
      database.db.write(database.writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot delete the online records of feature group " + name, e);
    } finally {
      online.forgetAll();
    }
  }

  @Override
  public FeatureGroup addFeatures(String nameOrArn, List<FeatureDefinition> additions) {
    return catalog.addFeatures(nameOrArn, additions);
  }

  @Override
  public FeatureGroup updateDefaultTtl(String nameOrArn, @Nullable TtlDuration ttl) {
    return catalog.updateDefaultTtl(nameOrArn, ttl);
  }

  @Override
  public FeatureGroup updateThroughput(String nameOrArn, ThroughputConfig throughput) {
    return catalog.updateThroughput(nameOrArn, throughput);
  }

  @Override
  public FeatureGroup updateTags(
      String nameOrArn, List<Tag> additions, Collection<String> removals) {
    return catalog.updateTags(nameOrArn, additions, removals);
  }

  @Override
  public FeatureGroup updateFeatureMetadata(
      String nameOrArn,
      String featureName,
      @Nullable String description,
      Map<String, String> parameterAdditions,
      List<String> parameterRemovals) {
    return catalog.updateFeatureMetadata(
        nameOrArn, featureName, description, parameterAdditions, parameterRemovals);
  }

  @Override
  public void putRecord(String featureGroup, Record record, RecordWriteOptions options) {
    FeatureGroup group = catalog.get(featureGroup);
    writer.put(group, ingestTransforms.apply(group, record), options);
  }

  @Override
  public boolean tryPutRecord(String featureGroup, Record record, RecordWriteOptions options) {
    if (config.syncWrites()) {
      return false; // every write waits for an fsync
    }
    FeatureGroup group = catalog.get(featureGroup);
    return writer.put(group, ingestTransforms.apply(group, record), options, true);
  }

  @Override
  public List<PutOutcome> tryPutEach(List<RecordPut> puts) {
    if (config.syncWrites()) {
      return Collections.nCopies(puts.size(), PutOutcome.wouldWait());
    }
    List<RecordWriter.Prepared> prepared = new ArrayList<>(puts.size());
    List<@Nullable PutOutcome> outcomes = new ArrayList<>(puts.size());
    for (RecordPut put : puts) {
      try {
        FeatureGroup group = catalog.get(put.featureGroup());
        prepared.add(
            writer.prepare(group, ingestTransforms.apply(group, put.record()), put.options()));
        outcomes.add(null);
      } catch (QuiverException e) {
        outcomes.add(PutOutcome.refused(e));
      }
    }
    List<PutOutcome> committed = writer.tryCommit(prepared);
    int next = 0;
    List<PutOutcome> result = new ArrayList<>(puts.size());
    for (PutOutcome outcome : outcomes) {
      result.add(outcome != null ? outcome : committed.get(next++));
    }
    return result;
  }

  @Override
  public void putRecords(String featureGroup, List<Record> records, RecordWriteOptions options) {
    PutRecordsResult result = tryPutRecords(featureGroup, records, options);
    if (result.refused() != null) {
      throw result.refused();
    }
  }

  @Override
  public PutRecordsResult tryPutRecords(
      String featureGroup, List<Record> records, RecordWriteOptions options) {
    FeatureGroup group = catalog.get(featureGroup);
    if (group.spec().ingestTransform() == null) {
      return writer.tryPutAll(group, records, options);
    }
    // Transform up to the first record the transform refuses: the ones before it are written, as
    // the writer does for the first record that breaks a rule.
    List<Record> stored = new ArrayList<>(records.size());
    QuiverException refused = null;
    for (Record record : records) {
      try {
        stored.add(ingestTransforms.apply(group, record));
      } catch (QuiverException e) {
        refused = e;
        break;
      }
    }
    if (stored.isEmpty()) {
      return new PutRecordsResult(0, refused);
    }
    PutRecordsResult written = writer.tryPutAll(group, stored, options);
    return written.refused() != null ? written : new PutRecordsResult(written.written(), refused);
  }

  @Override
  public BulkLoad bulkLoad(String featureGroup) {
    return bulkLoader.open(catalog.get(featureGroup));
  }

  @Override
  public Optional<OnlineRecord> getRecord(
      String featureGroup, String recordIdentifier, @Nullable List<String> featureNames) {
    return reader.get(featureGroup, recordIdentifier, featureNames);
  }

  @Override
  public BatchGetResult batchGetRecord(List<BatchGetRequest> requests) {
    return reader.batchGet(requests);
  }

  @Override
  public void deleteRecord(
      String featureGroup,
      String recordIdentifier,
      String eventTime,
      DeletionMode mode,
      RecordWriteOptions options) {
    writer.delete(catalog.get(featureGroup), recordIdentifier, eventTime, mode, options);
  }

  @Override
  public int expireRecords() {
    Map<Long, FeatureGroup> byId = new HashMap<>();
    for (FeatureGroup group : catalog.list()) {
      byId.put(group.id(), group);
    }
    return writer.expire(byId);
  }

  /** Leaves the exact event-time bounds for the next open; if it fails, the looser leases stay. */
  private void settleEventTimeLeases() {
    try {
      online.settleEventTimeLeases(database.writeOptions);
    } catch (RuntimeException e) {
      LOG.warn("Cannot lower the event-time leases to their bounds; the next open reads more", e);
    }
  }

  private void sweep() {
    try {
      int removed = expireRecords();
      if (removed > 0) {
        LOG.debug("TTL sweep removed {} expired records", removed);
      }
    } catch (RuntimeException e) {
      LOG.warn("TTL sweep failed; expired records stay invisible and the next sweep retries", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (walSyncer != null) {
      walSyncer.shutdownNow(); // the database syncs the log itself as it closes
    }
    if (sweeper != null) {
      sweeper.shutdownNow();
      try {
        sweeper.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      offline.close(); // flushes everything staged
    } finally {
      settleEventTimeLeases();
      bulkLoader.close();
      database.close();
    }
  }
}
