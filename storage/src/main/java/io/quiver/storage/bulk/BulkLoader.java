package io.quiver.storage.bulk;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.offline.BulkManifest;
import io.quiver.storage.offline.OfflineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/*
 * Commit protocol of a load (RocksBulkLoad.commit):
 *   1. persist the manifest (load id, group, the keys of every file it will write), synced;
 *   2. write the offline files, each whole or invisible (ObjectStore.put);
 *   3. holding every online lock, check that the group has nothing online, write the group's
 *      event-time lease (the winners' greatest event time), synced, and ingest one SST file
 *      with the winners plus a marker key (the group's bare 8-byte prefix, which no record has,
 *      holding the load id): the ingestion is atomic, so the marker is there iff the records are;
 *   4. delete the manifest and the marker in one synced write batch.
 * Recovery at open, per manifest left: marker present, so step 3 happened and step 2 finished
 * before it: complete step 4. Marker absent: remove the manifest's files, then the manifest. Either
 * way no file of the load is half written (step 2's puts) and no row is in two files (names derive
 * from the load id, and a load's files are written once).
 */

/**
 * Opens bulk loads on one store and completes or takes back, at open, the loads a crash
 * interrupted. Owns a synced write option; thread-safe.
 */
public final class BulkLoader implements AutoCloseable {
  private static final String WORK_FOLDER = "bulk";

  private final RocksDB db;
  private final ColumnFamilyHandle manifests;
  private final OnlineStore online;
  private final OfflineStore offline;
  private final InstantSource clock;
  private final Path workFolder;
  private final int maxFileRows;
  private final long maxFileBytes;
  private final WriteOptions syncedWrites = new WriteOptions().setSync(true);
  private final AtomicLong lastLoadId = new AtomicLong();

  /**
   * A loader over the store's RocksDB: manifests go to {@code manifests} (the offline family),
   * scratch files below {@code dataDir}. The handles stay owned by the caller.
   */
  public BulkLoader(
      RocksDB db,
      ColumnFamilyHandle manifests,
      OnlineStore online,
      OfflineStore offline,
      InstantSource clock,
      Path dataDir,
      int maxFileRows,
      long maxFileBytes) {
    this.db = db;
    this.manifests = manifests;
    this.online = online;
    this.offline = offline;
    this.clock = clock;
    this.workFolder = dataDir.resolve(WORK_FOLDER);
    this.maxFileRows = maxFileRows;
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * Starts a load into {@code group}.
   *
   * @throws ValidationException if the group transforms records on ingest or expires them online
   *     (load those through PutRecord)
   * @throws ResourceInUseException if the group has records online (bulk loads fill new or empty
   *     groups only)
   */
  public BulkLoad open(FeatureGroup group) {
    if (group.spec().ingestTransform() != null) {
      throw new ValidationException(
          "Cannot bulk load feature group "
              + group.name()
              + ": it has an ingest transform, which runs per record (write through PutRecord)");
    }
    if (group.spec().hasOnlineStore() && group.defaultTtl() != null) {
      throw new ValidationException(
          "Cannot bulk load feature group "
              + group.name()
              + ": its online records expire (a default TTL), which bulk loads do not index (write"
              + " through PutRecord)");
    }
    if (group.spec().hasOnlineStore() && !online.isGroupEmpty(group.id())) {
      throw new ResourceInUseException(
          "Cannot bulk load feature group "
              + group.name()
              + ": it has records online, and bulk loads fill new or empty groups only (write"
              + " through PutRecord)");
    }
    long now = nowMicros();
    long loadId = lastLoadId.updateAndGet(last -> Math.max(last + 1, now));
    return new RocksBulkLoad(this, group, loadId, now);
  }

  long nowMicros() {
    return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
  }

  RocksDB db() {
    return db;
  }

  OnlineStore online() {
    return online;
  }

  OfflineStore offline() {
    return offline;
  }

  /** Options of a synced write, for what must be durable before a load's ingest. */
  WriteOptions syncedWrites() {
    return syncedWrites;
  }

  Path workFolder() {
    return workFolder;
  }

  int maxFileRows() {
    return maxFileRows;
  }

  long maxFileBytes() {
    return maxFileBytes;
  }

  void persist(BulkManifest manifest) {
    try {
      db.put(manifests, syncedWrites, manifest.key(), manifest.encode());
    } catch (RocksDBException e) {
      throw new StorageException("Cannot start bulk load " + manifest.loadId(), e);
    }
  }

  /** Deletes the manifest and the online marker of a load in one synced write (step 4). */
  void complete(BulkManifest manifest) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(manifests, manifest.key());
      batch.put(manifests, BulkManifest.lastEndedKey(), manifest.endedValue());
      batch.delete(online.family(), OnlineStore.key(manifest.groupId(), ""));
      db.write(syncedWrites, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot complete bulk load " + manifest.loadId(), e);
    }
  }

  /** Removes the files of a load that did not commit, then its manifest. */
  void takeBack(BulkManifest manifest) {
    if (manifest.baseUri() != null && !manifest.fileKeys().isEmpty()) {
      offline.deleteBulkFiles(manifest.baseUri(), manifest.fileKeys());
    }
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(manifests, manifest.key());
      batch.put(manifests, BulkManifest.lastEndedKey(), manifest.endedValue());
      db.write(syncedWrites, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot take back bulk load " + manifest.loadId(), e);
    }
  }

  /**
   * Completes or takes back every load a crash interrupted (see the protocol above) and removes
   * scratch files; call at open, before writes are accepted.
   *
   * @return how many interrupted loads there were
   */
  public int recover() {
    List<BulkManifest> pending = new ArrayList<>();
    try (RocksIterator it = db.newIterator(manifests)) {
      for (it.seek(BulkManifest.firstKey());
          it.isValid() && BulkManifest.isKey(it.key());
          it.next()) {
        pending.add(BulkManifest.decode(it.value()));
      }
    }
    for (BulkManifest manifest : pending) {
      byte[] marker;
      try {
        marker = db.get(online.family(), OnlineStore.key(manifest.groupId(), ""));
      } catch (RocksDBException e) {
        throw new StorageException("Cannot recover bulk load " + manifest.loadId(), e);
      }
      if (marker != null && ByteBuffer.wrap(marker).getLong() == manifest.loadId()) {
        complete(manifest);
      } else {
        takeBack(manifest);
      }
    }
    deleteScratch();
    return pending.size();
  }

  private void deleteScratch() {
    if (!Files.isDirectory(workFolder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(workFolder)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + workFolder, e);
    }
  }

  @Override
  public void close() {
    syncedWrites.close();
  }
}
