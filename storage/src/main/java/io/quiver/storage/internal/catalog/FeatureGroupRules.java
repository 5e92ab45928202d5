package io.quiver.storage.internal.catalog;

import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.StorageType;
import io.quiver.storage.catalog.TableFormat;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.error.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The validation rules of SageMaker's control plane for feature group definitions. Each failure
 * message starts with "Cannot ..." and names the rule it broke and what is allowed.
 */
final class FeatureGroupRules {
  static final int MAX_NAME_LENGTH = 64;
  static final int MAX_FEATURES = 2500;
  static final int MAX_FEATURE_ADDITIONS = 100;
  static final int MAX_DESCRIPTION_LENGTH = 128;
  static final int MAX_TAGS = 50;
  static final int MAX_TAG_KEY_LENGTH = 128;
  static final int MAX_TAG_VALUE_LENGTH = 256;
  static final int MAX_VECTOR_DIMENSION = 8192;
  static final int MAX_S3_URI_LENGTH = 1024;
  static final int MAX_CATALOG_NAME_LENGTH = 255;
  static final long MAX_CAPACITY_UNITS = 10_000_000L;
  // SageMaker bounds a pipeline definition at 1 MB; a frozen flow is the same kind of document.
  static final int MAX_INGEST_TRANSFORM_DEFINITION_LENGTH = 1 << 20;
  static final int MAX_INGEST_TRANSFORM_NAME_LENGTH = 256;
  static final Set<String> RESERVED_NAMES =
      Set.of("is_deleted", "write_time", "api_invocation_time");

