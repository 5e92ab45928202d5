package io.quiver.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.DeletionMode;
import io.quiver.storage.MutableClock;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The offline store through the store's public API, against every backend. */
class OfflineStoreTest {
  static final Instant START = Instant.parse("2024-03-05T10:00:00Z");

  /** 2024-03-05T10:15:00Z in epoch seconds. */
  static final double EVENT = 1_709_633_700.0;

  @TempDir Path tmp;
  final MutableClock clock = MutableClock.at(START);

  QuiverStore open(OfflineBackend backend) {
    return open(backend, b -> b);
  }

  QuiverStore open(OfflineBackend backend, UnaryOperator<StoreConfig.Builder> settings) {
    return QuiverStore.open(
        settings.apply(backend.config(tmp.resolve("data"), tmp).clock(clock)).build());
  }

  static FeatureGroupSpec customers(String name, OfflineStoreConfig offline) {
    return FeatureGroupSpec.builder(name)
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.FRACTIONAL)
        .feature("orders", FeatureType.INTEGRAL)
        .feature("score", FeatureType.FRACTIONAL)
        .feature("city", FeatureType.STRING)
        .feature(FeatureDefinition.list("tags", FeatureType.STRING))
        .feature(FeatureDefinition.list("counts", FeatureType.INTEGRAL))
        .feature(FeatureDefinition.vector("embedding", 2))
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(offline)
        .build();
  }

  static Record customer(String id, double ts, long orders) {
    return Record.builder()
        .set("id", id)
        .set("ts", ts)
        .set("orders", orders)
        .set("score", orders / 4.0)
        .set("city", "Zürich " + orders)
        .setList("tags", List.of("a" + orders, "b"))
        .setList("counts", List.of(orders, -orders))
        .setVector("embedding", 0.5, orders)
        .build();
  }

  @Test
  void flushReportsEachFileOnceAndInOrderThoughFilesAreWrittenConcurrently() {
    List<long[]> reports = Collections.synchronizedList(new ArrayList<>());
    try (QuiverStore store = open(OfflineBackend.LOCAL)) {
      store.createFeatureGroup(customers("customers", OfflineStoreConfig.storeDefault()));
      int hours = 48;
      for (int h = 0; h < hours; h++) {
        store.putRecord("customers", customer("c" + h, EVENT + h * 3600.0, h));
        store.putRecord("customers", customer("d" + h, EVENT + h * 3600.0 + 1, h));
      }
      store.flush(
          (files, rows, fraction) ->
              reports.add(new long[] {files, rows, (long) (fraction * 1e6)}));

      assertThat(store.listOfflineFiles("customers")).hasSize(hours);
    }
    assertThat(reports)
        .extracting(r -> r[0])
        .isEqualTo(LongStream.rangeClosed(1, 48).boxed().toList());
    assertThat(reports).extracting(r -> r[1]).isSorted().last().isEqualTo(96L);
    assertThat(reports).extracting(r -> r[2]).isSorted();
  }

  /**
   * A flush reads staged entries of any size whole: small ones between records larger than the
   * buffer it reads them through (64 KB), which grows on the way.
   */
  @Test
  void recordsLargerThanTheFlushReadBufferAreFlushedWhole() {
    try (QuiverStore store = open(OfflineBackend.LOCAL)) {
      store.createFeatureGroup(customers("customers", OfflineStoreConfig.storeDefault()));
      int[] cityLengths = {10, 70_000, 5, 200_000, 65_530, 1};
      for (int i = 0; i < cityLengths.length; i++) {
        store.putRecord(
            "customers",
            Record.builder()
                .set("id", "c" + i)
                .set("ts", EVENT + i)
                .set("city", "x".repeat(cityLengths[i] - 1) + i)
                .build());
      }
      store.flush();
      String table = DuckDb.table(OfflineBackend.LOCAL.dataFolder(store, "customers", tmp));
      List<List<Object>> rows = DuckDb.query("SELECT id, city FROM " + table + " ORDER BY ts");
      assertThat(rows).hasSize(cityLengths.length);
      for (int i = 0; i < cityLengths.length; i++) {
        assertThat(rows.get(i)).containsExactly("c" + i, "x".repeat(cityLengths[i] - 1) + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void flushWritesSageMakerLayoutWithTypedColumnsThatDuckDbReads(OfflineBackend backend) {
    try (QuiverStore store = open(backend)) {
      FeatureGroup group =
          store.createFeatureGroup(customers("customers", OfflineStoreConfig.storeDefault()));
      store.putRecord("customers", customer("c1", EVENT, 1));
      store.putRecord("customers", customer("c2", EVENT + 3600, 2)); // next hour
      store.putRecord(
          "customers", Record.builder().set("id", "c3").set("ts", EVENT).build()); // nulls
      clock.advance(Duration.ofSeconds(5));
      store.flush();

      assertThat(group.resolvedOutputS3Uri())
          .isEqualTo(
              store.config().offlineStoreBaseUri()
                  + "/000000000000/sagemaker/us-east-1/offline-store/customers-"
                  + START.getEpochSecond()
                  + "/data");
      List<OfflineFile> files = store.listOfflineFiles("customers");
      assertThat(files)
          .extracting(OfflineFile::key)
          .allMatch(
              k -> k.startsWith(group.offlineStoreDataPath() + "/year=2024/month=03/day=05/hour="))
          .anyMatch(k -> k.matches(".*/hour=10/20240305T101500Z_[0-9A-Za-z]{16}\\.parquet"))
          .anyMatch(k -> k.matches(".*/hour=11/20240305T111500Z_[0-9A-Za-z]{16}\\.parquet"))
          .hasSize(2);
      assertThat(files)
          .allMatch(
              f ->
                  f.uri()
                      .equals(
                          group.resolvedOutputS3Uri()
                              + f.key().substring(group.offlineStoreDataPath().length())));

      String table = DuckDb.table(backend.dataFolder(store, "customers", tmp));
      // Partition columns come from the path; DuckDB infers their types (year BIGINT, month
      // VARCHAR for "03"...), so only their presence is checked.
      assertThat(
              DuckDb.query(
                  "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + table + ")"))
          .containsExactly(
              List.of("id", "VARCHAR"),
              List.of("ts", "DOUBLE"),
              List.of("orders", "BIGINT"),
              List.of("score", "DOUBLE"),
              List.of("city", "VARCHAR"),
              List.of("tags", "VARCHAR[]"),
              List.of("counts", "BIGINT[]"),
              List.of("embedding", "DOUBLE[]"),
              List.of("write_time", "TIMESTAMP WITH TIME ZONE"),
              List.of("api_invocation_time", "TIMESTAMP WITH TIME ZONE"),
              List.of("is_deleted", "BOOLEAN"),
              List.of("day", "VARCHAR"),
              List.of("hour", "BIGINT"),
              List.of("month", "VARCHAR"),
              List.of("year", "BIGINT"));
      long start = START.getEpochSecond() * 1_000_000;
      long flushed = start + 5_000_000;
      assertThat(
              DuckDb.query(
                  "SELECT id, ts, orders, score, city, tags, counts, embedding, epoch_us(write_time),"
                      + " epoch_us(api_invocation_time), is_deleted, hour FROM "
                      + table
                      + " ORDER BY id"))
          .containsExactly(
              List.of(
                  "c1",
                  EVENT,
                  1L,
                  0.25,
                  "Zürich 1",
                  List.of("a1", "b"),
                  List.of(1L, -1L),
                  List.of(0.5, 1.0),
                  flushed,
                  start,
                  false,
                  10L),
              List.of(
                  "c2",
                  EVENT + 3600,
                  2L,
                  0.5,
                  "Zürich 2",
                  List.of("a2", "b"),
                  List.of(2L, -2L),
                  List.of(0.5, 2.0),
                  flushed,
                  start,
                  false,
                  11L),
              nullsExceptKeys("c3", EVENT, flushed, start, false, 10L));
    }
  }

  private static List<Object> nullsExceptKeys(
      String id, double ts, long write, long api, boolean deleted, long hour) {
    List<Object> row = new ArrayList<>();
    row.add(id);
    row.add(ts);
    for (int i = 0; i < 6; i++) {
      row.add(null);
    }
    row.addAll(List.of(write, api, deleted, hour));
    return row;
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void historyKeepsOlderPutsAndDeletionMarkers(OfflineBackend backend) {
    try (QuiverStore store = open(backend)) {
      store.createFeatureGroup(customers("history", OfflineStoreConfig.storeDefault()));
      store.putRecord("history", customer("c1", EVENT + 30, 3));
      store.putRecord("history", customer("c1", EVENT + 10, 1)); // older: history only
      store.deleteRecord(
          "history",
          "c1",
          Double.toString(EVENT + 20),
          DeletionMode.SOFT_DELETE,
          RecordWriteOptions.defaults());
      store.putRecord("history", customer("c1", EVENT + 40, 4));
      store.deleteRecord(
          "history",
          "c1",
          Double.toString(EVENT + 50),
          DeletionMode.HARD_DELETE,
          RecordWriteOptions.defaults());
      store.flush();

      assertThat(store.getRecord("history", "c1")).isEmpty();
      String table = DuckDb.table(backend.dataFolder(store, "history", tmp));
      List<Object> deleted = new ArrayList<>();
      deleted.add(null);
      assertThat(
              DuckDb.query(
                  "SELECT ts - " + EVENT + ", orders, is_deleted FROM " + table + " ORDER BY ts"))
          .containsExactly(
              List.of(10.0, 1L, false),
              row(20.0, null, true),
              List.of(30.0, 3L, false),
              List.of(40.0, 4L, false),
              row(50.0, null, true));
      assertThat(
              DuckDb.query(
                  "SELECT count(*) FROM "
                      + table
                      + " WHERE is_deleted AND city IS NULL AND tags IS NULL"))
          .containsExactly(List.of(2L));
    }
  }

  private static List<Object> row(Object... values) {
    List<Object> row = new ArrayList<>();
    for (Object value : values) {
      row.add(value);
    }
    return row;
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void interruptedFlushIsCompletedWithTheSameFileNamesAndNoDuplicates(OfflineBackend backend) {
    String blocked = backend.blockedBaseUri(tmp);
    List<String> before;
    try (QuiverStore store = open(backend)) {
      store.createFeatureGroup(customers("first", OfflineStoreConfig.storeDefault()));
      store.createFeatureGroup(customers("second", OfflineStoreConfig.at(blocked)));
      for (int i = 0; i < 10; i++) {
        store.putRecord("first", customer("c" + i, EVENT + i * 600, i));
        store.putRecord("second", customer("c" + i, EVENT + i * 600, i));
      }
      clock.advance(Duration.ofSeconds(1));
      // Files of "first" are written, then "second" fails: the flush stops between writing its
      // files and removing its staged entries, as a crash would leave it.
      assertThatThrownBy(store::flush).isInstanceOf(RuntimeException.class);
      before = keys(store.listOfflineFiles("first"));
      assertThat(before).hasSize(2);
      clock.advance(Duration.ofSeconds(1)); // a naive re-run would now pick another write_time
      assertThatThrownBy(store::close).isInstanceOf(RuntimeException.class);
    }
    backend.unblock(blocked);
    try (QuiverStore store = open(backend)) {
      store.flush();
      assertThat(keys(store.listOfflineFiles("first"))).isEqualTo(before);
      assertThat(store.listOfflineFiles("second")).hasSize(2);
      for (String group : List.of("first", "second")) {
        String table = DuckDb.table(backend.dataFolder(store, group, tmp));
        assertThat(
                DuckDb.query(
                    "SELECT count(*), count(DISTINCT id), count(DISTINCT write_time) FROM "
                        + table))
            .containsExactly(List.of(10L, 10L, 1L));
      }
      assertThat(store.offlineSnapshot("first").stagedRecords()).isEmpty();
    }
  }

  private static List<String> keys(List<OfflineFile> files) {
    return files.stream().map(OfflineFile::key).toList();
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void filesDroppedByOtherWritersAreListedAndRead(OfflineBackend backend) throws Exception {
    try (QuiverStore store = open(backend)) {
      FeatureGroup group =
          store.createFeatureGroup(customers("shared", OfflineStoreConfig.storeDefault()));
      store.putRecord("shared", customer("c1", EVENT, 1));
      store.flush();
      Path sparkFile = tmp.resolve("spark.parquet");
      DuckDb.execute(
          "COPY (SELECT 'c9' AS id, "
              + EVENT
              + "::DOUBLE AS ts, 9::BIGINT AS orders) TO '"
              + sparkFile
              + "' (FORMAT PARQUET)");
      String partition = group.offlineStoreDataPath() + "/year=2024/month=03/day=05/hour=10/";
      String base = group.spec().offlineStoreConfig().s3Uri();
      backend.drop(
          base, partition + "part-00000-4a6f-c000.snappy.parquet", Files.readAllBytes(sparkFile));
      backend.drop(base, partition + "_SUCCESS", new byte[0]);
      backend.drop(base, partition + ".part-00000-4a6f-c000.snappy.parquet.crc", new byte[4]);

      assertThat(keys(store.listOfflineFiles("shared")))
          .hasSize(2)
          .contains(partition + "part-00000-4a6f-c000.snappy.parquet");
      String table =
          "read_parquet('"
              + backend.dataFolder(store, "shared", tmp)
              + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
      assertThat(DuckDb.query("SELECT id, orders FROM " + table + " ORDER BY id"))
          .containsExactly(List.of("c1", 1L), List.of("c9", 9L));
      assertThat(store.offlineSnapshot("shared").files()).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void snapshotHoldsEachRecordInFilesOrStagingExactlyOnce(OfflineBackend backend) {
    try (QuiverStore store = open(backend, b -> b.offlineFlushAge(Duration.ofHours(1)))) {
      store.createFeatureGroup(customers("ryw", OfflineStoreConfig.storeDefault()));
      store.putRecord("ryw", customer("c1", EVENT, 1));
      store.flush();
      store.putRecord("ryw", customer("c2", EVENT, 2));
      OfflineSnapshot snapshot = store.offlineSnapshot("ryw");
      assertThat(snapshot.files()).hasSize(1);
      assertThat(snapshot.stagedRecords())
          .extracting(r -> r.record().getString("id"))
          .containsExactly("c2");
      assertThat(snapshot.stagedRecords().get(0).apiInvocationMicros())
          .isEqualTo(START.getEpochSecond() * 1_000_000);
    }
  }

  @ParameterizedTest
  @EnumSource(OfflineBackend.class)
  void closeFlushesEverythingStagedAndDeletedGroupsKeepTheirHistory(OfflineBackend backend) {
    StoreConfig config =
        backend
            .config(tmp.resolve("data"), tmp)
            .clock(clock)
            .offlineFlushAge(Duration.ofHours(1))
            .build();
    try (QuiverStore store = QuiverStore.open(config)) {
      store.createFeatureGroup(customers("kept", OfflineStoreConfig.storeDefault()));
      store.createFeatureGroup(customers("gone", OfflineStoreConfig.storeDefault()));
      store.putRecord("kept", customer("c1", EVENT, 1));
      store.putRecord("gone", customer("c1", EVENT, 1));
      store.deleteFeatureGroup("gone");
    }
    try (QuiverStore store = QuiverStore.open(config)) {
      assertThat(store.listOfflineFiles("kept")).hasSize(1);
      // Re-created within the same second, the group gets the same folder (as on SageMaker, whose
      // folder is <name>-<creation epoch seconds>) and sees the deleted group's history there.
      store.createFeatureGroup(customers("gone", OfflineStoreConfig.storeDefault()));
      assertThat(store.listOfflineFiles("gone")).hasSize(1);
      String table = DuckDb.table(backend.dataFolder(store, "gone", tmp));
      assertThat(DuckDb.query("SELECT id, orders FROM " + table))
          .containsExactly(List.of("c1", 1L));
    }
  }

  @org.junit.jupiter.api.Test
  void defaultLocationIsInsideTheDataDirectoryAndUnwritableLocationsAreRefused() {
    Path dataDir = tmp.resolve("embedded");
    try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).clock(clock).build())) {
      FeatureGroup group =
          store.createFeatureGroup(customers("local", OfflineStoreConfig.storeDefault()));
      assertThat(group.spec().offlineStoreConfig().s3Uri())
          .isEqualTo(
              dataDir
                  .toAbsolutePath()
                  .resolve("offline-store")
                  .toUri()
                  .toString()
                  .replaceAll("/$", ""));
      assertThat(store.describeFeatureGroup("local").resolvedOutputS3Uri())
          .isEqualTo(
              group.spec().offlineStoreConfig().s3Uri() + "/" + group.offlineStoreDataPath());
      for (String uri :
          List.of("https://bucket.s3.amazonaws.com/x", "file://host/folder", "s3:///no-bucket")) {
        assertThatThrownBy(
                () -> store.createFeatureGroup(customers("bad", OfflineStoreConfig.at(uri))))
            .isInstanceOf(io.quiver.storage.error.ValidationException.class)
            .hasMessageStartingWith("Cannot create feature group bad: S3Uri '" + uri + "'");
      }
      assertThatThrownBy(() -> store.listOfflineFiles("nope"))
          .isInstanceOf(io.quiver.storage.error.ResourceNotFoundException.class);
    }
  }
}
