package io.quiver.spark.group;

import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the connector needs of a feature group, small and serializable so that Spark ships it to
 * executors: names, ARN, creation time, the feature definitions and the stores.
 *
 * @param name the group's name
 * @param arn the group's ARN
 * @param creationTimeMillis the creation time (names the offline folder)
 * @param recordIdentifier the record identifier feature
 * @param eventTime the event time feature
 * @param features the definitions, in definition order
 * @param onlineStore whether the group has an online store
 * @param offlineBaseUri the offline store's base location ({@code S3Uri}), or {@code null}
 * @param resolvedOutputUri the group's offline data folder ({@code ResolvedOutputS3Uri}), or {@code
 *     null}
 */
public record GroupHandle(
    String name,
    String arn,
    long creationTimeMillis,
    String recordIdentifier,
    String eventTime,
    List<Feature> features,
    boolean onlineStore,
    @Nullable String offlineBaseUri,
    @Nullable String resolvedOutputUri)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the features. */
  public GroupHandle {
    features = List.copyOf(features);
  }

  /**
   * One feature definition in wire names.
   *
   * @param name the feature name
   * @param type {@code Integral}, {@code Fractional} or {@code String}
   * @param collectionType {@code List}, {@code Set}, {@code Vector} or {@code null}
   * @param dimension a vector's dimension, else {@code null}
   */
  public record Feature(
      String name, String type, @Nullable String collectionType, @Nullable Integer dimension)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The handle of a group held by a local catalog or described by a server. */
  public static GroupHandle of(FeatureGroup group) {
    List<Feature> features = new ArrayList<>();
    for (FeatureDefinition d : group.features()) {
      CollectionType collection = d.collectionType();
      features.add(
          new Feature(
              d.name(),
              d.type().wireName(),
              collection == null ? null : collection.wireName(),
              d.vectorDimension()));
    }
    FeatureGroupSpec spec = group.spec();
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    return new GroupHandle(
        group.name(),
        group.arn(),
        group.creationTime().toEpochMilli(),
        spec.recordIdentifierFeatureName(),
        spec.eventTimeFeatureName(),
        features,
        spec.hasOnlineStore(),
        offline == null ? null : offline.s3Uri(),
        group.resolvedOutputS3Uri());
  }

  /**
   * The group as storage's type, for checking and encoding records; it addresses no local storage.
   */
  public FeatureGroup toFeatureGroup() {
    List<FeatureDefinition> definitions = new ArrayList<>();
    for (Feature f : features) {
      definitions.add(
          new FeatureDefinition(
              f.name(),
              FeatureType.fromWireName(f.type()),
              f.collectionType() == null ? null : CollectionType.fromWireName(f.collectionType()),
              f.dimension()));
    }
    FeatureGroupSpec spec =
        FeatureGroupSpec.builder(name)
            .recordIdentifier(recordIdentifier)
            .eventTime(eventTime)
            .features(definitions)
            .onlineStore(onlineStore ? OnlineStoreConfig.enabled() : null)
            .offlineStore(offlineBaseUri == null ? null : OfflineStoreConfig.at(offlineBaseUri))
            .build();
    Instant created = Instant.ofEpochMilli(creationTimeMillis);
    return FeatureGroup.describedRemotely(spec, arn, created, created);
  }

  /** The group's folder in the offline layout: the data folder's parent. */
  public String offlineGroupFolder() {
    String data = requireOfflineData();
    return data.substring(0, data.length() - "/data".length());
  }

  /**
   * The group's offline data folder.
   *
   * @throws IllegalArgumentException if the group has no offline store
   */
  public String requireOfflineData() {
    if (resolvedOutputUri == null) {
      throw new IllegalArgumentException(
          "Feature group " + name + " has no offline store (expected: a group with one)");
    }
    return resolvedOutputUri;
  }
}
