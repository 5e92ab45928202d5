package io.quiver.server.control;

import io.quiver.server.control.ControlJson.CollectionConfigJson;
import io.quiver.server.control.ControlJson.DataCatalogConfigJson;
import io.quiver.server.control.ControlJson.DescribeFeatureGroupResponse;
import io.quiver.server.control.ControlJson.FeatureDefinitionJson;
import io.quiver.server.control.ControlJson.IngestTransformJson;
import io.quiver.server.control.ControlJson.OfflineStoreConfigJson;
import io.quiver.server.control.ControlJson.OnlineStoreConfigJson;
import io.quiver.server.control.ControlJson.S3StorageConfigJson;
import io.quiver.server.control.ControlJson.SecurityConfigJson;
import io.quiver.server.control.ControlJson.StatusJson;
import io.quiver.server.control.ControlJson.ThroughputConfigJson;
import io.quiver.server.control.ControlJson.TtlJson;
import io.quiver.server.control.ControlJson.VectorConfigJson;
import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.StorageType;
import io.quiver.storage.catalog.TableFormat;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Converts between the control plane's JSON shapes and catalog types. Stateless. */
final class FeatureGroupCodec {
  /** Every group is ready when CreateFeatureGroup returns. */
  static final String STATUS_CREATED = "Created";

  private FeatureGroupCodec() {}

