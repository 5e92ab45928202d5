package io.quiver.query.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.Catalog;
import io.quiver.storage.catalog.CatalogConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.error.StorageException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/*
 * Read-only access: RocksDB's read-only mode takes no lock, so this works whether or not a server
 * has the directory open; it sees the catalog as of opening. Staged rows are not read yet: the
 * staging log's decoding belongs to the offline store (see OfflineSource), which will provide them.
 */

/**
 * The feature groups of a Quiver data directory and their local offline store folders, read
 * without taking the directory's lock. Thread-safe.
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
      throw new StorageException("Cannot open data directory " + dataDir + ": it holds no Quiver database (" + db + ")");
    }
    RocksDB.loadLibrary();
    List<FeatureGroup> groups;
    try (ColumnFamilyOptions cf = new ColumnFamilyOptions(); DBOptions options = new DBOptions();
        WriteOptions write = new WriteOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : List.of("default", "catalog", "online", "staging")) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), cf));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB rocks = RocksDB.openReadOnly(options, db.toString(), descriptors, handles)) {
        try {
          Catalog catalog = Catalog.load(rocks, handles.get(1), write,
              new CatalogConfig(region, account, StoreConfig.MAX_FEATURE_GROUPS_DEFAULT, InstantSource.system()));
          groups = catalog.list();
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot read the catalog of " + dataDir + ": " + e.getMessage(), e);
    }
    Path fallback = dataDir.resolve(OFFLINE_FOLDER_DEFAULT);
    return OfflineSource.of(groups, g -> LocalOfflineSource.dataFolder(base(g, fallback), account, region, g),
        g -> CloseableIterator.empty());
  }

  private static Path base(FeatureGroup group, Path fallback) {
    OfflineStoreConfig offline = group.spec().offlineStoreConfig();
    if (offline != null && offline.s3Uri().startsWith("file:")) {
      return Path.of(URI.create(offline.s3Uri()));
    }
    return fallback;
  }
}
