package io.quiver.storage.internal.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureMetadata;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.StorageType;
import io.quiver.storage.catalog.TableFormat;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The persisted form of one feature group, format version 1: a JSON document under the key {@code
 * group/<name>} (or {@code retired/<id>}) of the catalog column family. Its own type, member by
 * member, so that the public {@link FeatureGroupSpec} can change without changing what is on disk;
 * enums are spelled by the tables below, not by their Java names. See {@code
 * docs/format/catalog.md}; the golden files under {@code src/test/resources/catalog-format} pin it.
 */
record CatalogEntry(
    int formatVersion,
    long id,
    Spec spec,
    long creationMicros,
    long lastModifiedMicros,
    @Nullable Map<String, Metadata> featureMetadata) {

  static final int FORMAT_VERSION = 1;

  /** The entry of a group with {@code id}, {@code spec} and feature {@code metadata}. */
  static CatalogEntry of(
      long id,
      FeatureGroupSpec spec,
      long creationMicros,
      long lastModifiedMicros,
      Map<String, FeatureMetadata> metadata) {
    Map<String, Metadata> stored = new TreeMap<>();
    metadata.forEach((name, m) -> stored.put(name, Metadata.of(m)));
    return new CatalogEntry(
        FORMAT_VERSION, id, Spec.of(spec), creationMicros, lastModifiedMicros, stored);
  }

  /**
   * Reads an entry stored under {@code key}.
   *
   * @throws StorageException if it is not JSON, has another format version or a value no version 1
   *     writer writes
   */
  static CatalogEntry read(ObjectMapper json, String key, byte[] document) {
    CatalogEntry entry;
    try {
      entry = json.readValue(document, CatalogEntry.class);
    } catch (IOException e) {
      throw new StorageException("Cannot load catalog entry " + key + ": it is not valid JSON", e);
    }
    if (entry.formatVersion() != FORMAT_VERSION) {
      throw new StorageException(
          "Cannot load catalog entry "
              + key
              + ": format version "
              + entry.formatVersion()
              + " is not supported (expected: "
              + FORMAT_VERSION
              + ")");
    }
    try {
      entry.toSpec();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException("Cannot load catalog entry " + key + ": " + e.getMessage(), e);
    }
    return entry;
  }

  /** The JSON document. */
  byte[] write(ObjectMapper json) {
    try {
      return json.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new StorageException("Cannot serialize catalog entry of " + spec.featureGroupName(), e);
    }
  }

  /** The group's definition. */
  FeatureGroupSpec toSpec() {
    return spec.toSpec();
  }

  /** The features' metadata, by feature name. */
  Map<String, FeatureMetadata> toMetadata() {
    Map<String, FeatureMetadata> result = new LinkedHashMap<>();
    if (featureMetadata != null) {
      featureMetadata.forEach((name, m) -> result.put(name, m.toMetadata()));
    }
    return result;
  }

  /** {@code spec}: the definition, as CreateFeatureGroup gave it and updates changed it. */
  record Spec(
      String featureGroupName,
      String recordIdentifierFeatureName,
      String eventTimeFeatureName,
      List<Feature> featureDefinitions,
      @Nullable Online onlineStoreConfig,
      @Nullable Offline offlineStoreConfig,
      @Nullable Throughput throughputConfig,
      @Nullable String roleArn,
      @Nullable String description,
      @Nullable List<StoredTag> tags,
      @Nullable Transform ingestTransform) {

    static Spec of(FeatureGroupSpec s) {
      return new Spec(
          s.featureGroupName(),
          s.recordIdentifierFeatureName(),
          s.eventTimeFeatureName(),
          s.featureDefinitions().stream().map(Feature::of).toList(),
          s.onlineStoreConfig() == null ? null : Online.of(s.onlineStoreConfig()),
          s.offlineStoreConfig() == null ? null : Offline.of(s.offlineStoreConfig()),
          s.throughputConfig() == null ? null : Throughput.of(s.throughputConfig()),
          s.roleArn(),
          s.description(),
          s.tags().stream().map(t -> new StoredTag(t.key(), t.value())).toList(),
          s.ingestTransform() == null ? null : Transform.of(s.ingestTransform()));
    }

    FeatureGroupSpec toSpec() {
      List<FeatureDefinition> features = new ArrayList<>();
      for (Feature feature : featureDefinitions) {
        features.add(feature.toDefinition());
      }
      List<Tag> specTags = new ArrayList<>();
      if (tags != null) {
        for (StoredTag tag : tags) {
          specTags.add(new Tag(tag.key(), tag.value()));
        }
      }
      return new FeatureGroupSpec(
          featureGroupName,
          recordIdentifierFeatureName,
          eventTimeFeatureName,
          features,
          onlineStoreConfig == null ? null : onlineStoreConfig.toConfig(),
          offlineStoreConfig == null ? null : offlineStoreConfig.toConfig(),
          throughputConfig == null ? null : throughputConfig.toConfig(),
          roleArn,
          description,
          specTags,
          ingestTransform == null ? null : ingestTransform.toConfig());
    }
  }

  /** One of {@code spec.featureDefinitions}. */
  record Feature(
      String name,
      String type,
      @Nullable String collectionType,
      @Nullable Integer vectorDimension) {

    static Feature of(FeatureDefinition f) {
      return new Feature(
          f.name(),
          spelling(f.type()),
          f.collectionType() == null ? null : spelling(f.collectionType()),
          f.vectorDimension());
    }

    FeatureDefinition toDefinition() {
      return new FeatureDefinition(
          name,
          featureTypeOf(type),
          collectionType == null ? null : collectionTypeOf(collectionType),
          vectorDimension);
    }
  }

  /** {@code spec.onlineStoreConfig}. */
  record Online(
      boolean enableOnlineStore,
      @Nullable Ttl ttlDuration,
      String storageType,
      @Nullable String kmsKeyId) {

    static Online of(OnlineStoreConfig c) {
      return new Online(
          c.enableOnlineStore(),
          c.ttlDuration() == null ? null : Ttl.of(c.ttlDuration()),
          spelling(c.storageType()),
          c.kmsKeyId());
    }

    OnlineStoreConfig toConfig() {
      return new OnlineStoreConfig(
          enableOnlineStore,
          ttlDuration == null ? null : ttlDuration.toDuration(),
          storageTypeOf(storageType),
          kmsKeyId);
    }
  }

  /** A time to live. */
  record Ttl(String unit, long value) {
    static Ttl of(TtlDuration d) {
      return new Ttl(spelling(d.unit()), d.value());
    }

    TtlDuration toDuration() {
      return new TtlDuration(ttlUnitOf(unit), value);
    }
  }

  /** {@code spec.offlineStoreConfig}. */
  record Offline(
      String s3Uri,
      @Nullable String kmsKeyId,
      boolean disableGlueTableCreation,
      @Nullable DataCatalog dataCatalogConfig,
      String tableFormat) {

    static Offline of(OfflineStoreConfig c) {
      DataCatalogConfig catalog = c.dataCatalogConfig();
      return new Offline(
          c.s3Uri(),
          c.kmsKeyId(),
          c.disableGlueTableCreation(),
          catalog == null
              ? null
              : new DataCatalog(catalog.tableName(), catalog.catalog(), catalog.database()),
          spelling(c.tableFormat()));
    }

    OfflineStoreConfig toConfig() {
      return new OfflineStoreConfig(
          s3Uri,
          kmsKeyId,
          disableGlueTableCreation,
          dataCatalogConfig == null
              ? null
              : new DataCatalogConfig(
                  dataCatalogConfig.tableName(),
                  dataCatalogConfig.catalog(),
                  dataCatalogConfig.database()),
          tableFormatOf(tableFormat));
    }
  }

  /** {@code spec.offlineStoreConfig.dataCatalogConfig}. */
  record DataCatalog(String tableName, String catalog, String database) {}

  /** {@code spec.throughputConfig}. */
  record Throughput(
      String throughputMode,
      @Nullable Long provisionedReadCapacityUnits,
      @Nullable Long provisionedWriteCapacityUnits) {

    static Throughput of(ThroughputConfig c) {
      return new Throughput(
          spelling(c.throughputMode()),
          c.provisionedReadCapacityUnits(),
          c.provisionedWriteCapacityUnits());
    }

    ThroughputConfig toConfig() {
      return new ThroughputConfig(
          throughputModeOf(throughputMode),
          provisionedReadCapacityUnits,
          provisionedWriteCapacityUnits);
    }
  }

  /** One of {@code spec.tags}. */
  record StoredTag(String key, String value) {}

  /** {@code spec.ingestTransform}. */
  record Transform(String name, String definition) {
    static Transform of(IngestTransformConfig c) {
      return new Transform(c.name(), c.definition());
    }

    IngestTransformConfig toConfig() {
      return new IngestTransformConfig(name, definition);
    }
  }

  /** One value of {@code featureMetadata}. */
  record Metadata(
      @Nullable String description,
      @Nullable Map<String, String> parameters,
      long lastModifiedMicros) {

    static Metadata of(FeatureMetadata m) {
      return new Metadata(m.description(), new TreeMap<>(m.parameters()), m.lastModifiedMicros());
    }

    FeatureMetadata toMetadata() {
      return new FeatureMetadata(
          description, parameters == null ? Map.of() : parameters, lastModifiedMicros);
    }
  }

  // The spellings of enum values in the document: part of the format, whatever the Java names.

  private static String spelling(FeatureType type) {
    return switch (type) {
      case INTEGRAL -> "INTEGRAL";
      case FRACTIONAL -> "FRACTIONAL";
      case STRING -> "STRING";
    };
  }

  private static FeatureType featureTypeOf(String name) {
    return switch (name) {
      case "INTEGRAL" -> FeatureType.INTEGRAL;
      case "FRACTIONAL" -> FeatureType.FRACTIONAL;
      case "STRING" -> FeatureType.STRING;
      default -> throw unknown("feature type", name);
    };
  }

  private static String spelling(CollectionType type) {
    return switch (type) {
      case LIST -> "LIST";
      case SET -> "SET";
      case VECTOR -> "VECTOR";
    };
  }

  private static CollectionType collectionTypeOf(String name) {
    return switch (name) {
      case "LIST" -> CollectionType.LIST;
      case "SET" -> CollectionType.SET;
      case "VECTOR" -> CollectionType.VECTOR;
      default -> throw unknown("collection type", name);
    };
  }

  private static String spelling(StorageType type) {
    return switch (type) {
      case STANDARD -> "STANDARD";
      case IN_MEMORY -> "IN_MEMORY";
    };
  }

  private static StorageType storageTypeOf(String name) {
    return switch (name) {
      case "STANDARD" -> StorageType.STANDARD;
      case "IN_MEMORY" -> StorageType.IN_MEMORY;
      default -> throw unknown("storage type", name);
    };
  }

  private static String spelling(TtlUnit unit) {
    return switch (unit) {
      case SECONDS -> "SECONDS";
      case MINUTES -> "MINUTES";
      case HOURS -> "HOURS";
      case DAYS -> "DAYS";
      case WEEKS -> "WEEKS";
    };
  }

  private static TtlUnit ttlUnitOf(String name) {
    return switch (name) {
      case "SECONDS" -> TtlUnit.SECONDS;
      case "MINUTES" -> TtlUnit.MINUTES;
      case "HOURS" -> TtlUnit.HOURS;
      case "DAYS" -> TtlUnit.DAYS;
      case "WEEKS" -> TtlUnit.WEEKS;
      default -> throw unknown("TTL unit", name);
    };
  }

  private static String spelling(TableFormat format) {
    return switch (format) {
      case DEFAULT -> "DEFAULT";
      case GLUE -> "GLUE";
      case ICEBERG -> "ICEBERG";
    };
  }

  private static TableFormat tableFormatOf(String name) {
    return switch (name) {
      case "DEFAULT" -> TableFormat.DEFAULT;
      case "GLUE" -> TableFormat.GLUE;
      case "ICEBERG" -> TableFormat.ICEBERG;
      default -> throw unknown("table format", name);
    };
  }

  private static String spelling(ThroughputMode mode) {
    return switch (mode) {
      case ON_DEMAND -> "ON_DEMAND";
      case PROVISIONED -> "PROVISIONED";
    };
  }

  private static ThroughputMode throughputModeOf(String name) {
    return switch (name) {
      case "ON_DEMAND" -> ThroughputMode.ON_DEMAND;
      case "PROVISIONED" -> ThroughputMode.PROVISIONED;
      default -> throw unknown("throughput mode", name);
    };
  }

  private static IllegalArgumentException unknown(String what, String name) {
    return new IllegalArgumentException(what + " '" + name + "' is not one format 1 knows");
  }
}
