package io.quiver.protocol.codec;

import io.quiver.protocol.v1.BatchGetRecordIdentifier;
import io.quiver.protocol.v1.FeatureGroupDescription;
import io.quiver.protocol.v1.FeatureGroupSummary;
import io.quiver.protocol.v1.StringList;
import io.quiver.protocol.v1.ThroughputUpdate;
import io.quiver.storage.BatchGetRequest;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.TargetStore;
import io.quiver.storage.catalog.CollectionType;
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
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the v1 protobuf messages and storage's types, for the server and its clients.
 * Stateless.
 */
public final class GrpcCodec {
  private GrpcCodec() {}

  public static Record toRecord(List<io.quiver.protocol.v1.FeatureValue> values) {
    List<FeatureValue> converted = new ArrayList<>(values.size());
    for (io.quiver.protocol.v1.FeatureValue v : values) {
      converted.add(
          switch (v.getValueCase()) {
            case VALUE_AS_STRING -> FeatureValue.of(v.getFeatureName(), v.getValueAsString());
            case VALUE_AS_STRING_LIST ->
                FeatureValue.ofList(v.getFeatureName(), v.getValueAsStringList().getValuesList());
            case VALUE_NOT_SET ->
                throw new ValidationException(
                    "Cannot accept feature '"
                        + v.getFeatureName()
                        + "': exactly one of value_as_string or value_as_string_list must be set");
          });
    }
    return new Record(converted);
  }

  public static List<io.quiver.protocol.v1.FeatureValue> fromRecord(Record record) {
    List<io.quiver.protocol.v1.FeatureValue> values = new ArrayList<>(record.values().size());
    for (FeatureValue v : record.values()) {
      io.quiver.protocol.v1.FeatureValue.Builder b =
          io.quiver.protocol.v1.FeatureValue.newBuilder().setFeatureName(v.featureName());
      if (v.valueAsStringList() != null) {
        b.setValueAsStringList(StringList.newBuilder().addAllValues(v.valueAsStringList()));
      } else {
        b.setValueAsString(v.valueAsString());
      }
      values.add(b.build());
    }
    return values;
  }

  public static RecordWriteOptions writeOptions(
      List<io.quiver.protocol.v1.TargetStore> stores,
      io.quiver.protocol.v1.@Nullable TtlDuration ttl) {
    Set<TargetStore> targets = EnumSet.noneOf(TargetStore.class);
    for (io.quiver.protocol.v1.TargetStore store : stores) {
      targets.add(
          switch (store) {
            case ONLINE_STORE -> TargetStore.ONLINE_STORE;
            case OFFLINE_STORE -> TargetStore.OFFLINE_STORE;
            default ->
                throw new ValidationException(
                    "Cannot accept TargetStores: "
                        + store
                        + " (expected: ONLINE_STORE or OFFLINE_STORE)");
          });
    }
    return new RecordWriteOptions(targets, ttl == null ? null : toTtl(ttl));
  }

  /** The wire form of {@code stores}; empty (every store of the group) for an empty set. */
  public static List<io.quiver.protocol.v1.TargetStore> fromTargetStores(Set<TargetStore> stores) {
    List<io.quiver.protocol.v1.TargetStore> wire = new ArrayList<>(stores.size());
    for (TargetStore store : stores) {
      wire.add(
          switch (store) {
            case ONLINE_STORE -> io.quiver.protocol.v1.TargetStore.ONLINE_STORE;
            case OFFLINE_STORE -> io.quiver.protocol.v1.TargetStore.OFFLINE_STORE;
          });
    }
    return wire;
  }

  public static TtlDuration toTtl(io.quiver.protocol.v1.TtlDuration ttl) {
    TtlUnit unit =
        switch (ttl.getUnit()) {
          case SECONDS -> TtlUnit.SECONDS;
          case MINUTES -> TtlUnit.MINUTES;
          case HOURS -> TtlUnit.HOURS;
          case DAYS -> TtlUnit.DAYS;
          case WEEKS -> TtlUnit.WEEKS;
          default ->
              throw new ValidationException(
                  "Cannot accept TtlDuration: unit "
                      + ttl.getUnit()
                      + " (expected: SECONDS to WEEKS)");
        };
    return TtlDuration.of(ttl.getValue(), unit);
  }

