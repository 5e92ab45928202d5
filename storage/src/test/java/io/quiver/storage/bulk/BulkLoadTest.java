package io.quiver.storage.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.DuckDb;
import io.quiver.storage.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link QuiverStore#bulkLoad}: the same online records and offline rows as PutRecords of the same
 * rows in the same order (issue 18), all or nothing.
 */
class BulkLoadTest {
  private static final String GROUP = "bulk";

  @TempDir Path tmp;
  private QuiverStore bulk;
  private QuiverStore puts;

  @BeforeEach
  void open() {
    bulk = QuiverStore.open(tmp.resolve("bulk-store"));
    puts = QuiverStore.open(tmp.resolve("put-store"));
  }

  @AfterEach
  void close() {
    bulk.close();
    puts.close();
  }

  @ParameterizedTest
  @CsvSource({"true, true", "true, false", "false, true"})
  void leavesWhatPutRecordsOfTheSameRowsLeave(boolean online, boolean offline) throws Exception {
    bulk.createFeatureGroup(
        BulkRows.spec(GROUP, online, offline ? tmp.resolve("bulk-offline") : null));
    puts.createFeatureGroup(
        BulkRows.spec(GROUP, online, offline ? tmp.resolve("put-offline") : null));
    List<@Nullable String[]> rows = BulkRows.random(7, 3_000, 40, 30);

    BulkLoadSummary summary;
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      addConcurrently(load, rows, 17);
      summary = load.commit(BulkProgress.silent());
    }
    List<Record> records = new ArrayList<>();
    rows.forEach(row -> records.add(BulkRows.record(BulkRows.COLUMNS, row)));
    puts.putRecords(GROUP, records, RecordWriteOptions.defaults());
    puts.flush();

