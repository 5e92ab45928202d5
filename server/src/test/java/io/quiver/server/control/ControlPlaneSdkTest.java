package io.quiver.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CollectionConfig;
import software.amazon.awssdk.services.sagemaker.model.CollectionType;
import software.amazon.awssdk.services.sagemaker.model.DescribeFeatureGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeFeatureMetadataResponse;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;
import software.amazon.awssdk.services.sagemaker.model.FeatureGroupStatus;
import software.amazon.awssdk.services.sagemaker.model.FeatureGroupSummary;
import software.amazon.awssdk.services.sagemaker.model.FeatureParameter;
import software.amazon.awssdk.services.sagemaker.model.FeatureType;
import software.amazon.awssdk.services.sagemaker.model.LastUpdateStatusValue;
import software.amazon.awssdk.services.sagemaker.model.OfflineStoreConfig;
import software.amazon.awssdk.services.sagemaker.model.OfflineStoreStatusValue;
import software.amazon.awssdk.services.sagemaker.model.OnlineStoreConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.S3StorageConfig;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StorageType;
import software.amazon.awssdk.services.sagemaker.model.ThroughputMode;
import software.amazon.awssdk.services.sagemaker.model.TtlDuration;
import software.amazon.awssdk.services.sagemaker.model.TtlDurationUnit;
import software.amazon.awssdk.services.sagemaker.model.VectorConfig;