  static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}");
  static final Pattern FEATURE_NAME = Pattern.compile("[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}");
  static final Pattern STORE_URI = Pattern.compile("(https|s3|file)://([^/]*)/?(.*)");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");

  private FeatureGroupRules() {}

  /** Checks every rule a new group's definition must pass. */
  static void checkCreate(FeatureGroupSpec spec) {
    String group = spec.featureGroupName();
    checkGroupName(group);
    String prefix = "Cannot create feature group " + group + ": ";
    checkFeatureCount(prefix, spec.featureDefinitions().size());
    checkFeatures(prefix, spec.featureDefinitions(), Set.of());
    checkKeyFeatures(prefix, spec);
    checkStores(prefix, spec);
    checkThroughput(prefix, spec.throughputConfig(), spec.onlineStoreConfig());
    if (spec.roleArn() != null && !ROLE_ARN.matcher(spec.roleArn()).matches()) {
      throw new ValidationException(
          prefix + "RoleArn '" + spec.roleArn() + "' does not match pattern " + ROLE_ARN.pattern());
    }
    if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION_LENGTH) {
      throw new ValidationException(
          prefix
              + "Description is "
              + spec.description().length()
              + " characters long (expected: at most "
              + MAX_DESCRIPTION_LENGTH
              + ")");
    }
    checkTags(prefix, spec.tags());
    checkIngestTransform(prefix, spec.ingestTransform());
  }

  private static void checkIngestTransform(String prefix, @Nullable IngestTransformConfig config) {
    if (config == null) {
      return;
    }
    if (config.name().isBlank() || config.name().length() > MAX_INGEST_TRANSFORM_NAME_LENGTH) {
      throw new ValidationException(
          prefix
              + "IngestTransform.Name '"
              + config.name()
              + "' (expected: 1 to "
              + MAX_INGEST_TRANSFORM_NAME_LENGTH
              + " characters, not all blank)");
    }
    if (config.definition().length() > MAX_INGEST_TRANSFORM_DEFINITION_LENGTH) {
      throw new ValidationException(
          prefix
              + "IngestTransform.Definition is "
              + config.definition().length()
              + " characters long (expected: at most "
              + MAX_INGEST_TRANSFORM_DEFINITION_LENGTH
              + ")");
    }
  }

  /** Checks the features an UpdateFeatureGroup request adds to {@code group}. */
  static void checkAdditions(FeatureGroup group, List<FeatureDefinition> additions) {
    String prefix = "Cannot update feature group " + group.name() + ": ";
    if (additions.isEmpty() || additions.size() > MAX_FEATURE_ADDITIONS) {
      throw new ValidationException(
          prefix
              + "FeatureAdditions has "
              + additions.size()
              + " features (expected: 1 to "
              + MAX_FEATURE_ADDITIONS
              + ")");
    }
    checkFeatureCount(prefix, group.features().size() + additions.size());
    Set<String> existing = new HashSet<>();
    group.features().forEach(f -> existing.add(f.name()));
    checkFeatures(prefix, additions, existing);
    boolean hadVector =
        group.features().stream().anyMatch(f -> f.collectionType() == CollectionType.VECTOR);
    if (hadVector
        && additions.stream().anyMatch(f -> f.collectionType() == CollectionType.VECTOR)) {
      throw new ValidationException(prefix + "a feature group may have at most one Vector feature");
    }
  }

  /** Checks a feature group name (not an ARN). */
  static void checkGroupName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new ValidationException(
          "Cannot accept FeatureGroupName '"
              + name
              + "': length is "
              + name.length()
              + " (expected: 1 to "
              + MAX_NAME_LENGTH
              + " characters)");
    }
    if (!GROUP_NAME.matcher(name).matches()) {
      throw new ValidationException(
          "Cannot accept FeatureGroupName '"
              + name
              + "': it does not match pattern "
              + GROUP_NAME.pattern()
              + " (letters, digits, '-' and '_', starting and ending with a letter or digit)");
    }
  }

  private static void checkFeatureCount(String prefix, int count) {
    if (count < 1 || count > MAX_FEATURES) {
      throw new ValidationException(
          prefix
              + "a feature group must have 1 to "
              + MAX_FEATURES
              + " FeatureDefinitions, got "
              + count);
    }
  }

  private static void checkFeatures(
      String prefix, List<FeatureDefinition> features, Set<String> existing) {
    Set<String> seen = new HashSet<>(existing);
    int vectors = 0;
    for (FeatureDefinition feature : features) {
      String name = feature.name();
      if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
        throw new ValidationException(
            prefix
                + "FeatureName '"
                + name
                + "' has length "
                + name.length()
                + " (expected: 1 to "
                + MAX_NAME_LENGTH
                + " characters)");
      }
      if (RESERVED_NAMES.contains(name)) {
        throw new ValidationException(
            prefix
                + "FeatureName '"
                + name
                + "' is a reserved name (reserved: api_invocation_time, is_deleted, write_time)");
      }
      if (!FEATURE_NAME.matcher(name).matches()) {
        throw new ValidationException(
            prefix + "FeatureName '" + name + "' does not match pattern " + FEATURE_NAME.pattern());
      }
      if (!seen.add(name)) {
        throw new ValidationException(
            prefix + "FeatureName '" + name + "' is defined more than once");
      }
      if (feature.collectionType() == CollectionType.VECTOR) {
        vectors++;
        checkVector(prefix, feature);
      } else if (feature.vectorDimension() != null) {
        throw new ValidationException(
            prefix
                + "feature '"
                + name
                + "' has a VectorConfig, which is allowed only with CollectionType Vector");
      }
    }
    if (vectors > 1) {
      throw new ValidationException(
          prefix + "a feature group may have at most one Vector feature, got " + vectors);
    }
  }

  private static void checkVector(String prefix, FeatureDefinition feature) {
    if (feature.type() != FeatureType.FRACTIONAL) {
      throw new ValidationException(
          prefix
              + "Vector feature '"
              + feature.name()
              + "' has FeatureType "
              + feature.type().wireName()
              + " (expected: Fractional)");
    }
    Integer dimension = feature.vectorDimension();
    if (dimension == null || dimension < 1 || dimension > MAX_VECTOR_DIMENSION) {
      throw new ValidationException(
          prefix
              + "Vector feature '"
              + feature.name()
              + "' needs a VectorConfig Dimension of 1 to "
              + MAX_VECTOR_DIMENSION
              + ", got "
              + dimension);
    }
  }

  private static void checkKeyFeatures(String prefix, FeatureGroupSpec spec) {
    FeatureDefinition id = find(spec, spec.recordIdentifierFeatureName());
    if (id == null) {
      throw new ValidationException(
          prefix
              + "RecordIdentifierFeatureName '"
              + spec.recordIdentifierFeatureName()
              + "' is not one of the FeatureDefinitions");
    }
    FeatureDefinition eventTime = find(spec, spec.eventTimeFeatureName());
    if (eventTime == null) {
      throw new ValidationException(
          prefix
              + "EventTimeFeatureName '"
              + spec.eventTimeFeatureName()
              + "' is not one of the FeatureDefinitions");
    }
    if (id.name().equals(eventTime.name())) {
      throw new ValidationException(
          prefix
              + "RecordIdentifierFeatureName and EventTimeFeatureName must name different features");
    }
    if (id.isCollection()) {
      throw new ValidationException(
          prefix
              + "record identifier feature '"
              + id.name()
              + "' must be a scalar, not a "
              + id.collectionType().wireName());
    }
    if (eventTime.isCollection() || eventTime.type() == FeatureType.INTEGRAL) {
      throw new ValidationException(
          prefix
              + "event time feature '"
              + eventTime.name()
              + "' must have FeatureType String or Fractional (a scalar), got "
              + describeType(eventTime));
    }
  }

  private static String describeType(FeatureDefinition feature) {
    return feature.isCollection()
        ? feature.collectionType().wireName() + " of " + feature.type().wireName()
        : feature.type().wireName();
  }

  private static @Nullable FeatureDefinition find(FeatureGroupSpec spec, String name) {
    for (FeatureDefinition feature : spec.featureDefinitions()) {
      if (feature.name().equals(name)) {
        return feature;
      }
    }
    return null;
  }

  private static void checkStores(String prefix, FeatureGroupSpec spec) {
    if (!spec.hasOnlineStore() && !spec.hasOfflineStore()) {
      throw new ValidationException(
          prefix
              + "at least one of OnlineStoreConfig (with EnableOnlineStore true) or OfflineStoreConfig is required");
    }
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    if (offline == null) {
      return;
    }
    String uri = offline.s3Uri();
    if (uri.length() > MAX_S3_URI_LENGTH || !STORE_URI.matcher(uri).matches()) {
      throw new ValidationException(
          prefix
              + "S3Uri '"
              + uri
              + "' must match (https|s3|file)://([^/]*)/?(.*) and have at most "
              + MAX_S3_URI_LENGTH
              + " characters");
    }
    if (offline.tableFormat() == TableFormat.ICEBERG && offline.disableGlueTableCreation()) {
      throw new ValidationException(
          prefix + "TableFormat Iceberg requires DisableGlueTableCreation to be false");
    }
    DataCatalogConfig catalog = offline.dataCatalogConfig();
    if (catalog != null) {
      checkCatalogName(prefix, "TableName", catalog.tableName());
      checkCatalogName(prefix, "Catalog", catalog.catalog());
      checkCatalogName(prefix, "Database", catalog.database());
    }
  }

  private static void checkCatalogName(String prefix, String what, String value) {
    if (value.isEmpty() || value.length() > MAX_CATALOG_NAME_LENGTH) {
      throw new ValidationException(
          prefix
              + "DataCatalogConfig "
              + what
              + " has length "
              + value.length()
              + " (expected: 1 to "
              + MAX_CATALOG_NAME_LENGTH
              + ")");
    }
  }

  static void checkThroughput(
      String prefix, @Nullable ThroughputConfig throughput, @Nullable OnlineStoreConfig online) {
    if (throughput == null) {
      return;
    }
    checkCapacity(
        prefix, "ProvisionedReadCapacityUnits", throughput.provisionedReadCapacityUnits());
    checkCapacity(
        prefix, "ProvisionedWriteCapacityUnits", throughput.provisionedWriteCapacityUnits());
    if (throughput.throughputMode() == ThroughputMode.PROVISIONED
        && online != null
        && online.storageType() == StorageType.IN_MEMORY) {
      throw new ValidationException(
          prefix
              + "ThroughputMode Provisioned is allowed only with a Standard online store or none");
    }
  }

  private static void checkCapacity(String prefix, String what, @Nullable Long units) {
    if (units != null && (units < 0 || units > MAX_CAPACITY_UNITS)) {
      throw new ValidationException(
          prefix + what + " is " + units + " (expected: 0 to " + MAX_CAPACITY_UNITS + ")");
    }
  }

  static void checkTags(String prefix, List<Tag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new ValidationException(
          prefix + "Tags has " + tags.size() + " tags (expected: at most " + MAX_TAGS + ")");
    }
    for (Tag tag : tags) {
      if (tag.key().isEmpty() || tag.key().length() > MAX_TAG_KEY_LENGTH) {
        throw new ValidationException(
            prefix
                + "Tag key '"
                + tag.key()
                + "' has length "
                + tag.key().length()
                + " (expected: 1 to "
                + MAX_TAG_KEY_LENGTH
                + ")");
      }
      if (tag.value().length() > MAX_TAG_VALUE_LENGTH) {
        throw new ValidationException(
            prefix
                + "Tag value of key '"
                + tag.key()
                + "' has length "
                + tag.value().length()
                + " (expected: at most "
                + MAX_TAG_VALUE_LENGTH
                + ")");
      }
    }
  }
}