  public static io.quiver.protocol.v1.TtlDuration fromTtl(TtlDuration ttl) {
    return io.quiver.protocol.v1.TtlDuration.newBuilder()
        .setUnit(io.quiver.protocol.v1.TtlUnit.valueOf(ttl.unit().name()))
        .setValue(ttl.value())
        .build();
  }

  public static List<BatchGetRequest> toBatch(List<BatchGetRecordIdentifier> identifiers) {
    List<BatchGetRequest> requests = new ArrayList<>(identifiers.size());
    for (BatchGetRecordIdentifier id : identifiers) {
      requests.add(
          new BatchGetRequest(
              id.getFeatureGroupName(),
              id.getRecordIdentifiersValueAsStringList(),
              id.getFeatureNamesCount() == 0 ? null : id.getFeatureNamesList()));
    }
    return requests;
  }

  public static List<FeatureDefinition> toDefinitions(
      List<io.quiver.protocol.v1.FeatureDefinition> definitions) {
    List<FeatureDefinition> result = new ArrayList<>(definitions.size());
    for (io.quiver.protocol.v1.FeatureDefinition d : definitions) {
      FeatureType type =
          switch (d.getFeatureType()) {
            case INTEGRAL -> FeatureType.INTEGRAL;
            case FRACTIONAL -> FeatureType.FRACTIONAL;
            case STRING -> FeatureType.STRING;
            default ->
                throw new ValidationException(
                    "Cannot accept feature '" + d.getFeatureName() + "': feature_type is required");
          };
      CollectionType collection =
          switch (d.getCollectionType()) {
            case LIST -> CollectionType.LIST;
            case SET -> CollectionType.SET;
            case VECTOR -> CollectionType.VECTOR;
            default -> null;
          };
      result.add(
          new FeatureDefinition(
              d.getFeatureName(),
              type,
              collection,
              collection == CollectionType.VECTOR ? d.getVectorDimension() : null));
    }
    return result;
  }

  public static List<io.quiver.protocol.v1.FeatureDefinition> fromDefinitions(
      List<FeatureDefinition> definitions) {
    List<io.quiver.protocol.v1.FeatureDefinition> result = new ArrayList<>(definitions.size());
    for (FeatureDefinition d : definitions) {
      io.quiver.protocol.v1.FeatureDefinition.Builder b =
          io.quiver.protocol.v1.FeatureDefinition.newBuilder()
              .setFeatureName(d.name())
              .setFeatureType(io.quiver.protocol.v1.FeatureType.valueOf(d.type().name()));
      if (d.collectionType() != null) {
        b.setCollectionType(
            io.quiver.protocol.v1.CollectionType.valueOf(d.collectionType().name()));
      }
      if (d.vectorDimension() != null) {
        b.setVectorDimension(d.vectorDimension());
      }
      result.add(b.build());
    }
    return result;
  }

  public static FeatureGroupSpec toSpec(io.quiver.protocol.v1.CreateFeatureGroupRequest r) {
    FeatureGroupSpec.Builder b =
        FeatureGroupSpec.builder(r.getFeatureGroupName())
            .recordIdentifier(r.getRecordIdentifierFeatureName())
            .eventTime(r.getEventTimeFeatureName())
            .features(toDefinitions(r.getFeatureDefinitionsList()))
            .description(r.getDescription().isEmpty() ? null : r.getDescription());
    r.getTagsList().forEach(t -> b.tag(t.getKey(), t.getValue()));
    if (r.hasOnlineStoreConfig()) {
      b.onlineStore(toOnlineStore(r.getOnlineStoreConfig()));
    }
    if (r.hasOfflineStoreConfig()) {
      b.offlineStore(toOfflineStore(r.getOfflineStoreConfig()));
    }
    if (r.hasIngestTransform()) {
      b.ingestTransform(toIngestTransform(r.getIngestTransform()));
    }
    return b.build();
  }

