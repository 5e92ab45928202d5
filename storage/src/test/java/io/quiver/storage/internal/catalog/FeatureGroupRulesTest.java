package io.quiver.storage.internal.catalog;

import static io.quiver.storage.catalog.FeatureType.FRACTIONAL;
import static io.quiver.storage.catalog.FeatureType.INTEGRAL;
import static io.quiver.storage.catalog.FeatureType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.TestGroups;
import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.StorageType;
import io.quiver.storage.catalog.TableFormat;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.error.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per rule of {@link FeatureGroupRules}, through the store: each rejected definition fails
 * with a {@link ValidationException} whose message names the rule, and creates nothing.
 */
class FeatureGroupRulesTest {
  private static final String VALID_ROLE = "arn:aws:iam::123456789012:role/feature-store";

  @TempDir Path dir;
  private QuiverStore store;

  @BeforeEach
  void open() {
    store = QuiverStore.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- FeatureGroupName

  @Test
  void acceptsTheBaseDefinition() {
    assertThat(store.createFeatureGroup(TestGroups.customers()).name()).isEqualTo("customers");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65})
  void rejectsGroupNameOutsideOneTo64Characters(int length) {
    assertRejected(
        TestGroups.customers("g".repeat(length)).build(), "FeatureGroupName", "1 to 64 characters");
  }

  @Test
  void acceptsGroupNameOf64Characters() {
    String name = "g".repeat(64);
    assertThat(store.createFeatureGroup(TestGroups.customers(name).build()).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "-leading", "trailing_", "dot.ted", "ümlaut", "a/b"})
  void rejectsGroupNameNotMatchingPattern(String name) {
    assertRejected(
        TestGroups.customers(name).build(),
        "FeatureGroupName '" + name + "'",
        FeatureGroupRules.GROUP_NAME.pattern());
  }

  @Test
  void acceptsGroupNameWithInnerDashesAndUnderscores() {
    assertThat(store.createFeatureGroup(TestGroups.customers("a-_b__c--1").build()).name())
        .isEqualTo("a-_b__c--1");
  }

  // ---- FeatureDefinitions

  @Test
  void rejectsGroupWithoutFeatures() {
    FeatureGroupSpec spec =
        FeatureGroupSpec.builder("empty")
            .recordIdentifier("id")
            .eventTime("ts")
            .onlineStore(OnlineStoreConfig.enabled())
            .build();
    assertRejected(spec, "1 to 2500 FeatureDefinitions, got 0");
  }

  @Test
  void rejectsGroupWithMoreThan2500Features() {
    assertRejected(withExtraFeatures(2500 - 8), "1 to 2500 FeatureDefinitions, got 2501");
  }