    assertThat(summary.rows()).isEqualTo(rows.size());
    if (online) {
      TreeSet<String> ids = new TreeSet<>();
      rows.forEach(row -> ids.add(row[0]));
      assertThat(summary.onlineRecords()).isEqualTo(ids.size());
      for (String id : ids) {
        Optional<OnlineRecord> expected = puts.getRecord(GROUP, id);
        Optional<OnlineRecord> actual = bulk.getRecord(GROUP, id);
        assertThat(actual.map(r -> r.record().values()))
            .as("online record %s", id)
            .isEqualTo(expected.map(r -> r.record().values()));
      }
    }
    if (offline) {
      assertThat(offlineRows(tmp.resolve("bulk-offline")))
          .hasSize(rows.size())
          .isEqualTo(offlineRows(tmp.resolve("put-offline")));
      assertThat(bulk.offlineSnapshot(GROUP).stagedRecords()).isEmpty();
    }
  }

  @Test
  void filesArePartitionedByHourAndSortedByEventTimeThenInputOrder() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, false, tmp.resolve("offline")));
    List<@Nullable String[]> rows =
        List.of(
            row("a", "1700000000", "3"),
            row("b", "1700003600", "1"),
            row("c", "1700000000", "4"),
            row("d", "1699999199", "9"));
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      load.add(0, BulkRows.COLUMNS, BulkRows.batch(BulkRows.COLUMNS.size(), rows, true));
      assertThat(load.commit(BulkProgress.silent()).offlineFiles()).isEqualTo(3);
    }

    List<List<Object>> files =
        DuckDb.query(
            "SELECT hour, list(id ORDER BY file_row_number) FROM read_parquet('"
                + tmp.resolve("offline").toAbsolutePath()
                + "/**/*.parquet', hive_partitioning = true, file_row_number = true) GROUP BY"
                + " filename, hour ORDER BY hour");
    assertThat(files)
        .extracting(f -> f.get(1))
        .containsExactly(List.of("d"), List.of("a", "c"), List.of("b"));
  }

  @Test
  void aPutOlderThanTheLoadedRecordLeavesItOnlineThoughTheGroupWasCreatedEmpty() {
    // A group created empty skips the read of writes above its stored event times (issue 18);
    // the load must raise that bound, and its persisted lease, to cover the loaded records, or an
    // older put would replace a loaded record unread, before or after a restart.
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, null));
    List<@Nullable String[]> rows =
        List.<@Nullable String[]>of(
            new String[] {"a", "1700000500", "1", "0.5", "loaded", "0"},
            new String[] {"b", "1700000300", "1", "0.5", "loaded", "0"});
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      load.add(0, BulkRows.COLUMNS, BulkRows.batch(BulkRows.COLUMNS.size(), rows, true));
      load.commit(BulkProgress.silent());
    }

    put(bulk, "a", "1700000400", "older");
    put(bulk, "b", "1700000400", "newer");
    assertThat(labelOf(bulk, "a")).isEqualTo("loaded");
    assertThat(labelOf(bulk, "b")).isEqualTo("newer");

    bulk.close();
    bulk = QuiverStore.open(tmp.resolve("bulk-store"));
    put(bulk, "a", "1700000450", "older, after a restart");
    put(bulk, "c", "1700000600", "new");
    assertThat(labelOf(bulk, "a")).isEqualTo("loaded");
    assertThat(labelOf(bulk, "c")).isEqualTo("new");
  }

  private static void put(QuiverStore store, String id, String eventTime, String label) {
    store.putRecord(
        GROUP,
        BulkRows.record(BulkRows.COLUMNS, new String[] {id, eventTime, "2", "0.5", label, "1"}));
  }

  private static String labelOf(QuiverStore store, String id) {
    return store.getRecord(GROUP, id).orElseThrow().record().getString("label");
  }

  @Test
  void refusedRowsCarryThePutRecordErrorAndAreLeftOut() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, null));
    puts.createFeatureGroup(BulkRows.spec(GROUP, true, null));
    List<String> columns = List.of("id", "ts", "count", "unknown");
    List<@Nullable String[]> rows =
        List.of(
            new String[] {"a", "1700000000", "1.5", null},
            new String[] {null, "1700000000", "1", null},
            new String[] {"c", "yesterday", "1", null},
            new String[] {"d", "1700000000", "1", "x"},
            new String[] {"e", "1700000000", "9223372036854775808", null},
            new String[] {"ok", "1700000000", "-9223372036854775808", null});

    List<RejectedRow> rejected;
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      rejected = load.add(0, columns, BulkRows.batch(columns.size(), rows, true));
      assertThat(load.commit(BulkProgress.silent()).rows()).isEqualTo(1);
    }

    assertThat(rejected).extracting(RejectedRow::row).containsExactly(0, 1, 2, 3, 4);
    for (RejectedRow refused : rejected) {
      Record record = BulkRows.record(columns, rows.get(refused.row()));
      assertThatThrownBy(() -> puts.putRecord(GROUP, record))
          .isInstanceOf(QuiverException.class)
          .hasMessage(refused.error().getMessage());
    }
    assertThat(bulk.getRecord(GROUP, "ok")).isPresent();
    assertThat(bulk.getRecord(GROUP, "a")).isEmpty();
  }

  @Test
  void refusesAGroupWithRecordsOnline() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, null));
    bulk.putRecord(GROUP, BulkRows.record(BulkRows.COLUMNS, row("a", "1700000000", "1")));

    assertThatThrownBy(() -> bulk.bulkLoad(GROUP))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("has records online");
  }

  @Test
  void refusesAGroupWhoseOnlineRecordsExpire() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, null));
    bulk.updateDefaultTtl(GROUP, TtlDuration.of(1, TtlUnit.DAYS));

    assertThatThrownBy(() -> bulk.bulkLoad(GROUP))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("default TTL");
  }

  @Test
  void aRecordWrittenDuringTheLoadMakesTheCommitTakeEverythingBack() {
    Path offline = tmp.resolve("offline");
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, offline));
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      load.add(
          0,
          BulkRows.COLUMNS,
          BulkRows.batch(BulkRows.COLUMNS.size(), BulkRows.random(1, 500, 20, 10), true));
      bulk.putRecord(GROUP, BulkRows.record(BulkRows.COLUMNS, row("z", "1600000000", "1")));

      assertThatThrownBy(() -> load.commit(BulkProgress.silent()))
          .isInstanceOf(ResourceInUseException.class)
          .hasMessageContaining("nothing was loaded");
    }

    assertThat(bulk.getRecord(GROUP, "c1")).isEmpty();
    assertThat(bulk.getRecord(GROUP, "z")).isPresent();
    bulk.flush();
    assertThat(offlineRows(offline)).hasSize(1);
  }

  @Test
  void aLoadsFilesAreInNoSnapshotAndNoListingBeforeItCommits() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, tmp.resolve("offline")));
    List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Integer> listed = java.util.Collections.synchronizedList(new ArrayList<>());
    BulkLoadSummary summary;
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      load.add(
          0,
          BulkRows.COLUMNS,
          BulkRows.batch(BulkRows.COLUMNS.size(), BulkRows.random(4, 600, 20, 60), true));
      summary =
          load.commit(
              (step, done, total) -> {
                if (step != BulkProgress.Step.COMMITTED) {
                  seen.add(bulk.offlineHistory().snapshot(GROUP).files().size());
                  listed.add(bulk.listOfflineFiles(GROUP).size());
                }
              });
    }

    // Snapshots and listings taken while files were written and after the last (loading the
    // online store): the files are on disk, whole, from the first step on.
    assertThat(seen).hasSizeGreaterThan(3).containsOnly(0);
    assertThat(listed).hasSizeGreaterThan(3).containsOnly(0);
    assertThat(bulk.listOfflineFiles(GROUP)).hasSize(summary.offlineFiles());
    assertThat(bulk.offlineHistory().snapshot(GROUP).files()).hasSize(summary.offlineFiles());
  }

  @Test
  void aLoadClosedBeforeItsCommitLeavesNothing() {
    Path offline = tmp.resolve("offline");
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, offline));
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      load.add(
          0,
          BulkRows.COLUMNS,
          BulkRows.batch(BulkRows.COLUMNS.size(), BulkRows.random(1, 100, 20, 10), true));
    }

    assertThat(bulk.getRecord(GROUP, "c1")).isEmpty();
    assertThat(bulk.listOfflineFiles(GROUP)).isEmpty();
    try (BulkLoad again = bulk.bulkLoad(GROUP)) {
      assertThat(again.commit(BulkProgress.silent()).rows()).isZero();
    }
  }

  @Test
  void refusesAnOrdinalGivenTwiceAndUseAfterCommit() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, null));
    List<@Nullable String[]> rows = new ArrayList<>();
    rows.add(row("a", "1700000000", "1"));
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      load.add(4, BulkRows.COLUMNS, BulkRows.batch(BulkRows.COLUMNS.size(), rows, true));
      assertThatThrownBy(
              () ->
                  load.add(
                      4, BulkRows.COLUMNS, BulkRows.batch(BulkRows.COLUMNS.size(), rows, true)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ordinal: 4");
      load.commit(BulkProgress.silent());
      assertThatThrownBy(() -> load.commit(BulkProgress.silent()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void reportsEveryStepOfTheCommit() {
    bulk.createFeatureGroup(BulkRows.spec(GROUP, true, tmp.resolve("offline")));
    List<BulkProgress.Step> steps = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> filesWritten = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Long> filesSynced = java.util.Collections.synchronizedList(new ArrayList<>());
    BulkLoadSummary summary;
    try (BulkLoad load = bulk.bulkLoad(GROUP)) {
      // 60 hours: 60 files, written by several threads at once.
      load.add(
          0,
          BulkRows.COLUMNS,
          BulkRows.batch(BulkRows.COLUMNS.size(), BulkRows.random(3, 600, 20, 60), true));
      summary =
          load.commit(
              (step, done, total) -> {
                steps.add(step);
                if (step == BulkProgress.Step.WRITING_OFFLINE_FILES) {
                  filesWritten.add(done);
                }
                if (step == BulkProgress.Step.SYNCING_OFFLINE_FILES) {
                  filesSynced.add(done);
                }
              });
    }

    // The steps in their order, each reported at least once (the online store's file is written
    // while the offline files are, but reported after them).
    assertThat(steps.stream().distinct().toList())
        .containsExactly(
            BulkProgress.Step.PLANNING,
            BulkProgress.Step.WRITING_OFFLINE_FILES,
            BulkProgress.Step.SYNCING_OFFLINE_FILES,
            BulkProgress.Step.LOADING_ONLINE_STORE,
            BulkProgress.Step.COMMITTED);
    assertThat(steps).isSortedAccordingTo(Comparator.naturalOrder());
    // From 0 to every file, in order and never back, although the files are written
    // concurrently: a count reached while another writer reports a higher one is not shown.
    assertThat(filesWritten)
        .startsWith(0L)
        .endsWith((long) summary.offlineFiles())
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(filesSynced).startsWith(0L).endsWith((long) summary.offlineFiles()).isSorted();
  }

  private static @Nullable String[] row(String id, String ts, String rowNumber) {
    return new String[] {id, ts, null, null, null, rowNumber};
  }

  /** Every row of the Parquet files below {@code folder} but the times of the write, sorted. */
  private static List<String> offlineRows(Path folder) {
    if (!Files.isDirectory(folder) || !hasParquet(folder)) {
      return List.of();
    }
    List<String> rows = new ArrayList<>();
    for (List<Object> row :
        DuckDb.query(
            "SELECT id, ts, count, ratio, label, row, is_deleted FROM " + DuckDb.table(folder))) {
      rows.add(row.toString());
    }
    rows.sort(Comparator.naturalOrder());
    return rows;
  }

  private static boolean hasParquet(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.anyMatch(p -> p.toString().endsWith(".parquet"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Adds {@code rows} in {@code batches} batches from three threads, out of order. */
  private static void addConcurrently(BulkLoad load, List<@Nullable String[]> rows, int batches)
      throws Exception {
    int size = (rows.size() + batches - 1) / batches;
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<RejectedRow>>> added = new ArrayList<>();
      for (int b = batches - 1; b >= 0; b--) {
        int ordinal = b;
        List<@Nullable String[]> slice =
            rows.subList(Math.min(rows.size(), b * size), Math.min(rows.size(), (b + 1) * size));
        added.add(
            threads.submit(
                () ->
                    load.add(
                        ordinal,
                        BulkRows.COLUMNS,
                        BulkRows.batch(BulkRows.COLUMNS.size(), slice, ordinal % 2 == 0))));
      }
      for (Future<List<RejectedRow>> future : added) {
        assertThat(future.get()).isEmpty();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
