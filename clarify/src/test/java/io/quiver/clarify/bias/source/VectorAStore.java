package io.quiver.clarify.bias.source;

import io.quiver.clarify.bias.Table;
import io.quiver.storage.DeletionMode;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test fixture: an open store in a folder with feature group {@value #GROUP} (columns id, ts,
 * facet, y, yhat, group, age, score) whose clock moves one second per write, so API invocation
 * times are distinct and ordered.
 */
final class VectorAStore implements AutoCloseable {
  static final String GROUP = "vector_a";

  /** Worked example vector A (shared/clarify-metrics.md section 4) with two typed extra columns. */
  static final Table ROWS =
      Table.of(
          "facet,y,yhat,group,age,score",
          "M,1,1,A,23,0.5",
          "M,1,1,A,35,1.0",
          "M,1,0,A,41,2.25",
          "M,1,1,A,52,1.0",
          "M,0,1,B,67,0.5",
          "M,0,0,B,19,3.0E7",
          "F,1,1,A,23,1.0",
          "F,0,0,A,35,0.5",
          "F,0,1,B,41,2.25",
          "F,0,0,B,52,1.0");

  /** The same rows' Parquet schema, typed as the group's offline files are. */
  static final String PARQUET_SCHEMA =
      "message row { required binary facet (STRING); required int64 y; required int64 yhat;"
          + " required binary group (STRING); required int64 age; required double score; }";

  private static final double EVENT_TIME_BASE = 1_700_000_000;

  private final Path dir;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
  private final QuiverStore store;

  VectorAStore(Path dir) {
    this.dir = dir;
    this.store =
        QuiverStore.open(
            StoreConfig.builder(dir)
                .offlineFlushAge(Duration.ofHours(1))
                .ttlSweepInterval(Duration.ZERO)
                .clock(() -> now.get())
                .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder(GROUP)
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("facet", FeatureType.STRING)
            .feature("y", FeatureType.INTEGRAL)
            .feature("yhat", FeatureType.INTEGRAL)
            .feature("group", FeatureType.STRING)
            .feature("age", FeatureType.INTEGRAL)
            .feature("score", FeatureType.FRACTIONAL)
            .onlineStore(OnlineStoreConfig.enabled())
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
  }

  /**
   * Writes row {@code r} of {@link #ROWS} (0-based) as record {@code r<r>} at event time second
   * {@code second}.
   */
  VectorAStore put(String id, int row, double second) {
    String[] cells = ROWS.rows().get(row);
    now.set(now.get().plusSeconds(1));
    store.putRecord(
        GROUP,
        Record.builder()
            .set("id", id)
            .set("ts", EVENT_TIME_BASE + second)
            .set("facet", cells[0])
            .set("y", Long.parseLong(cells[1]))
            .set("yhat", Long.parseLong(cells[2]))
            .set("group", cells[3])
            .set("age", Long.parseLong(cells[4]))
            .set("score", Double.parseDouble(cells[5]))
            .build());
    return this;
  }

  /** Soft-deletes record {@code id} at event time second {@code second}. */
  VectorAStore delete(String id, double second) {
    now.set(now.get().plusSeconds(1));
    store.deleteRecord(
        GROUP,
        id,
        Double.toString(EVENT_TIME_BASE + second),
        DeletionMode.SOFT_DELETE,
        RecordWriteOptions.defaults());
    return this;
  }

  /** Writes the staged rows to Parquet files. */
  VectorAStore flush() {
    store.flush();
    return this;
  }

  /** The store's offline history. */
  OfflineHistory source() {
    return store.offlineHistory();
  }

  /** The directory opened read-only, as a reader sees it while the store keeps it open. */
  ReadOnlyStore openReadOnly() {
    return ReadOnlyStore.open(StoreConfig.builder(dir).build());
  }

  @Override
  public void close() {
    store.close();
  }
}