  @Test
  void acceptsGroupWith2500Features() {
    assertThat(store.createFeatureGroup(withExtraFeatures(2500 - 9)).features()).hasSize(2500);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65})
  void rejectsFeatureNameOutsideOneTo64Characters(int length) {
    assertRejected(
        TestGroups.customers("g").feature("f".repeat(length), STRING).build(),
        "FeatureName",
        "1 to 64 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "_leading", "trailing-", "dot.ted", "ümlaut"})
  void rejectsFeatureNameNotMatchingPattern(String name) {
    assertRejected(
        TestGroups.customers("g").feature(name, STRING).build(),
        "FeatureName '" + name + "'",
        FeatureGroupRules.FEATURE_NAME.pattern());
  }

  @ParameterizedTest
  @ValueSource(strings = {"is_deleted", "write_time", "api_invocation_time"})
  void rejectsReservedFeatureName(String name) {
    assertRejected(
        TestGroups.customers("g").feature(name, STRING).build(), "'" + name + "'", "reserved");
  }

  @Test
  void rejectsDuplicateFeatureName() {
    assertRejected(
        TestGroups.customers("g").feature("orders", FRACTIONAL).build(),
        "'orders'",
        "defined more than once");
  }

  // ---- RecordIdentifierFeatureName and EventTimeFeatureName

  @Test
  void rejectsRecordIdentifierThatIsNotDefined() {
    assertRejected(
        TestGroups.customers("g").recordIdentifier("missing").build(),
        "RecordIdentifierFeatureName 'missing'",
        "not one of the FeatureDefinitions");
  }

  @Test
  void rejectsEventTimeThatIsNotDefined() {
    assertRejected(
        TestGroups.customers("g").eventTime("missing").build(),
        "EventTimeFeatureName 'missing'",
        "not one of the FeatureDefinitions");
  }

  @Test
  void rejectsRecordIdentifierThatIsAlsoTheEventTime() {
    assertRejected(
        TestGroups.customers("g").recordIdentifier("event_time").build(),
        "must name different features");
  }

  @Test
  void rejectsCollectionRecordIdentifier() {
    assertRejected(
        TestGroups.customers("g").recordIdentifier("tags").build(), "'tags'", "must be a scalar");
  }

  @Test
  void rejectsIntegralEventTime() {
    assertRejected(
        TestGroups.customers("g").eventTime("orders").build(),
        "'orders'",
        "String or Fractional",
        "got Integral");
  }

  @Test
  void rejectsCollectionEventTime() {
    assertRejected(
        TestGroups.customers("g").eventTime("tags").build(),
        "'tags'",
        "String or Fractional",
        "got List of String");
  }

  @Test
  void acceptsStringEventTime() {
    assertThat(store.createFeatureGroup(TestGroups.orders()).eventTime().type()).isEqualTo(STRING);
  }

  // ---- Collections

  @Test
  void rejectsVectorOfIntegral() {
    FeatureGroupSpec spec =
        baseWithoutVector()
            .feature(new FeatureDefinition("v", INTEGRAL, CollectionType.VECTOR, 3))
            .build();
    assertRejected(spec, "Vector feature 'v'", "expected: Fractional");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 8193})
  void rejectsVectorDimensionOutsideOneTo8192(int dimension) {
    assertRejected(
        baseWithoutVector().feature(FeatureDefinition.vector("v", dimension)).build(),
        "Vector feature 'v'",
        "Dimension of 1 to 8192",
        "got " + dimension);
  }

  @Test
  void rejectsVectorWithoutVectorConfig() {
    FeatureGroupSpec spec =
        baseWithoutVector()
            .feature(new FeatureDefinition("v", FRACTIONAL, CollectionType.VECTOR, null))
            .build();
    assertRejected(spec, "Vector feature 'v'", "Dimension of 1 to 8192", "got null");
  }

  @Test
  void acceptsVectorOfDimension8192() {
    FeatureGroup group =
        store.createFeatureGroup(
            baseWithoutVector().feature(FeatureDefinition.vector("v", 8192)).build());
    assertThat(group.feature("v").orElseThrow().vectorDimension()).isEqualTo(8192);
  }

  @Test
  void rejectsSecondVectorFeature() {
    assertRejected(
        TestGroups.customers("g").feature(FeatureDefinition.vector("other", 2)).build(),
        "at most one Vector feature");
  }

  @Test
  void rejectsVectorConfigOnList() {
    FeatureGroupSpec spec =
        baseWithoutVector()
            .feature(new FeatureDefinition("l", FRACTIONAL, CollectionType.LIST, 3))
            .build();
    assertRejected(spec, "feature 'l'", "VectorConfig", "only with CollectionType Vector");
  }

  @Test
  void rejectsVectorConfigOnScalar() {
    FeatureGroupSpec spec =
        baseWithoutVector().feature(new FeatureDefinition("s", FRACTIONAL, null, 3)).build();
    assertRejected(spec, "feature 's'", "VectorConfig", "only with CollectionType Vector");
  }

  // ---- Stores

  @Test
  void rejectsGroupWithoutStores() {
    assertRejected(
        TestGroups.customers("g").onlineStore(null).build(), "at least one of OnlineStoreConfig");
  }

  @Test
  void rejectsGroupWhoseOnlyStoreIsDisabled() {
    FeatureGroupSpec spec =
        TestGroups.customers("g")
            .onlineStore(new OnlineStoreConfig(false, null, StorageType.STANDARD, null))
            .build();
    assertRejected(spec, "at least one of OnlineStoreConfig (with EnableOnlineStore true)");
  }

  @Test
  void acceptsOfflineOnlyGroup() {
    FeatureGroup group =
        store.createFeatureGroup(
            TestGroups.customers("g")
                .onlineStore(null)
                .offlineStore(OfflineStoreConfig.at("s3://b/p"))
                .build());
    assertThat(group.spec().hasOnlineStore()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://bucket/prefix", "bucket/prefix", "s3:/bucket", ""})
  void rejectsS3UriNotMatchingPattern(String uri) {
    assertRejected(
        TestGroups.customers("g").offlineStore(OfflineStoreConfig.at(uri)).build(),
        "S3Uri '" + uri + "'",
        "(https|s3|file)://([^/]*)/?(.*)");
  }

  @Test
  void rejectsHttpsUriThatMatchesThePatternButCannotBeWritten() {
    assertRejected(
        TestGroups.customers("g").offlineStore(OfflineStoreConfig.at("https://host/path")).build(),
        "S3Uri 'https://host/path'",
        "is not a location Quiver can write");
  }

  @Test
  void rejectsS3UriLongerThan1024Characters() {
    String uri = "s3://bucket/" + "p".repeat(1024 - 11);
    assertRejected(
        TestGroups.customers("g").offlineStore(OfflineStoreConfig.at(uri)).build(),
        "S3Uri",
        "at most 1024 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://bucket", "s3://bucket/prefix/deeper", "file:///tmp/offline"})
  void acceptsS3UriMatchingPattern(String uri) {
    FeatureGroup group =
        store.createFeatureGroup(
            TestGroups.customers("g").offlineStore(OfflineStoreConfig.at(uri)).build());
    assertThat(group.spec().offlineStoreConfig().s3Uri()).isEqualTo(uri);
  }

  @Test
  void rejectsIcebergWithGlueTableCreationDisabled() {
    OfflineStoreConfig offline =
        new OfflineStoreConfig("s3://b/p", null, true, null, TableFormat.ICEBERG);
    assertRejected(
        TestGroups.customers("g").offlineStore(offline).build(),
        "TableFormat Iceberg requires DisableGlueTableCreation to be false");
  }

  @Test
  void acceptsGlueWithGlueTableCreationDisabled() {
    OfflineStoreConfig offline =
        new OfflineStoreConfig("s3://b/p", null, true, null, TableFormat.GLUE);
    assertThat(
            store
                .createFeatureGroup(TestGroups.customers("g").offlineStore(offline).build())
                .spec()
                .offlineStoreConfig())
        .isEqualTo(offline);
  }

  @Test
  void rejectsEmptyDataCatalogTableName() {
    assertRejected(
        withCatalog(new DataCatalogConfig("", "AwsDataCatalog", "db")),
        "DataCatalogConfig TableName",
        "1 to 255");
  }

  @Test
  void rejectsDataCatalogNameLongerThan255Characters() {
    assertRejected(
        withCatalog(new DataCatalogConfig("t", "c".repeat(256), "db")),
        "DataCatalogConfig Catalog",
        "has length 256",
        "1 to 255");
  }

  @Test
  void rejectsEmptyDataCatalogDatabase() {
    assertRejected(
        withCatalog(new DataCatalogConfig("t", "AwsDataCatalog", "")),
        "DataCatalogConfig Database",
        "1 to 255");
  }

  // ---- RoleArn, Description, Tags

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-an-arn",
        "arn:aws:iam::12345:role/x",
        "arn:aws:s3:::bucket",
        "arn:aws:iam::123456789012:user/x"
      })
  void rejectsRoleArnNotMatchingPattern(String arn) {
    assertRejected(
        TestGroups.customers("g").roleArn(arn).build(),
        "RoleArn '" + arn + "'",
        FeatureGroupRules.ROLE_ARN.pattern());
  }

  @Test
  void acceptsRoleArnMatchingPattern() {
    assertThat(
            store
                .createFeatureGroup(TestGroups.customers("g").roleArn(VALID_ROLE).build())
                .spec()
                .roleArn())
        .isEqualTo(VALID_ROLE);
  }

  @Test
  void rejectsDescriptionLongerThan128Characters() {
    assertRejected(
        TestGroups.customers("g").description("d".repeat(129)).build(),
        "Description is 129 characters",
        "at most 128");
  }

  @Test
  void acceptsDescriptionOf128Characters() {
    assertThat(
            store
                .createFeatureGroup(TestGroups.customers("g").description("d".repeat(128)).build())
                .spec()
                .description())
        .hasSize(128);
  }

  @Test
  void rejectsMoreThan50Tags() {
    FeatureGroupSpec.Builder builder = TestGroups.customers("g");
    for (int i = 0; i < 51; i++) {
      builder.tag("k" + i, "v");
    }
    assertRejected(builder.build(), "Tags has 51 tags", "at most 50");
  }

  @Test
  void accepts50Tags() {
    FeatureGroupSpec.Builder builder = TestGroups.customers("g");
    for (int i = 0; i < 50; i++) {
      builder.tag("k" + i, "v");
    }
    assertThat(store.createFeatureGroup(builder.build()).spec().tags()).hasSize(50);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 129})
  void rejectsTagKeyOutsideOneTo128Characters(int length) {
    assertRejected(
        TestGroups.customers("g").tag("k".repeat(length), "v").build(), "Tag key", "1 to 128");
  }

  @Test
  void rejectsTagValueLongerThan256Characters() {
    assertRejected(
        TestGroups.customers("g").tag("k", "v".repeat(257)).build(),
        "Tag value of key 'k'",
        "at most 256");
  }

  @Test
  void acceptsEmptyTagValue() {
    assertThat(
            store.createFeatureGroup(TestGroups.customers("g").tag("k", "").build()).spec().tags())
        .containsExactly(new Tag("k", ""));
  }

  // ---- ThroughputConfig

  @ParameterizedTest
  @ValueSource(longs = {-1, 10_000_001})
  void rejectsReadCapacityOutOfRange(long units) {
    ThroughputConfig throughput = new ThroughputConfig(ThroughputMode.PROVISIONED, units, 1L);
    assertRejected(
        TestGroups.customers("g").throughput(throughput).build(),
        "ProvisionedReadCapacityUnits is " + units,
        "0 to 10000000");
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 10_000_001})
  void rejectsWriteCapacityOutOfRange(long units) {
    ThroughputConfig throughput = new ThroughputConfig(ThroughputMode.PROVISIONED, 1L, units);
    assertRejected(
        TestGroups.customers("g").throughput(throughput).build(),
        "ProvisionedWriteCapacityUnits is " + units,
        "0 to 10000000");
  }

  @Test
  void rejectsProvisionedThroughputWithInMemoryOnlineStore() {
    FeatureGroupSpec spec =
        TestGroups.customers("g")
            .onlineStore(new OnlineStoreConfig(true, null, StorageType.IN_MEMORY, null))
            .throughput(new ThroughputConfig(ThroughputMode.PROVISIONED, 10L, 10L))
            .build();
    assertRejected(spec, "ThroughputMode Provisioned is allowed only with a Standard online store");
  }

  @Test
  void acceptsProvisionedThroughputWithStandardOnlineStore() {
    ThroughputConfig throughput = new ThroughputConfig(ThroughputMode.PROVISIONED, 10_000_000L, 0L);
    assertThat(
            store
                .createFeatureGroup(TestGroups.customers("g").throughput(throughput).build())
                .spec()
                .throughputConfig())
        .isEqualTo(throughput);
  }

  // ---- UpdateFeatureGroup: FeatureAdditions

  @Test
  void rejectsEmptyFeatureAdditions() {
    store.createFeatureGroup(TestGroups.customers());
    assertAdditionRejected(List.of(), "FeatureAdditions has 0 features", "1 to 100");
  }

  @Test
  void rejectsMoreThan100FeatureAdditions() {
    store.createFeatureGroup(TestGroups.customers());
    assertAdditionRejected(numbered("added", 101), "FeatureAdditions has 101 features", "1 to 100");
  }

  @Test
  void accepts100FeatureAdditions() {
    store.createFeatureGroup(TestGroups.customers());
    assertThat(store.addFeatures(TestGroups.CUSTOMERS, numbered("added", 100)).features())
        .hasSize(109);
  }

  @Test
  void rejectsAdditionOfExistingFeatureName() {
    store.createFeatureGroup(TestGroups.customers());
    assertAdditionRejected(
        List.of(FeatureDefinition.of("orders", STRING)), "'orders'", "defined more than once");
  }

  @Test
  void rejectsAdditionsBeyond2500Features() {
    store.createFeatureGroup(withExtraFeatures(2500 - 9));
    assertAdditionRejected(numbered("added", 1), "1 to 2500 FeatureDefinitions, got 2501");
  }

  @Test
  void rejectsAdditionOfReservedFeatureName() {
    store.createFeatureGroup(TestGroups.customers());
    assertAdditionRejected(
        List.of(FeatureDefinition.of("write_time", STRING)), "'write_time'", "reserved");
  }

  @Test
  void rejectsAdditionOfSecondVector() {
    store.createFeatureGroup(TestGroups.customers());
    assertAdditionRejected(
        List.of(FeatureDefinition.vector("other", 2)), "at most one Vector feature");
  }

  // ---- helpers

  private void assertRejected(FeatureGroupSpec spec, String... fragments) {
    assertThatThrownBy(() -> store.createFeatureGroup(spec))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageStartingWith("Cannot ")
        .hasMessageContainingAll(fragments);
    assertThat(store.listFeatureGroups()).isEmpty();
  }

  private void assertAdditionRejected(List<FeatureDefinition> additions, String... fragments) {
    FeatureGroup before = store.describeFeatureGroup(TestGroups.CUSTOMERS);
    assertThatThrownBy(() -> store.addFeatures(TestGroups.CUSTOMERS, additions))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageStartingWith("Cannot update feature group customers: ")
        .hasMessageContainingAll(fragments);
    assertThat(store.describeFeatureGroup(TestGroups.CUSTOMERS).features())
        .isEqualTo(before.features());
  }

  /** The customers definition without its vector, so that a test can add its own. */
  private static FeatureGroupSpec.Builder baseWithoutVector() {
    return FeatureGroupSpec.builder("g")
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", STRING)
        .feature("ts", FRACTIONAL)
        .onlineStore(OnlineStoreConfig.enabled());
  }

  /** The customers definition (9 features) plus {@code extra} String features. */
  private static FeatureGroupSpec withExtraFeatures(int extra) {
    return TestGroups.customers(TestGroups.CUSTOMERS).features(numbered("f", extra)).build();
  }

  private static FeatureGroupSpec withCatalog(DataCatalogConfig catalog) {
    return TestGroups.customers("g")
        .offlineStore(new OfflineStoreConfig("s3://b/p", null, false, catalog, TableFormat.GLUE))
        .build();
  }

  private static List<FeatureDefinition> numbered(String prefix, int count) {
    List<FeatureDefinition> features = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      features.add(FeatureDefinition.of(prefix + i, STRING));
    }
    return features;
  }
}
