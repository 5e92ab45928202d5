package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.server.control.ControlJson.SearchRecordJson;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A resource type Search looks through: the records it yields (as SageMaker's {@code SearchRecord}
 * members, JSON trees with the wire's member names) and the properties a filter or a sort may name,
 * each with its kind. Stateless.
 */
enum SearchableResource {
  FEATURE_GROUP(
      "FeatureGroup",
      Map.ofEntries(
          Map.entry("FeatureGroupArn", PropertyKind.TEXT),
          Map.entry("FeatureGroupName", PropertyKind.TEXT),
          Map.entry("RecordIdentifierFeatureName", PropertyKind.TEXT),
          Map.entry("EventTimeFeatureName", PropertyKind.TEXT),
          Map.entry("FeatureDefinitions.FeatureName", PropertyKind.TEXT),
          Map.entry("FeatureDefinitions.FeatureType", PropertyKind.TEXT),
          Map.entry("FeatureDefinitions.CollectionType", PropertyKind.TEXT),
          Map.entry(
              "FeatureDefinitions.CollectionConfig.VectorConfig.Dimension", PropertyKind.NUMBER),
          Map.entry("CreationTime", PropertyKind.TIME),
          Map.entry("LastModifiedTime", PropertyKind.TIME),
          Map.entry("OnlineStoreConfig.EnableOnlineStore", PropertyKind.BOOLEAN),
          Map.entry("OnlineStoreConfig.StorageType", PropertyKind.TEXT),
          Map.entry("OnlineStoreConfig.TtlDuration.Unit", PropertyKind.TEXT),
          Map.entry("OnlineStoreConfig.TtlDuration.Value", PropertyKind.NUMBER),
          Map.entry("OnlineStoreConfig.SecurityConfig.KmsKeyId", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.S3StorageConfig.S3Uri", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.S3StorageConfig.KmsKeyId", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.S3StorageConfig.ResolvedOutputS3Uri", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.DisableGlueTableCreation", PropertyKind.BOOLEAN),
          Map.entry("OfflineStoreConfig.DataCatalogConfig.TableName", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.DataCatalogConfig.Catalog", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.DataCatalogConfig.Database", PropertyKind.TEXT),
          Map.entry("OfflineStoreConfig.TableFormat", PropertyKind.TEXT),
          Map.entry("RoleArn", PropertyKind.TEXT),
          Map.entry("FeatureGroupStatus", PropertyKind.TEXT),
          Map.entry("OfflineStoreStatus.Status", PropertyKind.TEXT),
          Map.entry("LastUpdateStatus.Status", PropertyKind.TEXT),
          Map.entry("Description", PropertyKind.TEXT)),
      "Tags",
      Set.of("FeatureDefinitions"),
      SearchableResource::featureGroups),
  FEATURE_METADATA(
      "FeatureMetadata",
      Map.of(
          "FeatureGroupArn", PropertyKind.TEXT,
          "FeatureGroupName", PropertyKind.TEXT,
          "FeatureName", PropertyKind.TEXT,
          "FeatureType", PropertyKind.TEXT,
          "CreationTime", PropertyKind.TIME,
          "LastModifiedTime", PropertyKind.TIME,
          "Description", PropertyKind.TEXT),
      "Parameters",
      Set.of(),
      SearchableResource::featureMetadata);

  /** What a property holds, which decides the operators it takes and how values compare. */
  enum PropertyKind {
    TEXT,
    NUMBER,
    TIME,
    BOOLEAN
  }

  private final String wireName;
  private final Map<String, PropertyKind> properties;
  private final String keyValueList;
  private final Set<String> nestedProperties;
  private final BiFunction<QuiverStore, ObjectMapper, List<SearchRecordJson>> records;

  SearchableResource(
      String wireName,
      Map<String, PropertyKind> properties,
      String keyValueList,
      Set<String> nestedProperties,
      BiFunction<QuiverStore, ObjectMapper, List<SearchRecordJson>> records) {
    this.wireName = wireName;
    this.properties = properties;
    this.keyValueList = keyValueList;
    this.nestedProperties = nestedProperties;
    this.records = records;
  }

  /** The {@code Resource} value naming this type. */
  String wireName() {
    return wireName;
  }

  /**
   * The kind of property {@code name}, or {@code null} if this resource has no such property. A
   * name {@code Tags.<key>} (feature groups) or {@code Parameters.<key>} (feature metadata) names
   * the value of that tag or parameter, text.
   */
  PropertyKind kindOf(String name) {
    if (name.startsWith(keyValueList + ".") && name.length() > keyValueList.length() + 1) {
      return PropertyKind.TEXT;
    }
    return properties.get(name);
  }

  /** The list property whose elements the tag or parameter names select from. */
  String keyValueList() {
    return keyValueList;
  }

  /** Whether a nested filter may range over {@code name}'s elements. */
  boolean nests(String name) {
    return nestedProperties.contains(name);
  }

  /** The properties a filter may name, for messages. */
  String describeProperties() {
    return String.join(", ", new TreeSet<>(properties.keySet()))
        + " and "
        + keyValueList
        + ".<key>";
  }

  /** Every record of this type in {@code store}, as JSON trees written by {@code json}. */
  List<SearchRecordJson> records(QuiverStore store, ObjectMapper json) {
    return records.apply(store, json);
  }

  /**
   * The resource named by {@code wireName}.
   *
   * @throws io.quiver.storage.error.ValidationException if it is not one Quiver searches
   */
  static SearchableResource of(String wireName) {
    for (SearchableResource resource : values()) {
      if (resource.wireName.equals(wireName)) {
        return resource;
      }
    }
    throw new io.quiver.storage.error.ValidationException(
        "Cannot search Resource '"
            + wireName
            + "': Quiver searches FeatureGroup and FeatureMetadata resources");
  }

  /** Feature groups as Search answers them: DescribeFeatureGroup's shape, with Tags. */
  private static List<SearchRecordJson> featureGroups(QuiverStore store, ObjectMapper json) {
    List<SearchRecordJson> result = new ArrayList<>();
    for (FeatureGroup group : store.listFeatureGroups()) {
      ObjectNode record = json.valueToTree(FeatureGroupCodec.describe(group));
      record.remove(List.of("ThroughputConfig", "NextToken"));
      ArrayNode tags = record.putArray("Tags");
      for (Tag tag : group.spec().tags()) {
        tags.addObject().put("Key", tag.key()).put("Value", tag.value());
      }
      result.add(new SearchRecordJson(record, null));
    }
    return result;
  }

  /** One record per feature of every group: DescribeFeatureMetadata's shape. */
  private static List<SearchRecordJson> featureMetadata(QuiverStore store, ObjectMapper json) {
    List<SearchRecordJson> result = new ArrayList<>();
    for (FeatureGroup group : store.listFeatureGroups()) {
      for (FeatureDefinition feature : group.features()) {
        JsonNode record =
            json.valueToTree(DescribeFeatureMetadataHandler.describe(group, feature.name()));
        result.add(new SearchRecordJson(null, record));
      }
    }
    return result;
  }
}