  static <T> T required(@Nullable T value, String member) {
    if (value == null) {
      throw new ValidationException(
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** Epoch seconds with millisecond precision, as SageMaker's JSON 1.1 timestamps. */
  static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.truncatedTo(ChronoUnit.MILLIS).toEpochMilli(), 3);
  }

  static Instant instant(BigDecimal epochSeconds) {
    return Instant.ofEpochMilli(epochSeconds.movePointRight(3).longValue());
  }

  static List<FeatureDefinition> toDefinitions(
      List<FeatureDefinitionJson> definitions, String member) {
    List<FeatureDefinition> result = new ArrayList<>(definitions.size());
    for (FeatureDefinitionJson json : definitions) {
      required(json, member + ".member");
      String name = required(json.featureName(), member + ".member.featureName");
      FeatureType type =
          FeatureType.fromWireName(required(json.featureType(), member + ".member.featureType"));
      CollectionType collection =
          json.collectionType() == null ? null : CollectionType.fromWireName(json.collectionType());
      Integer dimension =
          json.collectionConfig() == null || json.collectionConfig().vectorConfig() == null
              ? null
              : json.collectionConfig().vectorConfig().dimension();
      result.add(new FeatureDefinition(name, type, collection, dimension));
    }
    return result;
  }

  static List<FeatureDefinitionJson> fromDefinitions(List<FeatureDefinition> definitions) {
    List<FeatureDefinitionJson> result = new ArrayList<>(definitions.size());
    for (FeatureDefinition d : definitions) {
      CollectionConfigJson config =
          d.vectorDimension() == null
              ? null
              : new CollectionConfigJson(new VectorConfigJson(d.vectorDimension()));
      result.add(
          new FeatureDefinitionJson(
              d.name(),
              d.type().wireName(),
              d.collectionType() == null ? null : d.collectionType().wireName(),
              config));
    }
    return result;
  }

  /** A group default TTL; both members absent means none. */
  static @Nullable TtlDuration toTtl(@Nullable TtlJson ttl) {
    if (ttl == null || (ttl.unit() == null && ttl.value() == null)) {
      return null;
    }
    if (ttl.unit() == null || ttl.value() == null) {
      throw new ValidationException(
          "Cannot accept TtlDuration: give both Unit and Value, or neither to remove it");
    }
    return TtlDuration.of(ttl.value(), TtlUnit.fromWireName(ttl.unit()));
  }

  static @Nullable OnlineStoreConfig toOnline(@Nullable OnlineStoreConfigJson json) {
    if (json == null) {
      return null;
    }
    return new OnlineStoreConfig(
        Boolean.TRUE.equals(json.enableOnlineStore()),
        toTtl(json.ttlDuration()),
        json.storageType() == null
            ? StorageType.STANDARD
            : StorageType.fromWireName(json.storageType()),
        json.securityConfig() == null ? null : json.securityConfig().kmsKeyId());
  }

  static @Nullable OfflineStoreConfig toOffline(@Nullable OfflineStoreConfigJson json) {
    if (json == null) {
      return null;
    }
    S3StorageConfigJson s3 = required(json.s3StorageConfig(), "offlineStoreConfig.s3StorageConfig");
    DataCatalogConfigJson catalog = json.dataCatalogConfig();
    return new OfflineStoreConfig(
        required(s3.s3Uri(), "offlineStoreConfig.s3StorageConfig.s3Uri"),
        s3.kmsKeyId(),
        Boolean.TRUE.equals(json.disableGlueTableCreation()),
        catalog == null
            ? null
            : new DataCatalogConfig(
                required(catalog.tableName(), "offlineStoreConfig.dataCatalogConfig.tableName"),
                required(catalog.catalog(), "offlineStoreConfig.dataCatalogConfig.catalog"),
                required(catalog.database(), "offlineStoreConfig.dataCatalogConfig.database")),
        json.tableFormat() == null
            ? TableFormat.GLUE
            : TableFormat.fromWireName(json.tableFormat()));
  }

  static @Nullable ThroughputConfig toThroughput(@Nullable ThroughputConfigJson json) {
    if (json == null) {
      return null;
    }
    return new ThroughputConfig(
        ThroughputMode.fromWireName(
            required(json.throughputMode(), "throughputConfig.throughputMode")),
        json.provisionedReadCapacityUnits(),
        json.provisionedWriteCapacityUnits());
  }

  static ThroughputConfigJson fromThroughput(@Nullable ThroughputConfig config) {
    ThroughputConfig c = config == null ? ThroughputConfig.onDemand() : config;
    return new ThroughputConfigJson(
        c.throughputMode().wireName(),
        c.provisionedReadCapacityUnits(),
        c.provisionedWriteCapacityUnits());
  }

  static StatusJson offlineStoreStatus(FeatureGroup group) {
    return new StatusJson(group.spec().hasOfflineStore() ? "Active" : "Disabled");
  }

  static DescribeFeatureGroupResponse describe(FeatureGroup group) {
    var spec = group.spec();
    boolean updated = group.lastModifiedTime().isAfter(group.creationTime());
    return new DescribeFeatureGroupResponse(
        group.arn(),
        group.name(),
        spec.recordIdentifierFeatureName(),
        spec.eventTimeFeatureName(),
        fromDefinitions(spec.featureDefinitions()),
        epochSeconds(group.creationTime()),
        epochSeconds(group.lastModifiedTime()),
        fromOnline(spec.onlineStoreConfig()),
        fromOffline(group),
        fromThroughput(spec.throughputConfig()),
        spec.roleArn(),
        STATUS_CREATED,
        offlineStoreStatus(group),
        updated ? new StatusJson("Successful") : null,
        spec.description(),
        "",
        spec.ingestTransform() == null
            ? null
            : new IngestTransformJson(
                spec.ingestTransform().name(), spec.ingestTransform().definition()));
  }

  /** Quiver's create-time ingest transform; both members are required when it is given. */
  static @Nullable IngestTransformConfig toIngestTransform(@Nullable IngestTransformJson json) {
    if (json == null) {
      return null;
    }
    return new IngestTransformConfig(
        required(json.name(), "ingestTransform.name"),
        required(json.definition(), "ingestTransform.definition"));
  }

  private static @Nullable OnlineStoreConfigJson fromOnline(@Nullable OnlineStoreConfig online) {
    if (online == null) {
      return null;
    }
    TtlDuration ttl = online.ttlDuration();
    return new OnlineStoreConfigJson(
        online.kmsKeyId() == null ? null : new SecurityConfigJson(online.kmsKeyId()),
        online.enableOnlineStore(),
        ttl == null ? null : new TtlJson(ttl.unit().wireName(), ttl.value()),
        online.storageType().wireName());
  }

  private static @Nullable OfflineStoreConfigJson fromOffline(FeatureGroup group) {
    OfflineStoreConfig offline = group.spec().offlineStoreConfig();
    if (offline == null) {
      return null;
    }
    DataCatalogConfig catalog = OfflineStoreLocation.dataCatalog(group, offline);
    return new OfflineStoreConfigJson(
        new S3StorageConfigJson(offline.s3Uri(), offline.kmsKeyId(), group.resolvedOutputS3Uri()),
        offline.disableGlueTableCreation(),
        catalog == null
            ? null
            : new DataCatalogConfigJson(catalog.tableName(), catalog.catalog(), catalog.database()),
        offline.tableFormat().wireName());
  }
}
