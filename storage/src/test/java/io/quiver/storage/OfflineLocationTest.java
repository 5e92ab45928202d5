package io.quiver.storage;

import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.order;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.offline.OfflineFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Issue 13, finding 8: the default offline store's location is kept relative to the data directory,
 * so a copied directory writes its own history, never into the original's; catalogs written before,
 * holding the absolute location, keep working.
 */
class OfflineLocationTest {
  @TempDir Path tmp;

  @Test
  void copiedDataDirectoryWritesItsOwnHistory() throws IOException {
    Path original = tmp.resolve("original");
    Path copy = tmp.resolve("copy");
    try (QuiverStore store = QuiverStore.open(config(original))) {
      store.createFeatureGroup(TestGroups.orders());
      store.putRecord(ORDERS, order("1", "2024-05-01T10:00:00Z").build());
      store.flush();
    }
    List<Path> originalFiles = parquetFiles(original);
    assertThat(originalFiles).hasSize(1);
    copyTree(original, copy);
    try (QuiverStore store = QuiverStore.open(config(copy))) {
      assertThat(store.describeFeatureGroup(ORDERS).resolvedOutputS3Uri())
          .startsWith(StoreConfig.dataDirOfflineUri(copy) + "/");
      store.putRecord(ORDERS, order("2", "2024-05-01T11:00:00Z").build());
      store.flush();
      for (OfflineFile file : store.listOfflineFiles(ORDERS)) {
        assertThat(file.uri()).startsWith(StoreConfig.dataDirOfflineUri(copy) + "/");
      }
    }
    assertThat(parquetFiles(original)).isEqualTo(originalFiles);
    assertThat(parquetFiles(copy)).hasSize(2);
  }

  @Test
  void catalogHoldingTheAbsoluteLocationKeepsWritingThere() throws Exception {
    Path dir = tmp.resolve("older");
    try (QuiverStore store = QuiverStore.open(config(dir))) {
      store.createFeatureGroup(TestGroups.orders());
    }
    String own = StoreConfig.dataDirOfflineUri(dir);
    // What catalogs written before held: the absolute location of the directory's own folder.
    rewriteCatalogEntry(
        dir, "group/" + ORDERS, "\"s3Uri\":\"default\"", "\"s3Uri\":\"" + own + "\"");
    try (QuiverStore store = QuiverStore.open(config(dir))) {
      assertThat(store.describeFeatureGroup(ORDERS).resolvedOutputS3Uri()).startsWith(own + "/");
      store.putRecord(ORDERS, order("1", "2024-05-01T10:00:00Z").build());
      store.flush();
    }
    assertThat(parquetFiles(dir)).hasSize(1);
  }

  private static StoreConfig config(Path dir) {
    return StoreConfig.builder(dir)
        .offlineFlushAge(Duration.ofDays(1))
        .ttlSweepInterval(Duration.ZERO)
        .build();
  }

  private static List<Path> parquetFiles(Path dataDir) throws IOException {
    Path folder = dataDir.resolve(StoreConfig.OFFLINE_STORE_FOLDER_DEFAULT);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .map(folder::relativize)
          .sorted()
          .toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** Edits one catalog entry's JSON in place, as an older version would have written it. */
  private static void rewriteCatalogEntry(Path dataDir, String key, String from, String to)
      throws RocksDBException {
    String db = dataDir.resolve("db").toString();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    try (Options options = new Options()) {
      for (byte[] name : RocksDB.listColumnFamilies(options, db)) {
        descriptors.add(new ColumnFamilyDescriptor(name));
      }
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB rocks = RocksDB.open(options, db, descriptors, handles)) {
      try {
        ColumnFamilyHandle catalog = null;
        for (int i = 0; i < descriptors.size(); i++) {
          if (new String(descriptors.get(i).getName(), UTF_8).equals("catalog")) {
            catalog = handles.get(i);
          }
        }
        String json = new String(rocks.get(catalog, key.getBytes(UTF_8)), UTF_8);
        assertThat(json).contains(from);
        rocks.put(catalog, key.getBytes(UTF_8), json.replace(from, to).getBytes(UTF_8));
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }
}