  private static IngestTransformConfig toIngestTransform(io.quiver.protocol.v1.IngestTransform t) {
    return new IngestTransformConfig(t.getName(), t.getDefinition());
  }

  private static io.quiver.protocol.v1.IngestTransform fromIngestTransform(
      IngestTransformConfig t) {
    return io.quiver.protocol.v1.IngestTransform.newBuilder()
        .setName(t.name())
        .setDefinition(t.definition())
        .build();
  }

  private static OnlineStoreConfig toOnlineStore(io.quiver.protocol.v1.OnlineStoreConfig o) {
    return new OnlineStoreConfig(
        o.getEnableOnlineStore(),
        o.hasTtlDuration() ? toTtl(o.getTtlDuration()) : null,
        o.getInMemory() ? StorageType.IN_MEMORY : StorageType.STANDARD,
        null);
  }

  private static OfflineStoreConfig toOfflineStore(io.quiver.protocol.v1.OfflineStoreConfig o) {
    return new OfflineStoreConfig(
        o.getS3Uri(),
        null,
        o.getDisableGlueTableCreation(),
        null,
        o.getTableFormat().isEmpty()
            ? TableFormat.GLUE
            : TableFormat.fromWireName(o.getTableFormat()));
  }

  /** The request creating {@code spec}'s group: name, keys, features, stores and description. */
  public static io.quiver.protocol.v1.CreateFeatureGroupRequest createRequest(
      FeatureGroupSpec spec) {
    io.quiver.protocol.v1.CreateFeatureGroupRequest.Builder b =
        io.quiver.protocol.v1.CreateFeatureGroupRequest.newBuilder()
            .setFeatureGroupName(spec.featureGroupName())
            .setRecordIdentifierFeatureName(spec.recordIdentifierFeatureName())
            .setEventTimeFeatureName(spec.eventTimeFeatureName())
            .addAllFeatureDefinitions(fromDefinitions(spec.featureDefinitions()));
    if (spec.description() != null) {
      b.setDescription(spec.description());
    }
    for (Tag tag : spec.tags()) {
      b.addTags(io.quiver.protocol.v1.Tag.newBuilder().setKey(tag.key()).setValue(tag.value()));
    }
    OnlineStoreConfig online = spec.onlineStoreConfig();
    if (online != null) {
      b.setOnlineStoreConfig(fromOnlineStore(online));
    }
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    if (offline != null) {
      b.setOfflineStoreConfig(fromOfflineStore(offline, null));
    }
    if (spec.ingestTransform() != null) {
      b.setIngestTransform(fromIngestTransform(spec.ingestTransform()));
    }
    return b.build();
  }

  /**
   * The group a server described, for checking records on the client ({@link
   * FeatureGroup#describedRemotely}).
   */
  public static FeatureGroup toGroup(FeatureGroupDescription d) {
    FeatureGroupSpec.Builder b =
        FeatureGroupSpec.builder(d.getFeatureGroupName())
            .recordIdentifier(d.getRecordIdentifierFeatureName())
            .eventTime(d.getEventTimeFeatureName())
            .features(toDefinitions(d.getFeatureDefinitionsList()))
            .description(d.getDescription().isEmpty() ? null : d.getDescription());
    d.getTagsList().forEach(t -> b.tag(t.getKey(), t.getValue()));
    if (d.hasOnlineStoreConfig()) {
      b.onlineStore(toOnlineStore(d.getOnlineStoreConfig()));
    }
    if (d.hasOfflineStoreConfig()) {
      b.offlineStore(toOfflineStore(d.getOfflineStoreConfig()));
    }
    if (d.hasIngestTransform()) {
      b.ingestTransform(toIngestTransform(d.getIngestTransform()));
    }
    return FeatureGroup.describedRemotely(
        b.build(),
        d.getFeatureGroupArn(),
        Instant.ofEpochMilli(d.getCreationTimeMillis()),
        Instant.ofEpochMilli(d.getLastModifiedTimeMillis()));
  }

