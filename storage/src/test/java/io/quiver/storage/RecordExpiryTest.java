package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.customer;
import static io.quiver.storage.TestGroups.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.record.StoredRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online TTL: {@code ExpiresAt = EventTime + TtlDuration}, a per-record TTL overrides the group
 * default, and an expired record is never returned, swept or not. Time moves only by hand (the
 * background sweep is off).
 */
class RecordExpiryTest {
  private static final long NOW = 1_700_000_000L;
  private static final String TTL_GROUP = "expiring";
  private static final TtlDuration HOUR = TtlDuration.of(1, TtlUnit.HOURS);

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochSecond(NOW);
  private QuiverStore store;

  @BeforeEach
  void open() {
    store =
        QuiverStore.open(
            StoreConfig.builder(dir).clock(clock).ttlSweepInterval(Duration.ZERO).build());
    store.createFeatureGroup(TestGroups.customers());
    store.createFeatureGroup(
        TestGroups.customers(TTL_GROUP).onlineStore(OnlineStoreConfig.withTtl(HOUR)).build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void groupDefaultTtlSetsExpiresAtFromTheEventTime() {
    store.putRecord(TTL_GROUP, customer("c-1", "1699999000.25").build());
    assertThat(store.getRecord(TTL_GROUP, "c-1").orElseThrow().expiresAt())
        .isEqualTo(Instant.ofEpochSecond(1_699_999_000L + 3_600, 250_000_000));
  }

  @Test
  void recordTtlOverridesTheGroupDefault() {
    store.putRecord(
        TTL_GROUP,
        customer("c-1", "1700000000").build(),
        RecordWriteOptions.withTtl(TtlDuration.of(2, TtlUnit.DAYS)));
    assertThat(store.getRecord(TTL_GROUP, "c-1").orElseThrow().expiresAt())
        .isEqualTo(Instant.ofEpochSecond(NOW).plus(Duration.ofDays(2)));
  }

  @Test
  void recordTtlAppliesInAGroupWithoutDefault() {
    store.putRecord(
        CUSTOMERS,
        customer("c-1", "1700000000").build(),
        RecordWriteOptions.withTtl(TtlDuration.of(3, TtlUnit.WEEKS)));
    assertThat(store.getRecord(CUSTOMERS, "c-1").orElseThrow().expiresAt())
        .isEqualTo(Instant.ofEpochSecond(NOW).plus(Duration.ofDays(21)));
  }

  /**
   * Issue 21: the marker carried the record's event time, so an as-of query between the event time
   * and the expiry lost a record that was live online then.
   */
  @Test
  void offlineExpiryMarkersAreDatedAtExpiresAt() {
    store.createFeatureGroup(
        TestGroups.customers("expiring_history")
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.createFeatureGroup(TestGroups.orders());
    store.putRecord(
        "expiring_history",
        customer("c-1", "1699999000.25").build(),
        RecordWriteOptions.withTtl(HOUR));
    // An ISO-8601 event time keeps its form, with milliseconds.
    store.putRecord(
        ORDERS,
        order("7", "2023-11-14T10:00:00.123Z").build(),
        RecordWriteOptions.withTtl(TtlDuration.of(1, TtlUnit.SECONDS)));
    clock.advance(Duration.ofDays(400));
    assertThat(store.expireRecords()).isEqualTo(2);

    StoredRecord customerMarker =
        store.offlineSnapshot("expiring_history").stagedRecords().stream()
            .filter(StoredRecord::deleted)
            .findFirst()
            .orElseThrow();
    assertThat(customerMarker.record().getString("event_time")).isEqualTo("1700002600.25");
    assertThat(customerMarker.eventTimeMicros()).isEqualTo(1_700_002_600_250_000L);
    assertThat(customerMarker.apiInvocationMicros())
        .isEqualTo(clock.instant().getEpochSecond() * 1_000_000L);

    StoredRecord orderMarker =
        store.offlineSnapshot(ORDERS).stagedRecords().stream()
            .filter(StoredRecord::deleted)
            .findFirst()
            .orElseThrow();
    assertThat(orderMarker.record().getString("event_time")).isEqualTo("2023-11-14T10:00:01.123Z");
  }

  @Test
  void recordWithoutTtlHasNoExpiry() {
    store.putRecord(CUSTOMERS, customer("c-1", "1700000000").build());
    clock.advance(Duration.ofDays(10_000));
    assertThat(store.getRecord(CUSTOMERS, "c-1").orElseThrow().expiresAt()).isNull();
  }

  @Test
  void batchGetReturnsExpiresAt() {
    store.putRecord(TTL_GROUP, customer("c-1", "1700000000").build());
    BatchGetResult result =
        store.batchGetRecord(List.of(new BatchGetRequest(TTL_GROUP, List.of("c-1"), null)));
    assertThat(result.records())
        .singleElement()
        .extracting(BatchGetResult.Found::expiresAt)
        .isEqualTo(Instant.ofEpochSecond(NOW + 3_600));
  }

  @Test
  void expiredRecordIsNotReturnedBeforeTheSweep() {
    store.putRecord(TTL_GROUP, customer("c-1", "1700000000").build());

    clock.advance(Duration.ofHours(1).minusNanos(1_000));
    assertThat(store.getRecord(TTL_GROUP, "c-1")).isPresent();
    assertThat(batchGet(TTL_GROUP, "c-1").records()).hasSize(1);

    clock.advance(Duration.ofNanos(1_000));
    assertThat(store.getRecord(TTL_GROUP, "c-1")).isEmpty();
    BatchGetResult result = batchGet(TTL_GROUP, "c-1");
    assertThat(result.records()).isEmpty();
    assertThat(result.errors()).isEmpty();
  }

  @Test
  void recordWhoseTtlEndedBeforeItWasWrittenIsNeverVisible() {
    store.putRecord(TTL_GROUP, customer("c-1", "1699990000").build());
    assertThat(store.getRecord(TTL_GROUP, "c-1")).isEmpty();
  }

  @Test
  void expireRecordsRemovesExpiredRecordsAndCountsThem() {
    store.putRecord(TTL_GROUP, customer("a", "1700000000").build());
    store.putRecord(TTL_GROUP, customer("b", "1700000000").build());
    store.putRecord(
        TTL_GROUP,
        customer("c", "1700000000").build(),
        RecordWriteOptions.withTtl(TtlDuration.of(1, TtlUnit.DAYS)));
    store.putRecord(CUSTOMERS, customer("d", "1700000000").build());
    store.putRecord(
        CUSTOMERS,
        customer("e", "1700000000").build(),
        RecordWriteOptions.withTtl(TtlDuration.of(90, TtlUnit.MINUTES)));
    clock.advance(Duration.ofHours(2));

    assertThat(store.expireRecords()).isEqualTo(3);
    assertThat(store.expireRecords()).isZero();
    assertThat(store.getRecord(TTL_GROUP, "c")).isPresent();
    assertThat(store.getRecord(CUSTOMERS, "d")).isPresent();
    assertThat(store.getRecord(TTL_GROUP, "a")).isEmpty();
  }

  @Test
  void expireRecordsSkipsARecordReplacedByOneThatLivesLonger() {
    store.putRecord(TTL_GROUP, customer("a", "1700000000").build());
    store.putRecord(TTL_GROUP, customer("a", "1700003000").build());
    clock.advance(Duration.ofMinutes(90));

    assertThat(store.expireRecords()).isZero();
    assertThat(store.getRecord(TTL_GROUP, "a")).isPresent();
    clock.advance(Duration.ofHours(1));
    assertThat(store.expireRecords()).isEqualTo(1);
    assertThat(store.getRecord(TTL_GROUP, "a")).isEmpty();
  }

  @Test
  void expireRecordsSkipsDeletedRecordsAndDroppedGroups() {
    store.putRecord(TTL_GROUP, customer("a", "1700000000").build());
    store.deleteRecord(
        TTL_GROUP, "a", "1700000001", DeletionMode.HARD_DELETE, RecordWriteOptions.defaults());
    store.putRecord(TTL_GROUP, customer("b", "1700000000").build());
    store.deleteRecord(
        TTL_GROUP, "b", "1700000001", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
    store.createFeatureGroup(
        TestGroups.customers("dropped").onlineStore(OnlineStoreConfig.withTtl(HOUR)).build());
    store.putRecord("dropped", customer("c", "1700000000").build());
    store.deleteFeatureGroup("dropped");
    clock.advance(Duration.ofDays(1));

    assertThat(store.expireRecords()).isZero();
  }

  @Test
  void expireRecordsKeepsTombstones() {
    store.putRecord(CUSTOMERS, customer("c-1", "1700000000").build());
    store.deleteRecord(
        CUSTOMERS, "c-1", "1700000001", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
    clock.advance(Duration.ofDays(365));

    assertThat(store.expireRecords()).isZero();
    store.putRecord(CUSTOMERS, customer("c-1", "1700000000.5").build());
    assertThat(store.getRecord(CUSTOMERS, "c-1")).isEmpty();
  }

  @Test
  void newDefaultTtlAppliesToLaterWritesOnly() {
    store.putRecord(CUSTOMERS, customer("before", "1700000000").build());
    store.updateDefaultTtl(CUSTOMERS, HOUR);
    store.putRecord(CUSTOMERS, customer("after", "1700000000").build());

    assertThat(store.getRecord(CUSTOMERS, "before").orElseThrow().expiresAt()).isNull();
    assertThat(store.getRecord(CUSTOMERS, "after").orElseThrow().expiresAt())
        .isEqualTo(Instant.ofEpochSecond(NOW + 3_600));

    clock.advance(Duration.ofHours(2));
    assertThat(store.getRecord(CUSTOMERS, "before")).isPresent();
    assertThat(store.getRecord(CUSTOMERS, "after")).isEmpty();
  }

  @Test
  void removedDefaultTtlAppliesToLaterWritesOnly() {
    store.putRecord(TTL_GROUP, customer("before", "1700000000").build());
    store.updateDefaultTtl(TTL_GROUP, null);
    store.putRecord(TTL_GROUP, customer("after", "1700000000").build());

    clock.advance(Duration.ofHours(2));
    assertThat(store.getRecord(TTL_GROUP, "before")).isEmpty();
    assertThat(store.getRecord(TTL_GROUP, "after").orElseThrow().expiresAt()).isNull();
  }

  @Test
  void expiredRecordIsReplacedByAnOlderPut() {
    store.putRecord(
        CUSTOMERS,
        customer("c-1", "1700000000").set("name", "expired").build(),
        RecordWriteOptions.withTtl(HOUR));
    clock.advance(Duration.ofHours(2));

    store.putRecord(CUSTOMERS, customer("c-1", "1699999999").set("name", "older").build());

    OnlineRecord found = store.getRecord(CUSTOMERS, "c-1").orElseThrow();
    assertThat(found.record().getString("name")).isEqualTo("older");
    assertThat(found.expiresAt()).isNull();
  }

  @Test
  void expiredRecordCanBeHardDeletedWithAnOlderEventTime() {
    store.putRecord(
        CUSTOMERS, customer("c-1", "1700000000").build(), RecordWriteOptions.withTtl(HOUR));
    clock.advance(Duration.ofHours(2));

    store.deleteRecord(
        CUSTOMERS, "c-1", "1600000000", DeletionMode.HARD_DELETE, RecordWriteOptions.defaults());

    assertThat(store.expireRecords()).isZero();
  }

  @Test
  void largestTtlOfEveryUnitIsAccepted() {
    for (TtlUnit unit : TtlUnit.values()) {
      String id = "c-" + unit.wireName();
      store.putRecord(
          CUSTOMERS,
          customer(id, "1700000000").build(),
          RecordWriteOptions.withTtl(TtlDuration.of(1_000_000_000L, unit)));
      assertThat(store.getRecord(CUSTOMERS, id)).as(unit.wireName()).isPresent();
    }
    assertThat(store.getRecord(CUSTOMERS, "c-Seconds").orElseThrow().expiresAt())
        .isEqualTo(Instant.ofEpochSecond(NOW + 1_000_000_000L));
  }

  private BatchGetResult batchGet(String group, String id) {
    return store.batchGetRecord(List.of(new BatchGetRequest(group, List.of(id), null)));
  }
}
