package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The control plane's JSON shapes as Java records; member names map through {@code
 * UPPER_CAMEL_CASE}. Timestamps are epoch seconds as JSON numbers ({@link BigDecimal}).
 */
final class ControlJson {
  private ControlJson() {}

  record VectorConfigJson(@Nullable Integer dimension) {}

  record CollectionConfigJson(@Nullable VectorConfigJson vectorConfig) {}

  record FeatureDefinitionJson(
      @Nullable String featureName,
      @Nullable String featureType,
      @Nullable String collectionType,
      @Nullable CollectionConfigJson collectionConfig) {}

  record TtlJson(@Nullable String unit, @Nullable Long value) {}

  record SecurityConfigJson(@Nullable String kmsKeyId) {}

  record OnlineStoreConfigJson(
      @Nullable SecurityConfigJson securityConfig,
      @Nullable Boolean enableOnlineStore,
      @Nullable TtlJson ttlDuration,
      @Nullable String storageType) {}

  record S3StorageConfigJson(
      @Nullable String s3Uri, @Nullable String kmsKeyId, @Nullable String resolvedOutputS3Uri) {}

  record DataCatalogConfigJson(
      @Nullable String tableName, @Nullable String catalog, @Nullable String database) {}

  record OfflineStoreConfigJson(
      @Nullable S3StorageConfigJson s3StorageConfig,
      @Nullable Boolean disableGlueTableCreation,
      @Nullable DataCatalogConfigJson dataCatalogConfig,
      @Nullable String tableFormat) {}

  record ThroughputConfigJson(
      @Nullable String throughputMode,
      @Nullable Long provisionedReadCapacityUnits,
      @Nullable Long provisionedWriteCapacityUnits) {}

  record TagJson(@Nullable String key, @Nullable String value) {}

  record ParameterJson(@Nullable String key, @Nullable String value) {}

  record StatusJson(String status) {}

  /** Quiver's extension: a flow (or other definition) applied to every record written. */
  record IngestTransformJson(@Nullable String name, @Nullable String definition) {}

  record CreateFeatureGroupRequest(
      @Nullable String featureGroupName,
      @Nullable String recordIdentifierFeatureName,
      @Nullable String eventTimeFeatureName,
      @Nullable List<FeatureDefinitionJson> featureDefinitions,
      @Nullable OnlineStoreConfigJson onlineStoreConfig,
      @Nullable OfflineStoreConfigJson offlineStoreConfig,
      @Nullable ThroughputConfigJson throughputConfig,
      @Nullable String roleArn,
      @Nullable String description,
      @Nullable List<TagJson> tags,
      @Nullable IngestTransformJson ingestTransform) {}

  record FeatureGroupArnResponse(String featureGroupArn) {}

  record FeatureGroupNameRequest(@Nullable String featureGroupName, @Nullable String nextToken) {}

  record DescribeFeatureGroupResponse(
      String featureGroupArn,
      String featureGroupName,
      String recordIdentifierFeatureName,
      String eventTimeFeatureName,
      List<FeatureDefinitionJson> featureDefinitions,
      BigDecimal creationTime,
      BigDecimal lastModifiedTime,
      @Nullable OnlineStoreConfigJson onlineStoreConfig,
      @Nullable OfflineStoreConfigJson offlineStoreConfig,
      ThroughputConfigJson throughputConfig,
      @Nullable String roleArn,
      String featureGroupStatus,
      StatusJson offlineStoreStatus,
      @Nullable StatusJson lastUpdateStatus,
      @Nullable String description,
      String nextToken,
      @Nullable IngestTransformJson ingestTransform) {}

  record ListFeatureGroupsRequest(
      @Nullable String nameContains,
      @Nullable String featureGroupStatusEquals,
      @Nullable String offlineStoreStatusEquals,
      @Nullable BigDecimal creationTimeAfter,
      @Nullable BigDecimal creationTimeBefore,
      @Nullable String sortOrder,
      @Nullable String sortBy,
      @Nullable Integer maxResults,
      @Nullable String nextToken) {}

  record FeatureGroupSummaryJson(
      String featureGroupName,
      String featureGroupArn,
      BigDecimal creationTime,
      String featureGroupStatus,
      StatusJson offlineStoreStatus) {}

  record ListFeatureGroupsResponse(
      List<FeatureGroupSummaryJson> featureGroupSummaries, @Nullable String nextToken) {}

  record OnlineStoreConfigUpdateJson(@Nullable TtlJson ttlDuration) {}

  record UpdateFeatureGroupRequest(
      @Nullable String featureGroupName,
      @Nullable List<FeatureDefinitionJson> featureAdditions,
      @Nullable OnlineStoreConfigUpdateJson onlineStoreConfig,
      @Nullable ThroughputConfigJson throughputConfig) {}

  record FeatureMetadataRequest(@Nullable String featureGroupName, @Nullable String featureName) {}

  record DescribeFeatureMetadataResponse(
      String featureGroupArn,
      String featureGroupName,
      String featureName,
      String featureType,
      BigDecimal creationTime,
      BigDecimal lastModifiedTime,
      @Nullable String description,
      List<ParameterJson> parameters) {}

  record UpdateFeatureMetadataRequest(
      @Nullable String featureGroupName,
      @Nullable String featureName,
      @Nullable String description,
      @Nullable List<ParameterJson> parameterAdditions,
      @Nullable List<String> parameterRemovals) {}

  record FilterJson(@Nullable String name, @Nullable String operator, @Nullable String value) {}

  record NestedFiltersJson(
      @Nullable String nestedPropertyName, @Nullable List<FilterJson> filters) {}

  record SearchExpressionJson(
      @Nullable List<FilterJson> filters,
      @Nullable List<NestedFiltersJson> nestedFilters,
      @Nullable List<SearchExpressionJson> subExpressions,
      @Nullable String operator) {}

  record VisibilityConditionJson(@Nullable String key, @Nullable String value) {}

  record SearchRequest(
      @Nullable String resource,
      @Nullable SearchExpressionJson searchExpression,
      @Nullable String sortBy,
      @Nullable String sortOrder,
      @Nullable String nextToken,
      @Nullable Integer maxResults,
      @Nullable String crossAccountFilterOption,
      @Nullable List<VisibilityConditionJson> visibilityConditions) {}

  record SearchRecordJson(@Nullable JsonNode featureGroup, @Nullable JsonNode featureMetadata) {}

  record TotalHitsJson(long value, String relation) {}

  record SearchResponse(
      List<SearchRecordJson> results, @Nullable String nextToken, TotalHitsJson totalHits) {}

  record AddTagsRequest(@Nullable String resourceArn, @Nullable List<TagJson> tags) {}

  record ListTagsRequest(
      @Nullable String resourceArn, @Nullable String nextToken, @Nullable Integer maxResults) {}

  record DeleteTagsRequest(@Nullable String resourceArn, @Nullable List<String> tagKeys) {}

  record TagsResponse(List<TagJson> tags, @Nullable String nextToken) {}
}
