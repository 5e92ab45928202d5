package io.quiver.storage.internal.catalog;

import static io.quiver.storage.catalog.FeatureType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.MutableClock;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.TestGroups;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureMetadata;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.StorageType;
import io.quiver.storage.catalog.TableFormat;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceLimitExceededException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's own rules (names, limits, updates) and its lookups, through the store. */
class CatalogTest {
  private static final String ARN_PREFIX =
      "arn:aws:sagemaker:us-east-1:000000000000:feature-group/";

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at(Instant.parse("2024-05-01T10:00:00Z"));
  private QuiverStore store;

  @BeforeEach
  void open() {
    store =
        QuiverStore.open(
            StoreConfig.builder(dir).clock(clock).ttlSweepInterval(Duration.ZERO).build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- create, describe, list, delete

  @Test
  void describeReturnsWhatWasCreated() {
    FeatureGroupSpec spec =
        TestGroups.customers("described")
            .onlineStore(
                new OnlineStoreConfig(
                    true, TtlDuration.of(3, TtlUnit.DAYS), StorageType.IN_MEMORY, "kms-online"))
            .offlineStore(
                new OfflineStoreConfig(
                    "s3://bucket/prefix",
                    "kms-offline",
                    false,
                    new DataCatalogConfig("table", "AwsDataCatalog", "sagemaker_featurestore"),
                    TableFormat.ICEBERG))
            .throughput(ThroughputConfig.onDemand())
            .roleArn("arn:aws:iam::123456789012:role/feature-store")
            .description("customers, one row each")
            .tag("team", "growth")
            .tag("env", "")
            .build();

    FeatureGroup created = store.createFeatureGroup(spec);
    FeatureGroup described = store.describeFeatureGroup("described");

    assertThat(described.spec()).isEqualTo(spec);
    assertThat(described.id()).isEqualTo(created.id());
    assertThat(described.arn()).isEqualTo(ARN_PREFIX + "described");
    assertThat(described.creationTime()).isEqualTo(clock.instant());
    assertThat(described.lastModifiedTime()).isEqualTo(clock.instant());
    assertThat(described.featureMetadata()).isEmpty();
    assertThat(described.defaultTtl()).isEqualTo(TtlDuration.of(3, TtlUnit.DAYS));
  }

  @Test
  void describeAcceptsTheArn() {
    store.createFeatureGroup(TestGroups.customers());
    assertThat(store.describeFeatureGroup(ARN_PREFIX + "customers").name()).isEqualTo("customers");
  }

  @Test
  void describeOfUnknownGroupFailsWithResourceNotFound() {
    assertThatThrownBy(() -> store.describeFeatureGroup("missing"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("can't find a FeatureGroup with name missing");
  }

  @Test
  void listIsSortedByName() {
    for (String name : List.of("zeta", "alpha", "Mid", "beta-2", "beta")) {
      store.createFeatureGroup(TestGroups.customers(name).build());
    }
    assertThat(store.listFeatureGroups())
        .extracting(FeatureGroup::name)
        .containsExactly("Mid", "alpha", "beta", "beta-2", "zeta");
  }

  @Test
  void rejectsSecondGroupOfSameNameWithResourceInUse() {
    store.createFeatureGroup(TestGroups.customers());
    assertThatThrownBy(
            () -> store.createFeatureGroup(TestGroups.orders(TestGroups.CUSTOMERS).build()))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContainingAll("customers", "already exists");
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).spec())
        .isEqualTo(TestGroups.customers());
  }

  @Test
  void rejectsGroupBeyondConfiguredLimitWithResourceLimitExceeded(@TempDir Path otherDir) {
    try (QuiverStore limited =
        QuiverStore.open(StoreConfig.builder(otherDir).maxFeatureGroups(3).build())) {
      for (int i = 0; i < 3; i++) {
        limited.createFeatureGroup(TestGroups.customers("g" + i).build());
      }
      assertThatThrownBy(() -> limited.createFeatureGroup(TestGroups.customers("g3").build()))
          .isInstanceOf(ResourceLimitExceededException.class)
          .hasMessageContainingAll("g3", "limit of 3 feature groups");
      assertThat(limited.listFeatureGroups()).hasSize(3);

      limited.deleteFeatureGroup("g0");
      assertThat(limited.createFeatureGroup(TestGroups.customers("g3").build()).name())
          .isEqualTo("g3");
    }
  }

  @Test
  void defaultLimitIs100Groups() {
    assertThat(store.config().maxFeatureGroups()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      store.createFeatureGroup(TestGroups.customers("g" + i).build());
    }
    assertThatThrownBy(() -> store.createFeatureGroup(TestGroups.customers("g100").build()))
        .isInstanceOf(ResourceLimitExceededException.class)
        .hasMessageContaining("limit of 100 feature groups");
  }

  @Test
  void deletedGroupIsNotFound() {
    store.createFeatureGroup(TestGroups.customers());
    store.deleteFeatureGroup(TestGroups.CUSTOMERS);

    assertThatThrownBy(() -> store.describeFeatureGroup(TestGroups.CUSTOMERS))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> store.getRecord(TestGroups.CUSTOMERS, "c-1"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(store.listFeatureGroups()).isEmpty();
  }

  @Test
  void deleteOfUnknownGroupFailsWithResourceNotFound() {
    assertThatThrownBy(() -> store.deleteFeatureGroup("missing"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void recreatedGroupGetsNewIdAndSeesNoOldRecords() {
    FeatureGroup first = store.createFeatureGroup(TestGroups.customers());
    store.putRecord(TestGroups.CUSTOMERS, TestGroups.customer("c-1", "100").build());
    store.deleteFeatureGroup(TestGroups.CUSTOMERS);

    FeatureGroup second = store.createFeatureGroup(TestGroups.customers());

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(store.getRecord(TestGroups.CUSTOMERS, "c-1")).isEmpty();
  }

  // ---- UpdateFeatureGroup

  @Test
  void addFeaturesAppendsThemInOrder() {
    store.createFeatureGroup(TestGroups.customers());
    clock.advance(Duration.ofMinutes(5));

    FeatureGroup updated =
        store.addFeatures(
            ARN_PREFIX + "customers",
            List.of(
                FeatureDefinition.of("added_a", STRING),
                FeatureDefinition.list("added_b", STRING)));

    assertThat(updated.features()).hasSize(11);
    assertThat(updated.features().subList(9, 11))
        .extracting(FeatureDefinition::name)
        .containsExactly("added_a", "added_b");
    assertThat(updated.lastModifiedTime()).isEqualTo(clock.instant());
    assertThat(updated.creationTime()).isBefore(clock.instant());
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).features())
        .isEqualTo(updated.features());
  }

  @Test
  void addFeaturesOfUnknownGroupFailsWithResourceNotFound() {
    assertThatThrownBy(
            () -> store.addFeatures("missing", List.of(FeatureDefinition.of("a", STRING))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void rejectsDefaultTtlOnGroupWithoutOnlineStore() {
    store.createFeatureGroup(
        TestGroups.customers(TestGroups.CUSTOMERS)
            .onlineStore(null)
            .offlineStore(OfflineStoreConfig.at("s3://b/p"))
            .build());
    assertThatThrownBy(
            () -> store.updateDefaultTtl(TestGroups.CUSTOMERS, TtlDuration.of(1, TtlUnit.DAYS)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll(
            "Cannot update feature group customers", "no online store", "TtlDuration");
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).spec().onlineStoreConfig())
        .isNull();
  }

  @Test
  void updateDefaultTtlSetsAndRemovesTheDefault() {
    store.createFeatureGroup(TestGroups.customers());
    TtlDuration day = TtlDuration.of(1, TtlUnit.DAYS);

    assertThat(store.updateDefaultTtl(TestGroups.CUSTOMERS, day).defaultTtl()).isEqualTo(day);
    assertThat(
            store
                .describeFeatureGroup(TestGroups.CUSTOMERS)
                .spec()
                .onlineStoreConfig()
                .ttlDuration())
        .isEqualTo(day);
    assertThat(store.updateDefaultTtl(TestGroups.CUSTOMERS, null).defaultTtl()).isNull();
  }

  @Test
  void rejectsProvisionedThroughputUpdateOnInMemoryGroup() {
    store.createFeatureGroup(
        TestGroups.customers("g")
            .onlineStore(new OnlineStoreConfig(true, null, StorageType.IN_MEMORY, null))
            .build());
    assertThatThrownBy(
            () ->
                store.updateThroughput(
                    "g", new ThroughputConfig(ThroughputMode.PROVISIONED, 1L, 1L)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll(
            "Cannot update feature group g",
            "Provisioned is allowed only with a Standard online store");
    assertThat(store.describeFeatureGroup("g").spec().throughputConfig()).isNull();
  }

  @Test
  void rejectsThroughputUpdateWithCapacityOutOfRange() {
    store.createFeatureGroup(TestGroups.customers());
    assertThatThrownBy(
            () ->
                store.updateThroughput(
                    TestGroups.CUSTOMERS,
                    new ThroughputConfig(ThroughputMode.PROVISIONED, 10_000_001L, 1L)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll("ProvisionedReadCapacityUnits", "0 to 10000000");
  }

  @Test
  void updateThroughputReplacesTheConfiguration() {
    store.createFeatureGroup(TestGroups.customers());
    ThroughputConfig provisioned = new ThroughputConfig(ThroughputMode.PROVISIONED, 5L, 7L);
    store.updateThroughput(TestGroups.CUSTOMERS, provisioned);
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).spec().throughputConfig())
        .isEqualTo(provisioned);
  }

  // ---- tags

  @Test
  void updateTagsReplacesAddsAndRemovesDurablyAndKeepsLastModifiedTime() {
    store.createFeatureGroup(
        TestGroups.customers(TestGroups.CUSTOMERS).tag("team", "growth").tag("env", "dev").build());
    Instant created = clock.instant();
    clock.advance(Duration.ofSeconds(5));

    FeatureGroup tagged =
        store.updateTags(
            ARN_PREFIX + "customers",
            List.of(new Tag("env", "prod"), new Tag("owner", "ml")),
            List.of("team", "absent"));

    assertThat(tagged.spec().tags())
        .containsExactly(new Tag("env", "prod"), new Tag("owner", "ml"));
    assertThat(tagged.lastModifiedTime()).isEqualTo(created);
    store.close();
    store = QuiverStore.open(StoreConfig.builder(dir).clock(clock).build());
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).spec().tags())
        .containsExactly(new Tag("env", "prod"), new Tag("owner", "ml"));
  }

  @Test
  void updateTagsRefusesTheFiftyFirstTagAndChangesNothing() {
    store.createFeatureGroup(TestGroups.customers(TestGroups.CUSTOMERS).tag("keep", "1").build());
    List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> new Tag("k" + i, "v")).toList();

    assertThatThrownBy(() -> store.updateTags(TestGroups.CUSTOMERS, fifty, List.of()))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll("Cannot tag feature group customers", "51 tags", "at most 50");
    assertThatThrownBy(
            () -> store.updateTags(TestGroups.CUSTOMERS, List.of(new Tag("", "v")), List.of()))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("expected: 1 to 128");
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).spec().tags())
        .containsExactly(new Tag("keep", "1"));
  }

  @Test
  void updateTagsOfUnknownGroupIsResourceNotFound() {
    assertThatThrownBy(() -> store.updateTags("nope", List.of(new Tag("a", "b")), List.of()))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  // ---- UpdateFeatureMetadata

  @Test
  void updateFeatureMetadataMergesParametersAndKeepsDescription() {
    store.createFeatureGroup(TestGroups.customers());
    store.updateFeatureMetadata(
        TestGroups.CUSTOMERS,
        "orders",
        "orders placed",
        Map.of("unit", "count", "owner", "a"),
        List.of());
    clock.advance(Duration.ofSeconds(1));

    FeatureGroup group =
        store.updateFeatureMetadata(
            ARN_PREFIX + "customers",
            "orders",
            null,
            Map.of("owner", "b"),
            List.of("unit", "absent"));

    FeatureMetadata metadata = group.featureMetadata().get("orders");
    assertThat(metadata.description()).isEqualTo("orders placed");
    assertThat(metadata.parameters()).containsExactly(Map.entry("owner", "b"));
    assertThat(metadata.lastModifiedMicros())
        .isEqualTo(clock.instant().getEpochSecond() * 1_000_000L);
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).featureMetadata())
        .isEqualTo(group.featureMetadata());
  }

  @Test
  void rejectsMetadataOfUnknownFeatureWithResourceNotFound() {
    store.createFeatureGroup(TestGroups.customers());
    assertThatThrownBy(
            () ->
                store.updateFeatureMetadata(TestGroups.CUSTOMERS, "nope", "d", Map.of(), List.of()))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("no feature named nope");
  }

  @Test
  void rejectsMetadataDescriptionLongerThan255Characters() {
    store.createFeatureGroup(TestGroups.customers());
    assertThatThrownBy(
            () ->
                store.updateFeatureMetadata(
                    TestGroups.CUSTOMERS, "orders", "d".repeat(256), Map.of(), List.of()))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll("Description has 256 characters", "at most 255");
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).featureMetadata()).isEmpty();
  }

  @Test
  void rejectsMoreThan25ParameterAdditions() {
    store.createFeatureGroup(TestGroups.customers());
    Map<String, String> additions = new HashMap<>();
    for (int i = 0; i < 26; i++) {
      additions.put("k" + i, "v");
    }
    assertThatThrownBy(
            () ->
                store.updateFeatureMetadata(
                    TestGroups.CUSTOMERS, "orders", null, additions, List.of()))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 25 ParameterAdditions");
  }

  @Test
  void rejectsMoreThan25ParameterRemovals() {
    store.createFeatureGroup(TestGroups.customers());
    List<String> removals = IntStream.range(0, 26).mapToObj(i -> "k" + i).toList();
    assertThatThrownBy(
            () ->
                store.updateFeatureMetadata(
                    TestGroups.CUSTOMERS, "orders", null, Map.of(), removals))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("25 ParameterRemovals");
  }
}
