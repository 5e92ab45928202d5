package io.quiver.query.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.Catalog;
import io.quiver.storage.catalog.CatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.RecordCodec;
import io.quiver.storage.record.StoredRecord;
import io.quiver.storage.staging.StagingLog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/*
 * Read-only access: RocksDB's read-only mode takes no lock, so this works whether or not a server
 * has the directory open; it sees the catalog and the staging log as of opening. Staged rows are
 * read at that moment too (the flusher keeps the log small: at most its flush age of writes), so a
 * query sees every record acknowledged before it started, flushed or not.
 */

/**
 * The feature groups of a Quiver data directory and their local offline store folders, read without
 * taking the directory's lock. Thread-safe.
 */
public final class DataDirectory {
  /** Where a group's offline files are when its S3Uri is not a {@code file://} folder. */
  public static final String OFFLINE_FOLDER_DEFAULT = "offline-store";

  private DataDirectory() {}

  /**
   * Reads the catalog of {@code dataDir} and returns a source over the groups' offline folders.
   *
   * @throws StorageException if the directory holds no Quiver database or cannot be read
   */
  public static OfflineSource open(Path dataDir, String account, String region) {
    Path db = dataDir.resolve("db");
    if (!Files.isDirectory(db)) {
      throw new StorageException(
          "Cannot open data directory " + dataDir + ": it holds no Quiver database (" + db + ")");
    }
    RocksDB.loadLibrary();
    List<FeatureGroup> groups;
    Map<Long, List<OfflineRow>> staged = new HashMap<>();
    try (ColumnFamilyOptions cf = new ColumnFamilyOptions();
        DBOptions options = new DBOptions();
        WriteOptions write = new WriteOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : List.of("default", "catalog", "online", "staging")) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), cf));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB rocks = RocksDB.openReadOnly(options, db.toString(), descriptors, handles)) {
        try {
          Catalog catalog =
              Catalog.load(
                  rocks,
                  handles.get(1),
                  write,
                  new CatalogConfig(
                      region,
                      account,
                      StoreConfig.MAX_FEATURE_GROUPS_DEFAULT,
                      InstantSource.system()));
          groups = catalog.list();
          readStaged(rocks, handles.get(3), groups, staged);
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException e) {
      throw new StorageException(
          "Cannot read the catalog of " + dataDir + ": " + e.getMessage(), e);
    }
    Path fallback = dataDir.resolve(OFFLINE_FOLDER_DEFAULT);
    return OfflineSource.of(
        groups,
        g -> base(g, fallback).resolve(g.offlineStoreDataPath()),
        g -> CloseableIterator.of(staged.getOrDefault(g.id(), List.of())));
  }

  private static void readStaged(
      RocksDB rocks,
      ColumnFamilyHandle staging,
      List<FeatureGroup> groups,
      Map<Long, List<OfflineRow>> out) {
    Map<Long, FeatureGroup> byId = new HashMap<>();
    groups.forEach(g -> byId.put(g.id(), g));
    try (RocksIterator it = rocks.newIterator(staging)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] value = it.value();
        FeatureGroup group = byId.get(StagingLog.groupIdOf(value));
        if (group != null) {
          StoredRecord stored = RecordCodec.decode(StagingLog.recordOf(value), group, null);
          out.computeIfAbsent(group.id(), id -> new ArrayList<>()).add(toRow(group, stored));
        }
      }
    }
  }

  /**
   * A staged record in the SQL mapping; its write time is its invocation time until it is flushed.
   */
  private static OfflineRow toRow(FeatureGroup group, StoredRecord stored) {
    List<FeatureDefinition> features = group.features();
    Object[] values = new Object[features.size()];
    for (FeatureValue value : stored.record().values()) {
      int position = group.position(value.featureName());
      values[position] = OfflineRow.sqlValue(features.get(position), value);
    }
    return new OfflineRow(
        values, stored.apiInvocationMicros(), stored.apiInvocationMicros(), stored.deleted());
  }

  private static Path base(FeatureGroup group, Path fallback) {
    OfflineStoreConfig offline = group.spec().offlineStoreConfig();
    if (offline != null && offline.s3Uri().startsWith("file:")) {
      return Path.of(URI.create(offline.s3Uri()));
    }
    return fallback;
  }
}
