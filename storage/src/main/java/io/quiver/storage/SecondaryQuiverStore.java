package io.quiver.storage;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.internal.catalog.Catalog;
import io.quiver.storage.internal.catalog.CatalogConfig;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.offline.OfflineSnapshot;
import io.quiver.storage.offline.OfflineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ReadOnlyStore} over a RocksDB secondary instance of the data directory, whose info log
 * lives in a temporary folder removed on close; see the interface for the contract.
 */
final class SecondaryQuiverStore implements ReadOnlyStore {
  private final StoreConfig config;
  private final Path secondaryFolder;
  private final RocksDatabase database;
  private final ObjectStoreResolver stores;
  private final OfflineHistory history;
  private boolean closed;

  /** The catalog as last read, and the sequence number the instance had caught up to then. */
  private record CatalogAt(long sequence, List<FeatureGroup> groups) {}

  // Read under the history's lock, right after a catch-up; SQL looks the groups up several times
  // per statement, and reading the catalog means decoding every group's JSON.
  private volatile @Nullable CatalogAt catalog;

  private SecondaryQuiverStore(StoreConfig config, Path secondaryFolder, RocksDatabase database) {
    this.config = config;
    this.secondaryFolder = secondaryFolder;
    this.database = database;
    this.stores = new ObjectStoreResolver(config.s3());
    CatalogConfig catalogConfig =
        new CatalogConfig(
            config.region(),
            config.account(),
            config.maxFeatureGroups(),
            config.clock(),
            StoreConfig.dataDirOfflineUri(config.dataDir()));
    this.history =
        OfflineStore.secondaryHistory(
            database.db,
            database.staging,
            database.offline,
            database::catchUp,
            () -> catalog(catalogConfig),
            stores);
  }

  /**
   * The feature groups as of the last catch-up: read again only when the instance has replayed a
   * write since the last read (every write, a catalog change included, advances the sequence).
   */
  private List<FeatureGroup> catalog(CatalogConfig catalogConfig) {
    long sequence = database.db.getLatestSequenceNumber();
    CatalogAt known = catalog;
    if (known != null && known.sequence() == sequence) {
      return known.groups();
    }
    List<FeatureGroup> groups =
        List.copyOf(
            Catalog.load(database.db, database.catalog, database.writeOptions, catalogConfig)
                .list());
    catalog = new CatalogAt(sequence, groups);
    return groups;
  }

  static SecondaryQuiverStore open(StoreConfig config) {
    Path folder;
    try {
      folder = Files.createTempDirectory("quiver-reader-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary folder for a reader", e);
    }
    try {
      return new SecondaryQuiverStore(config, folder, RocksDatabase.openSecondary(config, folder));
    } catch (RuntimeException e) {
      delete(folder);
      throw e;
    }
  }

  @Override
  public StoreConfig config() {
    return config;
  }

  @Override
  public List<FeatureGroup> featureGroups() {
    return history.featureGroups();
  }

  @Override
  public OfflineSnapshot snapshot(String nameOrArn) {
    return history.snapshot(nameOrArn);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stores.close();
      database.close();
    } finally {
      delete(secondaryFolder);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the reader's temporary folder " + folder, e);
    }
  }
}