/** The control plane through the real AWS SDK for Java v2 {@link SageMakerClient}. */
class ControlPlaneSdkTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static SageMakerClient sm;

  @BeforeAll
  static void start() {
    fixture = ServerFixture.start(dataDir);
    sm = fixture.control();
  }

  @AfterAll
  static void stop() {
    sm.close();
    fixture.close();
  }

  @Test
  void createThenDescribeReturnsEveryRequiredMember() {
    Instant before = Instant.now().minusSeconds(1);
    String arn =
        sm.createFeatureGroup(
                FeatureGroups.simple("described")
                    .featureDefinitions(
                        FeatureGroups.feature("id", FeatureType.STRING),
                        FeatureGroups.feature("ts", FeatureType.STRING),
                        FeatureDefinition.builder()
                            .featureName("v")
                            .featureType(FeatureType.FRACTIONAL)
                            .collectionType(CollectionType.VECTOR)
                            .collectionConfig(
                                CollectionConfig.builder()
                                    .vectorConfig(VectorConfig.builder().dimension(3).build())
                                    .build())
                            .build())
                    .onlineStoreConfig(
                        OnlineStoreConfig.builder()
                            .enableOnlineStore(true)
                            .storageType(StorageType.IN_MEMORY)
                            .ttlDuration(
                                TtlDuration.builder().unit(TtlDurationUnit.DAYS).value(7).build())
                            .build())
                    .offlineStoreConfig(
                        OfflineStoreConfig.builder()
                            .s3StorageConfig(
                                S3StorageConfig.builder().s3Uri("s3://bucket/prefix").build())
                            .build())
                    .roleArn("arn:aws:iam::123456789012:role/FeatureStoreRole")
                    .description("demo")
                    .build())
            .featureGroupArn();
    assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:feature-group/described");

    DescribeFeatureGroupResponse d = sm.describeFeatureGroup(r -> r.featureGroupName("described"));
    assertThat(d.featureGroupArn()).isEqualTo(arn);
    assertThat(d.featureGroupName()).isEqualTo("described");
    assertThat(d.recordIdentifierFeatureName()).isEqualTo("id");
    assertThat(d.eventTimeFeatureName()).isEqualTo("ts");
    assertThat(d.featureDefinitions()).hasSize(3);
    assertThat(d.featureDefinitions().get(2).collectionType()).isEqualTo(CollectionType.VECTOR);
    assertThat(d.featureDefinitions().get(2).collectionConfig().vectorConfig().dimension())
        .isEqualTo(3);
    assertThat(d.creationTime()).isAfter(before);
    assertThat(d.lastModifiedTime()).isEqualTo(d.creationTime());
    assertThat(d.featureGroupStatus()).isEqualTo(FeatureGroupStatus.CREATED);
    assertThat(d.offlineStoreStatus().status()).isEqualTo(OfflineStoreStatusValue.ACTIVE);
    assertThat(d.onlineStoreConfig().ttlDuration().value()).isEqualTo(7);
    assertThat(d.onlineStoreConfig().storageType()).isEqualTo(StorageType.IN_MEMORY);
    long epoch = d.creationTime().getEpochSecond();
    assertThat(d.offlineStoreConfig().s3StorageConfig().resolvedOutputS3Uri())
        .isEqualTo(
            "s3://bucket/prefix/123456789012/sagemaker/us-east-1/offline-store/described-"
                + epoch
                + "/data");
    assertThat(d.offlineStoreConfig().dataCatalogConfig().tableName())
        .isEqualTo("described_" + epoch);
    assertThat(d.offlineStoreConfig().dataCatalogConfig().catalog()).isEqualTo("AwsDataCatalog");
    assertThat(d.offlineStoreConfig().dataCatalogConfig().database())
        .isEqualTo("sagemaker_featurestore");
    assertThat(d.throughputConfig().throughputMode()).isEqualTo(ThroughputMode.ON_DEMAND);
    assertThat(d.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/FeatureStoreRole");
    assertThat(d.description()).isEqualTo("demo");
    assertThat(d.nextToken()).isEmpty();
    // By ARN too.
    assertThat(sm.describeFeatureGroup(r -> r.featureGroupName(arn)).featureGroupName())
        .isEqualTo("described");
  }

  // Issue 15: the README did not show how to keep history offline over HTTP; S3Uri "default" is
  // the data directory's own offline store, as --create uses locally.
  @Test
  void defaultS3UriIsTheDataDirectorysOfflineStore() {
    sm.createFeatureGroup(
        FeatureGroups.simple("historied")
            .offlineStoreConfig(
                OfflineStoreConfig.builder()
                    .s3StorageConfig(S3StorageConfig.builder().s3Uri("default").build())
                    .build())
            .build());

    DescribeFeatureGroupResponse d = sm.describeFeatureGroup(r -> r.featureGroupName("historied"));
    String base = "file://" + dataDir.toAbsolutePath().resolve("offline-store");
    assertThat(d.offlineStoreConfig().s3StorageConfig().s3Uri()).isEqualTo(base);
    assertThat(d.offlineStoreConfig().s3StorageConfig().resolvedOutputS3Uri())
        .startsWith(base + "/123456789012/sagemaker/us-east-1/offline-store/historied-");
    assertThat(d.offlineStoreStatus().status()).isEqualTo(OfflineStoreStatusValue.ACTIVE);
  }

  @Test
  void onlineOnlyGroupHasOfflineStoreDisabled() {
    FeatureGroups.create(sm, "online-only");
    DescribeFeatureGroupResponse d =
        sm.describeFeatureGroup(r -> r.featureGroupName("online-only"));
    assertThat(d.offlineStoreStatus().status()).isEqualTo(OfflineStoreStatusValue.DISABLED);
    assertThat(d.offlineStoreConfig()).isNull();
  }

  @Test
  void duplicateNameIsResourceInUse() {
    FeatureGroups.create(sm, "dup");
    assertThatThrownBy(() -> FeatureGroups.create(sm, "dup"))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void invalidDefinitionIsValidationException() {
    assertThatThrownBy(() -> sm.createFeatureGroup(FeatureGroups.simple("bad name!").build()))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
            });
    assertThatThrownBy(
            () ->
                sm.createFeatureGroup(
                    FeatureGroups.simple("noid").recordIdentifierFeatureName("nope").build()))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void missingGroupIsResourceNotFound() {
    assertThatThrownBy(() -> sm.describeFeatureGroup(r -> r.featureGroupName("absent")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> sm.deleteFeatureGroup(r -> r.featureGroupName("absent")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                sm.updateFeatureGroup(
                    r ->
                        r.featureGroupName("absent")
                            .throughputConfig(t -> t.throughputMode(ThroughputMode.ON_DEMAND))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> sm.describeFeatureMetadata(r -> r.featureGroupName("absent").featureName("id")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteRemovesTheGroup() {
    FeatureGroups.create(sm, "doomed");
    sm.deleteFeatureGroup(r -> r.featureGroupName("doomed"));
    assertThatThrownBy(() -> sm.describeFeatureGroup(r -> r.featureGroupName("doomed")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listFiltersSortsAndPaginates() {
    for (String name : List.of("page-a", "page-b", "page-c", "page-d", "page-e")) {
      FeatureGroups.create(sm, name);
    }
    List<FeatureGroupSummary> all =
        sm
            .listFeatureGroupsPaginator(
                r -> r.nameContains("page-").sortBy("Name").sortOrder("Ascending").maxResults(2))
            .featureGroupSummaries()
            .stream()
            .toList();
    assertThat(all)
        .extracting(FeatureGroupSummary::featureGroupName)
        .containsExactly("page-a", "page-b", "page-c", "page-d", "page-e");
    assertThat(all)
        .allSatisfy(s -> assertThat(s.featureGroupStatus()).isEqualTo(FeatureGroupStatus.CREATED));

    var firstPage =
        sm.listFeatureGroups(
            r ->
                r.nameContains("page-")
                    .sortBy("Name")
                    .sortOrder(
                        software.amazon.awssdk.services.sagemaker.model.FeatureGroupSortOrder
                            .DESCENDING)
                    .maxResults(2));
    assertThat(firstPage.featureGroupSummaries())
        .extracting(FeatureGroupSummary::featureGroupName)
        .containsExactly("page-e", "page-d");
    assertThat(firstPage.nextToken()).isNotEmpty();

    Instant future = Instant.now().plusSeconds(3600);
    assertThat(
            sm.listFeatureGroups(r -> r.nameContains("page-").creationTimeAfter(future))
                .featureGroupSummaries())
        .isEmpty();
    assertThat(
            sm.listFeatureGroups(
                    r -> r.nameContains("page-").creationTimeBefore(future).maxResults(100))
                .featureGroupSummaries())
        .hasSize(5);
    assertThat(
            sm.listFeatureGroups(
                    r ->
                        r.nameContains("page-")
                            .offlineStoreStatusEquals(OfflineStoreStatusValue.ACTIVE))
                .featureGroupSummaries())
        .isEmpty();
  }

  @Test
  void listWithBadTokenOrMaxResultsIsValidationException() {
    assertThatThrownBy(() -> sm.listFeatureGroups(r -> r.nextToken("garbage")))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> sm.listFeatureGroups(r -> r.maxResults(101)))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void updateAddsFeaturesChangesTtlAndThroughputOneAtATime() {
    FeatureGroups.create(sm, "updated");
    sm.updateFeatureGroup(
        r ->
            r.featureGroupName("updated")
                .featureAdditions(FeatureGroups.feature("extra", FeatureType.INTEGRAL)));
    sm.updateFeatureGroup(
        r ->
            r.featureGroupName("updated")
                .onlineStoreConfig(
                    o ->
                        o.ttlDuration(
                            TtlDuration.builder().unit(TtlDurationUnit.HOURS).value(3).build())));
    DescribeFeatureGroupResponse d = sm.describeFeatureGroup(r -> r.featureGroupName("updated"));
    assertThat(d.featureDefinitions()).extracting(FeatureDefinition::featureName).endsWith("extra");
    assertThat(d.onlineStoreConfig().ttlDuration().unit()).isEqualTo(TtlDurationUnit.HOURS);
    assertThat(d.lastUpdateStatus().status()).isEqualTo(LastUpdateStatusValue.SUCCESSFUL);

    sm.updateFeatureGroup(
        r ->
            r.featureGroupName("updated")
                .onlineStoreConfig(o -> o.ttlDuration(TtlDuration.builder().build())));
    assertThat(
            sm.describeFeatureGroup(r -> r.featureGroupName("updated"))
                .onlineStoreConfig()
                .ttlDuration())
        .isNull();

    sm.updateFeatureGroup(
        r ->
            r.featureGroupName("updated")
                .throughputConfig(
                    t ->
                        t.throughputMode(ThroughputMode.PROVISIONED)
                            .provisionedReadCapacityUnits(10)
                            .provisionedWriteCapacityUnits(5)));
    assertThat(
            sm.describeFeatureGroup(r -> r.featureGroupName("updated"))
                .throughputConfig()
                .provisionedReadCapacityUnits())
        .isEqualTo(10);

    assertThatThrownBy(
            () ->
                sm.updateFeatureGroup(
                    r ->
                        r.featureGroupName("updated")
                            .featureAdditions(FeatureGroups.feature("x2", FeatureType.STRING))
                            .throughputConfig(t -> t.throughputMode(ThroughputMode.ON_DEMAND))))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void featureMetadataRoundTrips() {
    FeatureGroups.create(sm, "meta");
    sm.updateFeatureMetadata(
        r ->
            r.featureGroupName("meta")
                .featureName("n")
                .description("count of orders")
                .parameterAdditions(
                    FeatureParameter.builder().key("owner").value("team-a").build(),
                    FeatureParameter.builder().key("pii").value("no").build()));
    sm.updateFeatureMetadata(
        r -> r.featureGroupName("meta").featureName("n").parameterRemovals("pii"));
    DescribeFeatureMetadataResponse m =
        sm.describeFeatureMetadata(r -> r.featureGroupName("meta").featureName("n"));
    assertThat(m.featureGroupArn()).endsWith("feature-group/meta");
    assertThat(m.featureType()).isEqualTo(FeatureType.INTEGRAL);
    assertThat(m.description()).isEqualTo("count of orders");
    assertThat(m.parameters())
        .containsExactly(FeatureParameter.builder().key("owner").value("team-a").build());
    assertThat(m.lastModifiedTime()).isAfterOrEqualTo(m.creationTime());
    assertThatThrownBy(
            () -> sm.describeFeatureMetadata(r -> r.featureGroupName("meta").featureName("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void unknownOperationIsRefused() {
    assertThatThrownBy(() -> sm.listEndpoints(r -> {}))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
  }
}
