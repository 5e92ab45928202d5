package io.quiver.storage;

import io.quiver.storage.error.StorageException;
import io.quiver.storage.offline.OfflineHistory;

/**
 * A data directory opened for reading its offline history only, without taking its lock: it works
 * while a server (or an embedded {@link QuiverStore}) has the directory open and writes to it, and
 * every snapshot sees that writer's acknowledged records, flushed or still staged. Offline stores
 * on S3 are read as {@link StoreConfig#s3()} says. Thread-safe; close it to release the directory.
 *
 * <pre>{@code
 * try (ReadOnlyStore history = ReadOnlyStore.open(StoreConfig.builder(Path.of("quiver-data")).build());
 *     Connection sql = QuiverSql.connect(history)) {
 *   ...
 * }
 * }</pre>
 */
public interface ReadOnlyStore extends OfflineHistory, AutoCloseable {

  /**
   * Opens {@code config.dataDir()} for reading. Of the settings, the data directory, account and
   * region (which place offline files) and the S3 settings matter.
   *
   * @throws StorageException if the directory holds no Quiver database or cannot be read
   */
  static ReadOnlyStore open(StoreConfig config) {
    return SecondaryQuiverStore.open(config);
  }

  /** The settings this store was opened with. */
  StoreConfig config();

  /** Releases the directory and any S3 client; idempotent. */
  @Override
  void close();
}