  public static ThroughputConfig mergeThroughput(
      @Nullable ThroughputConfig current, ThroughputUpdate update) {
    ThroughputConfig base = current == null ? ThroughputConfig.onDemand() : current;
    return new ThroughputConfig(
        update.hasThroughputMode()
            ? ThroughputMode.fromWireName(update.getThroughputMode())
            : base.throughputMode(),
        update.hasProvisionedReadCapacityUnits()
            ? Long.valueOf(update.getProvisionedReadCapacityUnits())
            : base.provisionedReadCapacityUnits(),
        update.hasProvisionedWriteCapacityUnits()
            ? Long.valueOf(update.getProvisionedWriteCapacityUnits())
            : base.provisionedWriteCapacityUnits());
  }

  public static String offlineStoreStatus(FeatureGroup group) {
    return group.spec().hasOfflineStore() ? "Active" : "Disabled";
  }

  public static FeatureGroupDescription describe(
      FeatureGroup group, @Nullable String resolvedOutputS3Uri) {
    FeatureGroupSpec spec = group.spec();
    FeatureGroupDescription.Builder b =
        FeatureGroupDescription.newBuilder()
            .setFeatureGroupArn(group.arn())
            .setFeatureGroupName(group.name())
            .setRecordIdentifierFeatureName(spec.recordIdentifierFeatureName())
            .setEventTimeFeatureName(spec.eventTimeFeatureName())
            .addAllFeatureDefinitions(fromDefinitions(spec.featureDefinitions()))
            .setCreationTimeMillis(group.creationTime().toEpochMilli())
            .setLastModifiedTimeMillis(group.lastModifiedTime().toEpochMilli())
            .setFeatureGroupStatus("Created")
            .setOfflineStoreStatus(offlineStoreStatus(group));
    if (spec.description() != null) {
      b.setDescription(spec.description());
    }
    for (Tag tag : spec.tags()) {
      b.addTags(io.quiver.protocol.v1.Tag.newBuilder().setKey(tag.key()).setValue(tag.value()));
    }
    OnlineStoreConfig online = spec.onlineStoreConfig();
    if (online != null) {
      b.setOnlineStoreConfig(fromOnlineStore(online));
    }
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    if (offline != null) {
      b.setOfflineStoreConfig(fromOfflineStore(offline, resolvedOutputS3Uri));
    }
    if (spec.ingestTransform() != null) {
      b.setIngestTransform(fromIngestTransform(spec.ingestTransform()));
    }
    return b.build();
  }

  private static io.quiver.protocol.v1.OnlineStoreConfig fromOnlineStore(OnlineStoreConfig online) {
    io.quiver.protocol.v1.OnlineStoreConfig.Builder o =
        io.quiver.protocol.v1.OnlineStoreConfig.newBuilder()
            .setEnableOnlineStore(online.enableOnlineStore())
            .setInMemory(online.storageType() == StorageType.IN_MEMORY);
    if (online.ttlDuration() != null) {
      o.setTtlDuration(fromTtl(online.ttlDuration()));
    }
    return o.build();
  }

  private static io.quiver.protocol.v1.OfflineStoreConfig fromOfflineStore(
      OfflineStoreConfig offline, @Nullable String resolvedOutputS3Uri) {
    return io.quiver.protocol.v1.OfflineStoreConfig.newBuilder()
        .setS3Uri(offline.s3Uri())
        .setDisableGlueTableCreation(offline.disableGlueTableCreation())
        .setTableFormat(offline.tableFormat().wireName())
        .setResolvedOutputS3Uri(resolvedOutputS3Uri == null ? "" : resolvedOutputS3Uri)
        .build();
  }

  public static FeatureGroupSummary summary(FeatureGroup group) {
    return FeatureGroupSummary.newBuilder()
        .setFeatureGroupName(group.name())
        .setFeatureGroupArn(group.arn())
        .setCreationTimeMillis(group.creationTime().toEpochMilli())
        .setFeatureGroupStatus("Created")
        .setOfflineStoreStatus(offlineStoreStatus(group))
        .build();
  }
}
