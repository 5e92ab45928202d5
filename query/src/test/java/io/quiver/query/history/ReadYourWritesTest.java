package io.quiver.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.query.QuiverSql;
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
import io.quiver.storage.offline.S3ProxyServer;
import io.quiver.storage.parquet.ScanStatistics;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SQL sees every acknowledged record exactly once, flushed or staged, through the store itself or
 * through the data directory opened read-only while the store writes to it (issue 21: a connection
 * opened before a flush counted the flushed records twice), with the history in a local folder or
 * on an S3-compatible server (where SQL saw only the staged records).
 */
class ReadYourWritesTest {
  @TempDir Path dir;

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private StoreConfig config() {
    return StoreConfig.builder(dir)
        .offlineFlushAge(Duration.ofHours(1))
        .ttlSweepInterval(Duration.ZERO)
        .s3(S3ProxyServer.get().settings())
        .build();
  }

  private static void createDrivers(QuiverStore store) {
    createDrivers(store, OfflineStoreConfig.storeDefault());
  }

  /** A fresh bucket of the shared S3-compatible server, as an offline store location. */
  private static OfflineStoreConfig onS3() {
    String bucket = "read-your-writes-" + BUCKETS.incrementAndGet();
    S3ProxyServer.get().createBucket(bucket);
    return OfflineStoreConfig.at("s3://" + bucket + "/history");
  }

  private static void createDrivers(QuiverStore store, OfflineStoreConfig offline) {
    store.createFeatureGroup(
        FeatureGroupSpec.builder("drivers")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("trips", FeatureType.INTEGRAL)
            .onlineStore(OnlineStoreConfig.enabled())
            .offlineStore(offline)
            .build());
  }

  private static Record driver(String id, double ts, long trips) {
    return Record.builder().set("id", id).set("ts", ts).set("trips", trips).build();
  }

  @Test
  void aConnectionOpenedBeforeAFlushCountsEachRecordOnce() throws SQLException {
    try (QuiverStore store = QuiverStore.open(config())) {
      createDrivers(store);
      store.putRecord("drivers", driver("d1", 1_700_000_000.0, 3));
      try (ReadOnlyStore history = ReadOnlyStore.open(config());
          Connection sql = QuiverSql.connect(history)) {
        store.flush();
        assertThat(count(sql)).isEqualTo(1);
      }
    }
  }

  @ParameterizedTest(name = "read-only: {0}, on S3: {1}")
  @CsvSource({"true, false", "false, false", "true, true", "false, true"})
  void aLongLivedConnectionAlwaysCountsTheRecordsPut(boolean readOnly, boolean s3)
      throws SQLException {
    Random random = new Random(21);
    try (QuiverStore store = QuiverStore.open(config())) {
      createDrivers(store, s3 ? onS3() : OfflineStoreConfig.storeDefault());
      try (ReadOnlyStore reader = ReadOnlyStore.open(config())) {
        OfflineHistory history = readOnly ? reader : store.offlineHistory();
        try (Connection sql = QuiverSql.connect(history)) {
          long put = 0;
          // Every count reads every file again: fewer rounds over S3, which reads them through
          // HTTP.
          int rounds = s3 ? 20 : 60;
          for (int round = 0; round < rounds; round++) {
            for (int i = 0, n = random.nextInt(4); i < n; i++) {
              store.putRecord("drivers", driver("d" + random.nextInt(20), 1.7e9 + put, put));
              put++;
            }
            if (random.nextBoolean()) {
              store.flush();
            }
            assertThat(count(sql)).as("round %s", round).isEqualTo(put);
          }
        }
      }
    }
  }

