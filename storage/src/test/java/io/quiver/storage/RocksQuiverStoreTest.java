package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.customer;
import static io.quiver.storage.TestGroups.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's life cycle: what a reopened data directory holds, and exclusive opening. */
class RocksQuiverStoreTest {
  private static final long NOW = 1_700_000_000L;
  private static final String EXPIRING = "expiring";
  private static final String DOOMED = "doomed";
  private static final List<String> IDS = List.of("c-1", "c-2", "c-3", "c-4", "c-5");

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochSecond(NOW);

  @ParameterizedTest(name = "syncWrites={0}")
  @ValueSource(booleans = {false, true})
  void reopenedStoreHoldsEverythingThatWasWritten(boolean syncWrites) {
    StoreConfig config =
        StoreConfig.builder(dir)
            .clock(clock)
            .ttlSweepInterval(Duration.ZERO)
            .syncWrites(syncWrites)
            .build();
    List<FeatureGroup> groupsBefore;
    Map<String, Optional<OnlineRecord>> customersBefore = new HashMap<>();
    Optional<OnlineRecord> orderBefore;
    Optional<OnlineRecord> expiringBefore;
    long doomedId;

    try (QuiverStore store = QuiverStore.open(config)) {
      store.createFeatureGroup(TestGroups.customers());
      store.createFeatureGroup(
          TestGroups.orders(ORDERS).description("orders, by id").tag("team", "sales").build());
      store.createFeatureGroup(
          TestGroups.customers(EXPIRING)
              .onlineStore(OnlineStoreConfig.withTtl(TtlDuration.of(1, TtlUnit.HOURS)))
              .build());
      doomedId = store.createFeatureGroup(TestGroups.customers(DOOMED).build()).id();
      store.putRecord(DOOMED, customer("c-1", "1").build());
      store.deleteFeatureGroup(DOOMED);

      clock.advance(Duration.ofSeconds(1));
      store.addFeatures(
          CUSTOMERS,
          List.of(
              FeatureDefinition.of("vip", FeatureType.INTEGRAL),
              FeatureDefinition.list("aliases", FeatureType.STRING)));
      store.updateFeatureMetadata(
          CUSTOMERS, "orders", "orders placed", Map.of("unit", "count"), List.of());
      store.updateDefaultTtl(ORDERS, TtlDuration.of(2, TtlUnit.DAYS));

      store.putRecord(
          CUSTOMERS,
          customer("c-1", "1700000000.25")
              .set("orders", 3)
              .set("score", 0.75)
              .set("name", "Zoë 🚀")
              .set("bio", "")
              .setList("tags", List.of("b", "a", "b"))
              .setList("codes", List.of("2", "1", "2"))
              .setVector("embedding", 0.1, 0.2, 0.3)
              .set("vip", 1)
              .setList("aliases", List.of())
              .build());
      store.putRecord(CUSTOMERS, customer("c-2", "100").build());
      store.deleteRecord(
          CUSTOMERS, "c-2", "200", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
      store.putRecord(CUSTOMERS, customer("c-3", "100").build());
      store.deleteRecord(
          CUSTOMERS, "c-3", "200", DeletionMode.HARD_DELETE, RecordWriteOptions.defaults());
      store.putRecord(
          CUSTOMERS,
          customer("c-4", "1700000000").build(),
          RecordWriteOptions.withTtl(TtlDuration.of(1, TtlUnit.DAYS)));
      store.putRecord(ORDERS, order("007", "2023-11-14T22:13:20.500Z").set("amount", 12.5).build());
      store.putRecord(EXPIRING, customer("e-1", "1700000000").build());

      groupsBefore = store.listFeatureGroups();
      IDS.forEach(id -> customersBefore.put(id, store.getRecord(CUSTOMERS, id)));
      orderBefore = store.getRecord(ORDERS, "7");
      expiringBefore = store.getRecord(EXPIRING, "e-1");
    }

    try (QuiverStore store = QuiverStore.open(config)) {
      List<FeatureGroup> groupsAfter = store.listFeatureGroups();
      assertThat(groupsAfter).hasSameSizeAs(groupsBefore);
      for (int i = 0; i < groupsBefore.size(); i++) {
        assertSameGroup(groupsAfter.get(i), groupsBefore.get(i));
      }
      assertThatThrownBy(() -> store.describeFeatureGroup(DOOMED))
          .isInstanceOf(ResourceNotFoundException.class);

      IDS.forEach(
          id ->
              assertThat(store.getRecord(CUSTOMERS, id)).as(id).isEqualTo(customersBefore.get(id)));
      assertThat(customersBefore.get("c-1")).isPresent();
      assertThat(store.getRecord(ORDERS, "7")).isPresent().isEqualTo(orderBefore);
      assertThat(store.getRecord(EXPIRING, "e-1")).isPresent().isEqualTo(expiringBefore);
      assertThat(store.getRecord(CUSTOMERS, "c-4").orElseThrow().expiresAt())
          .isEqualTo(Instant.ofEpochSecond(NOW).plus(Duration.ofDays(1)));
      assertThat(store.getRecord(ORDERS, "7").orElseThrow().expiresAt())
          .isEqualTo(Instant.parse("2023-11-16T22:13:20.500Z"));

      // The tombstone still hides c-2 from older writes; the hard-deleted c-3 takes any write.
      store.putRecord(CUSTOMERS, customer("c-2", "150").build());
      assertThat(store.getRecord(CUSTOMERS, "c-2")).isEmpty();
      store.putRecord(CUSTOMERS, customer("c-3", "50").build());
      assertThat(store.getRecord(CUSTOMERS, "c-3")).isPresent();

      // The group default TTL set before the restart applies to writes after it.
      store.putRecord(ORDERS, order("8", "2023-11-01T00:00:00Z").build());
      assertThat(store.getRecord(ORDERS, "8")).isEmpty();

      // Ids are never reused, even those of deleted groups.
      long maxId =
          Math.max(doomedId, groupsBefore.stream().mapToLong(FeatureGroup::id).max().orElseThrow());
      assertThat(store.createFeatureGroup(TestGroups.customers("late").build()).id())
          .isGreaterThan(maxId);
      assertThat(store.createFeatureGroup(TestGroups.customers(DOOMED).build()).id())
          .isGreaterThan(maxId);
      assertThat(store.getRecord(DOOMED, "c-1")).isEmpty();

      clock.advance(Duration.ofHours(1));
      assertThat(store.getRecord(EXPIRING, "e-1")).isEmpty();
      assertThat(store.expireRecords()).as("e-1 and order 8").isEqualTo(2);
    }
  }

  @Test
  void secondOpenOfAnOpenDirectoryFailsNamingIt() {
    try (QuiverStore store = QuiverStore.open(dir)) {
      store.createFeatureGroup(TestGroups.customers());

      assertThatThrownBy(() -> QuiverStore.open(dir))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("Cannot open data directory " + dir);

      store.putRecord(CUSTOMERS, customer("c-1", "100").build());
      assertThat(store.getRecord(CUSTOMERS, "c-1")).isPresent();
    }
  }

  @Test
  void closeIsIdempotentAndReleasesTheDirectory() {
    QuiverStore store = QuiverStore.open(dir);
    store.close();
    store.close();
    try (QuiverStore reopened = QuiverStore.open(dir)) {
      assertThat(reopened.listFeatureGroups()).isEmpty();
    }
  }

  @Test
  void storeKeepsItsConfig() {
    StoreConfig config =
        StoreConfig.builder(dir).region("eu-west-1").account("123456789012").build();
    try (QuiverStore store = QuiverStore.open(config)) {
      assertThat(store.config()).isEqualTo(config);
      assertThat(store.createFeatureGroup(TestGroups.customers()).arn())
          .isEqualTo("arn:aws:sagemaker:eu-west-1:123456789012:feature-group/customers");
    }
  }

  private static void assertSameGroup(FeatureGroup actual, FeatureGroup expected) {
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.id()).as("id of %s", expected.name()).isEqualTo(expected.id());
    assertThat(actual.spec()).as("spec of %s", expected.name()).isEqualTo(expected.spec());
    assertThat(actual.arn()).isEqualTo(expected.arn());
    assertThat(actual.creationTime()).isEqualTo(expected.creationTime());
    assertThat(actual.lastModifiedTime()).isEqualTo(expected.lastModifiedTime());
    assertThat(actual.featureMetadata()).isEqualTo(expected.featureMetadata());
  }
}
