package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.StoredRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QuiverStore#putRecords}: the same outcome as the same records put one by one, committed in
 * one write.
 */
class RecordWriterBatchTest {
  private static final String BOTH = "both";

  @TempDir Path dir;
  private QuiverStore store;

  @BeforeEach
  void open() {
    store = QuiverStore.open(dir);
    store.createFeatureGroup(TestGroups.customers());
    store.createFeatureGroup(
        TestGroups.customers(BOTH).offlineStore(OfflineStoreConfig.storeDefault()).build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void laterRecordOfAnIdentifierInTheBatchComparesWithTheEarlierOne() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "stored").build());
    store.putRecords(
        CUSTOMERS,
        List.of(
            customer("c-1", "101").set("name", "first").build(),
            customer("c-1", "103").set("name", "latest").build(),
            customer("c-1", "102").set("name", "older than latest").build(),
            customer("c-2", "5").set("name", "new").build(),
            customer("c-3", "99").set("name", "x").build(),
            customer("c-3", "99").set("name", "tie keeps the first").build()),
        RecordWriteOptions.defaults());
    assertThat(nameOf(CUSTOMERS, "c-1")).hasValue("latest");
    assertThat(nameOf(CUSTOMERS, "c-2")).hasValue("new");
    assertThat(nameOf(CUSTOMERS, "c-3")).hasValue("x");
  }

  @Test
  void olderThanTheStoredRecordIsHistoryOnlyAndEveryRecordIsStagedInOrder() {
    store.putRecord(BOTH, customer("c-1", "200").set("name", "stored").build());
    store.putRecords(
        BOTH,
        List.of(
            customer("c-1", "150").set("name", "history").build(),
            customer("c-9", "1").set("name", "nine").build()),
        RecordWriteOptions.defaults());
    assertThat(nameOf(BOTH, "c-1")).hasValue("stored");
    assertThat(nameOf(BOTH, "c-9")).hasValue("nine");
    assertThat(store.offlineSnapshot(BOTH).stagedRecords())
        .extracting(r -> r.record().getString("name"))
        .containsExactly("stored", "history", "nine");
  }

  @Test
  void tryPutRecordsAnswersHowManyWereWrittenBeforeTheRefusedRecord() {
    List<Record> batch =
        List.of(
            customer("c-1", "1").set("name", "written").build(),
            customer("c-2", "2").set("name", "written").build(),
            customer("c-3", "not a number").build(),
            customer("c-4", "1").build());

    PutRecordsResult result = store.tryPutRecords(BOTH, batch, RecordWriteOptions.defaults());

    assertThat(result.written()).isEqualTo(2);
    assertThat(result.refused()).isInstanceOf(ValidationException.class);
    assertThat(result.refused().getMessage()).contains("event_time");
    assertThat(store.getRecord(BOTH, "c-4")).isEmpty();
    assertThat(store.offlineSnapshot(BOTH).stagedRecords()).hasSize(2);
    assertThat(store.tryPutRecords(BOTH, batch.subList(3, 4), RecordWriteOptions.defaults()))
        .isEqualTo(new PutRecordsResult(1, null));
  }

  @Test
  void invalidRecordStopsTheBatchAfterWritingTheRecordsBeforeIt() {
    List<Record> batch =
        List.of(
            customer("c-1", "1").set("name", "written").build(),
            customer("c-2", "not a number").build(),
            customer("c-3", "1").set("name", "not written").build());
    assertThatThrownBy(() -> store.putRecords(BOTH, batch, RecordWriteOptions.defaults()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("event_time");
    assertThat(nameOf(BOTH, "c-1")).hasValue("written");
    assertThat(store.getRecord(BOTH, "c-2")).isEmpty();
    assertThat(store.getRecord(BOTH, "c-3")).isEmpty();
    assertThat(store.offlineSnapshot(BOTH).stagedRecords()).hasSize(1);
  }

  /**
   * Records too large for a writing thread's direct buffer (DirectPutBuffer) take the array puts,
   * between records that go through it: each is stored online and staged whole, in order, whether
   * put one by one or in a batch.
   */
  @Test
  void recordsAboveTheDirectBufferLimitAreWrittenAsTheOthers() {
    String large = "b".repeat(DirectPutBuffer.MAX_RECORD_BYTES);
    String medium = "m".repeat(DirectPutBuffer.MAX_RECORD_BYTES / 3);
    List<Record> batch =
        List.of(
            customer("c-1", "1").set("name", "small").set("bio", "short").build(),
            customer("c-2", "2").set("name", "large").set("bio", large).build(),
            customer("c-3", "3").set("name", "medium").set("bio", medium).build(),
            customer("c-2", "4").set("name", "larger").set("bio", large + large).build());
    store.putRecords(BOTH, batch, RecordWriteOptions.defaults());
    for (Record record : batch) {
      store.putRecord(CUSTOMERS, record);
    }
    for (String group : List.of(BOTH, CUSTOMERS)) {
      assertThat(store.getRecord(group, "c-1").orElseThrow().record().getString("bio"))
          .isEqualTo("short");
      assertThat(store.getRecord(group, "c-2").orElseThrow().record().getString("bio"))
          .isEqualTo(large + large);
      assertThat(store.getRecord(group, "c-3").orElseThrow().record().getString("bio"))
          .isEqualTo(medium);
    }
    assertThat(store.offlineSnapshot(BOTH).stagedRecords())
        .extracting(r -> r.record().getString("bio"))
        .containsExactly("short", large, medium, large + large);
  }

  @Test
  void offlineTargetStagesWithoutTouchingTheOnlineRecord() {
    store.putRecords(
        BOTH,
        List.of(customer("c-1", "9").set("name", "offline only").build()),
        RecordWriteOptions.targeting(TargetStore.OFFLINE_STORE));
    assertThat(store.getRecord(BOTH, "c-1")).isEmpty();
    assertThat(store.offlineSnapshot(BOTH).stagedRecords())
        .extracting(StoredRecord::eventTimeMicros)
        .containsExactly(9_000_000L);
  }

  @Test
  void unknownGroupWritesNothing() {
    assertThatThrownBy(
            () ->
                store.putRecords(
                    "nope", List.of(customer("c-1", "1").build()), RecordWriteOptions.defaults()))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void recordsSurviveReopening() {
    store.putRecords(
        CUSTOMERS,
        List.of(customer("c-1", "1").set("name", "kept").build()),
        RecordWriteOptions.defaults());
    store.close();
    store = QuiverStore.open(dir);
    assertThat(nameOf(CUSTOMERS, "c-1")).hasValue("kept");
  }

  /**
   * Writers of batches over the same identifiers in different orders take their locks in one order,
   * so they finish (a deadlock would time out here), and each identifier ends with its greatest
   * event time.
   */
  @Test
  void concurrentBatchesOverTheSameIdentifiersFinishWithTheLatestRecords() throws Exception {
    int identifiers = 200;
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(t);
        int writer = t;
        writers.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 20; round++) {
                    List<Record> batch = new ArrayList<>();
                    for (int id = 0; id < identifiers; id++) {
                      int eventTime = round * threads + writer;
                      batch.add(
                          customer("c-" + id, Integer.toString(eventTime))
                              .set("name", Integer.toString(eventTime))
                              .build());
                    }
                    Collections.shuffle(batch, random);
                    store.putRecords(CUSTOMERS, batch, RecordWriteOptions.defaults());
                  }
                }));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    String latest = Integer.toString(19 * threads + threads - 1);
    for (int id = 0; id < identifiers; id++) {
      assertThat(nameOf(CUSTOMERS, "c-" + id)).hasValue(latest);
    }
  }

  private Optional<String> nameOf(String group, String id) {
    return store.getRecord(group, id).map(r -> r.record().getString("name"));
  }
}