  @Test
  void aStoreCachingDecodedFilesAnswersAsAFreshReadDoes() throws SQLException {
    StoreConfig cached =
        StoreConfig.builder(dir)
            .offlineFlushAge(Duration.ofHours(1))
            .ttlSweepInterval(Duration.ZERO)
            .offlineReadCacheBytes(16L << 20)
            .build();
    Random random = new Random(22);
    ScanStatistics statistics = new ScanStatistics();
    try (QuiverStore store = QuiverStore.open(cached)) {
      createDrivers(store);
      try (ReadOnlyStore reader = ReadOnlyStore.open(config());
          Connection fromCache = QuiverSql.connect(store.offlineHistory(), statistics);
          Connection fresh = QuiverSql.connect(reader)) {
        long put = 0;
        long trips = 0;
        for (int round = 0; round < 30; round++) {
          for (int i = 0, n = random.nextInt(4); i < n; i++) {
            long t = random.nextInt(1000);
            store.putRecord("drivers", driver("d" + random.nextInt(20), 1.7e9 + put, t));
            put++;
            trips += t;
          }
          if (random.nextBoolean()) {
            store.flush();
          }
          String query = "SELECT count(*), sum(trips), count(DISTINCT id), max(ts) FROM drivers";
          List<Object> cachedAnswer = answer(fromCache, query);
          assertThat(cachedAnswer).as("round %s", round).isEqualTo(answer(fresh, query));
          assertThat(cachedAnswer.get(0)).as("round %s", round).isEqualTo(String.valueOf(put));
          if (put > 0) {
            assertThat(cachedAnswer.get(1)).as("round %s", round).isEqualTo(String.valueOf(trips));
          }
          String asOf =
              "SELECT e.id, e.ts, f.trips FROM drivers AS e LEFT ASOF JOIN drivers AS f"
                  + " MATCH_CONDITION f.ts < e.ts ON e.id = f.id ORDER BY e.ts";
          assertThat(answer(fromCache, asOf)).as("round %s", round).isEqualTo(answer(fresh, asOf));
        }
      }
    }
    assertThat(statistics.filesFromCache()).isPositive();
  }

  private static List<Object> answer(Connection sql, String query) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Statement statement = sql.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int c = 1; c <= columns; c++) {
          values.add(String.valueOf(rows.getObject(c)));
        }
      }
    }
    return values;
  }

  @Test
  void queriesSeeFlushedStagedAndDeletedRowsWhileTheStoreIsOpen() throws SQLException {
    try (QuiverStore store = QuiverStore.open(config())) {
      createDrivers(store);
      store.putRecord("drivers", driver("d1", 1_700_000_000.0, 3));
      store.flush();
      store.putRecord("drivers", driver("d1", 1_700_000_060.0, 4));
      store.deleteRecord(
          "drivers", "d1", "1700000120", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());

      try (ReadOnlyStore history = ReadOnlyStore.open(config());
          Connection sql = QuiverSql.connect(history);
          Statement statement = sql.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT id, trips, is_deleted FROM quiver.drivers ORDER BY ts")) {
        List<String> seen = new ArrayList<>();
        while (rows.next()) {
          seen.add(rows.getString(1) + "," + rows.getObject(2) + "," + rows.getBoolean(3));
        }
        assertThat(seen).containsExactly("d1,3,false", "d1,4,false", "d1,null,true");
      }
    }
  }

  @Test
  void aGroupWithoutAnOfflineStoreSaysSoInsteadOfAnsweringEmpty() throws SQLException {
    try (QuiverStore store = QuiverStore.open(config())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("online_only")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .onlineStore(OnlineStoreConfig.enabled())
              .build());
      try (Connection sql = QuiverSql.connect(store.offlineHistory());
          Statement statement = sql.createStatement()) {
        assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM online_only"))
            .satisfies(
                e ->
                    assertThat(QuiverSql.errorMessage(e))
                        .isEqualTo(
                            "Cannot read the offline history of feature group online_only: it has"
                                + " no offline store (it was created without an"
                                + " OfflineStoreConfig, so its records are kept online only)"));
      }
    }
  }

  private static long count(Connection sql) throws SQLException {
    try (Statement statement = sql.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM drivers")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
