package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.customer;
import static io.quiver.storage.TestGroups.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The online semantics of PutRecord and DeleteRecord: only a strictly later event time changes the
 * online record; TargetStores; soft deletes leave a tombstone, hard deletes must be later.
 */
class RecordWriterTest {
  private static final String HISTORY = "history";

  @TempDir Path dir;
  private QuiverStore store;

  @BeforeEach
  void open() {
    store = QuiverStore.open(dir);
    TestGroups.createCustomersOrdersAndHistory(store, HISTORY);
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- writes that must not wait

  @Test
  void tryPutRecordWritesAsPutRecordDoes() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "old").build());

    assertThat(
            store.tryPutRecord(
                CUSTOMERS,
                customer("c-1", "101").set("name", "new").build(),
                RecordWriteOptions.defaults()))
        .isTrue();
    assertThat(
            store.tryPutRecord(
                CUSTOMERS,
                customer("c-1", "99").set("name", "older").build(),
                RecordWriteOptions.defaults()))
        .isTrue();
    assertThat(nameOf("c-1")).hasValue("new");
    assertThat(
            store.tryPutRecord(
                HISTORY, customer("h-1", "1").build(), RecordWriteOptions.defaults()))
        .isTrue();
    assertThat(store.offlineSnapshot(HISTORY).stagedRecords()).hasSize(1);
  }

  @Test
  void tryPutRecordChecksTheRecordFirst() {
    assertThatThrownBy(
            () ->
                store.tryPutRecord(
                    CUSTOMERS, customer("c-1", "soon").build(), RecordWriteOptions.defaults()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void tryPutRecordDeclinesWhenEveryWriteWaitsForAnFsync() {
    store.close();
    store = QuiverStore.open(StoreConfig.builder(dir).syncWrites(true).build());

    assertThat(
            store.tryPutRecord(
                CUSTOMERS, customer("c-9", "1").build(), RecordWriteOptions.defaults()))
        .isFalse();
    assertThat(store.getRecord(CUSTOMERS, "c-9")).isEmpty();
  }

  @Test
  @Timeout(60) // waiting for the lock, as a blocking write would, hangs rather than fails
  void tryPutRecordDeclinesWhileAnotherWriterHoldsTheIdentifiersLock() throws Exception {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "old").build());
    byte[] key = OnlineStore.key(store.describeFeatureGroup(CUSTOMERS).id(), "c-1");
    ReentrantLock lock = ((RocksQuiverStore) store).online().lockFor(key);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              lock.lock();
              try {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                lock.unlock();
              }
            });
    holder.start();
    held.await();
    try {
      assertThat(
              store.tryPutRecord(
                  CUSTOMERS,
                  customer("c-1", "101").set("name", "new").build(),
                  RecordWriteOptions.defaults()))
          .isFalse();
      assertThat(nameOf("c-1")).hasValue("old");
    } finally {
      release.countDown();
      holder.join();
    }

    assertThat(
            store.tryPutRecord(
                CUSTOMERS,
                customer("c-1", "101").set("name", "new").build(),
                RecordWriteOptions.defaults()))
        .isTrue();
    assertThat(nameOf("c-1")).hasValue("new");
  }

  // ---- latest event time wins

  @Test
  void newerEventTimeReplacesTheOnlineRecord() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "old").build());
    store.putRecord(CUSTOMERS, customer("c-1", "101").set("name", "new").build());
    assertThat(nameOf("c-1")).hasValue("new");
  }

  @Test
  void olderEventTimeIsNotAppliedOnline() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "current").build());
    store.putRecord(CUSTOMERS, customer("c-1", "99.999").set("name", "history").build());
    assertThat(nameOf("c-1")).hasValue("current");
  }

  @Test
  void equalEventTimeIsNotAppliedOnline() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "first").build());
    store.putRecord(CUSTOMERS, customer("c-1", "100.0").set("name", "second").build());
    assertThat(nameOf("c-1")).hasValue("first");
  }

  @Test
  void comparesFractionalEventTimesAsNumbers() {
    store.putRecord(CUSTOMERS, customer("c-1", "9").set("name", "nine").build());
    store.putRecord(CUSTOMERS, customer("c-1", "1e1").set("name", "ten").build());
    store.putRecord(CUSTOMERS, customer("c-1", "9.5").set("name", "nine and a half").build());
    assertThat(nameOf("c-1")).hasValue("ten");
  }

  @Test
  void comparesIsoEventTimesAsInstants() {
    store.putRecord(ORDERS, order("1", "2023-01-01T00:00:00Z").set("amount", 1.0).build());
    store.putRecord(ORDERS, order("1", "2023-01-01T00:00:00.000Z").set("amount", 2.0).build());
    assertThat(amountOf("1")).hasValue("1.0");
    store.putRecord(ORDERS, order("1", "2023-01-01T00:00:00.001Z").set("amount", 3.0).build());
    assertThat(amountOf("1")).hasValue("3.0");
  }

  @Test
  void putReplacesTheWholeRecord() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "a").set("orders", 3).build());
    store.putRecord(CUSTOMERS, customer("c-1", "101").set("name", "b").build());
    Record stored = store.getRecord(CUSTOMERS, "c-1").orElseThrow().record();
    assertThat(stored.value("orders")).isEmpty();
    assertThat(stored.getString("name")).isEqualTo("b");
  }

  @Test
  void putIntoUnknownGroupFailsWithResourceNotFound() {
    assertThatThrownBy(() -> store.putRecord("missing", customer("c-1", "100").build()))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void integralIdentifiersNameOneRecordWhateverTheirSpelling() {
    store.putRecord(ORDERS, order("007", "2024-01-01T00:00:00Z").set("amount", 1.0).build());
    assertThat(store.getRecord(ORDERS, "7")).isPresent();
    assertThat(store.getRecord(ORDERS, "+7")).isPresent();

    store.putRecord(ORDERS, order("7", "2024-01-02T00:00:00Z").set("amount", 2.0).build());
    assertThat(amountOf("007")).hasValue("2.0");
    store.putRecord(ORDERS, order("+0007", "2024-01-01T12:00:00Z").set("amount", 3.0).build());
    assertThat(amountOf("7")).hasValue("2.0");
  }

  // ---- TargetStores

  @Test
  void rejectsOnlineTargetOnGroupWithoutOnlineStore() {
    Record record = customer("c-1", "100").build();
    assertThatThrownBy(
            () ->
                store.putRecord(
                    HISTORY, record, RecordWriteOptions.targeting(TargetStore.ONLINE_STORE)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("TargetStores names OnlineStore, but the group has no online store");
  }

  @Test
  void rejectsOfflineTargetOnGroupWithoutOfflineStore() {
    Record record = customer("c-1", "100").build();
    assertThatThrownBy(
            () ->
                store.putRecord(
                    CUSTOMERS, record, RecordWriteOptions.targeting(TargetStore.OFFLINE_STORE)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "TargetStores names OfflineStore, but the group has no offline store");
    assertThat(store.getRecord(CUSTOMERS, "c-1")).isEmpty();
  }

  @Test
  void offlineTargetLeavesTheOnlineRecordUnchanged() {
    store.putRecord(ORDERS, order("1", "2024-01-01T00:00:00Z").set("amount", 1.0).build());
    store.putRecord(
        ORDERS,
        order("1", "2024-01-02T00:00:00Z").set("amount", 2.0).build(),
        RecordWriteOptions.targeting(TargetStore.OFFLINE_STORE));
    store.putRecord(
        ORDERS,
        order("2", "2024-01-02T00:00:00Z").build(),
        RecordWriteOptions.targeting(TargetStore.OFFLINE_STORE));

    assertThat(amountOf("1")).hasValue("1.0");
    assertThat(store.getRecord(ORDERS, "2")).isEmpty();
  }

  @Test
  void onlineTargetWritesOnline() {
    store.putRecord(
        ORDERS,
        order("1", "2024-01-01T00:00:00Z").set("amount", 1.0).build(),
        RecordWriteOptions.targeting(TargetStore.ONLINE_STORE));
    assertThat(amountOf("1")).hasValue("1.0");
  }

  @Test
  void offlineOnlyGroupAcceptsPutsWithDefaultTargets() {
    store.putRecord(HISTORY, customer("c-1", "100").build());
    assertThatThrownBy(() -> store.getRecord(HISTORY, "c-1"))
        .isInstanceOf(ValidationException.class);
  }

  // ---- SoftDelete

  @Test
  void softDeleteHidesTheRecord() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").build());
    softDelete("c-1", "101");
    assertThat(store.getRecord(CUSTOMERS, "c-1")).isEmpty();
    assertThat(
            store
                .batchGetRecord(List.of(new BatchGetRequest(CUSTOMERS, List.of("c-1"), null)))
                .records())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "100.5", "101"})
  void putNotLaterThanASoftDeleteStaysHidden(String eventTime) {
    store.putRecord(CUSTOMERS, customer("c-1", "100").build());
    softDelete("c-1", "101");
    store.putRecord(CUSTOMERS, customer("c-1", eventTime).build());
    assertThat(store.getRecord(CUSTOMERS, "c-1")).isEmpty();
  }

  @Test
  void putLaterThanASoftDeleteRevivesTheRecord() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "old").build());
    softDelete("c-1", "101");
    store.putRecord(CUSTOMERS, customer("c-1", "102").set("name", "revived").build());
    assertThat(nameOf("c-1")).hasValue("revived");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "100"})
  void softDeleteNotLaterThanTheRecordLeavesItVisible(String eventTime) {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "kept").build());
    softDelete("c-1", eventTime);
    assertThat(nameOf("c-1")).hasValue("kept");
  }

  // ---- HardDelete

  @Test
  void hardDeleteRemovesTheRecord() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").build());
    hardDelete("c-1", "101");
    assertThat(store.getRecord(CUSTOMERS, "c-1")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "100"})
  void hardDeleteNotLaterThanTheRecordIsRejected(String eventTime) {
    store.putRecord(CUSTOMERS, customer("c-1", "100").set("name", "kept").build());
    assertThatThrownBy(() -> hardDelete("c-1", eventTime))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll(
            "Cannot hard delete record c-1", "is not later than the stored record's event time");
    assertThat(nameOf("c-1")).hasValue("kept");
  }

  @Test
  void olderPutAfterHardDeleteIsApplied() {
    store.putRecord(CUSTOMERS, customer("c-1", "100").build());
    hardDelete("c-1", "101");
    store.putRecord(CUSTOMERS, customer("c-1", "50").set("name", "older").build());
    assertThat(nameOf("c-1")).hasValue("older");
  }

  @Test
  void hardDeleteOfAbsentRecordIsAccepted() {
    hardDelete("never-written", "100");
    assertThat(store.getRecord(CUSTOMERS, "never-written")).isEmpty();
  }

  @Test
  void deletesAcceptEitherSpellingOfAnIntegralIdentifier() {
    store.putRecord(ORDERS, order("7", "2024-01-01T00:00:00Z").build());
    store.deleteRecord(
        ORDERS,
        "007",
        "2024-01-02T00:00:00Z",
        DeletionMode.HARD_DELETE,
        RecordWriteOptions.defaults());
    assertThat(store.getRecord(ORDERS, "7")).isEmpty();
  }

  // ---- DeleteRecord validation

  @Test
  void deleteFromUnknownGroupFailsWithResourceNotFound() {
    assertThatThrownBy(
            () ->
                store.deleteRecord(
                    "missing",
                    "c-1",
                    "100",
                    DeletionMode.SOFT_DELETE,
                    RecordWriteOptions.defaults()))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-01-01T00:00:00Z", "NaN", "soon", ""})
  void deleteRejectsEventTimeNotInTheGroupFormat(String eventTime) {
    store.putRecord(CUSTOMERS, customer("c-1", "100").build());
    assertThatThrownBy(() -> softDelete("c-1", eventTime))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("not a valid event time format");
    assertThat(store.getRecord(CUSTOMERS, "c-1")).isPresent();
  }

  @Test
  void deleteRejectsEmptyIdentifier() {
    assertThatThrownBy(() -> softDelete("", "100"))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void deleteRejectsOnlineTargetOnGroupWithoutOnlineStore() {
    assertThatThrownBy(
            () ->
                store.deleteRecord(
                    HISTORY,
                    "c-1",
                    "100",
                    DeletionMode.SOFT_DELETE,
                    RecordWriteOptions.targeting(TargetStore.ONLINE_STORE)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("TargetStores names OnlineStore");
  }

  @Test
  void deleteWithOfflineTargetLeavesTheOnlineRecordUnchanged() {
    store.putRecord(ORDERS, order("1", "2024-01-01T00:00:00Z").build());
    store.deleteRecord(
        ORDERS,
        "1",
        "2024-01-02T00:00:00Z",
        DeletionMode.HARD_DELETE,
        RecordWriteOptions.targeting(TargetStore.OFFLINE_STORE));
    assertThat(store.getRecord(ORDERS, "1")).isPresent();
  }

  // ---- helpers

  private void softDelete(String id, String eventTime) {
    store.deleteRecord(
        CUSTOMERS, id, eventTime, DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
  }

  private void hardDelete(String id, String eventTime) {
    store.deleteRecord(
        CUSTOMERS, id, eventTime, DeletionMode.HARD_DELETE, RecordWriteOptions.defaults());
  }

  private Optional<String> nameOf(String id) {
    return store.getRecord(CUSTOMERS, id).map(r -> r.record().getString("name"));
  }

  private Optional<String> amountOf(String id) {
    return store.getRecord(ORDERS, id).map(r -> r.record().getString("amount"));
  }
}
