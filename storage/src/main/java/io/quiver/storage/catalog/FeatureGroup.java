package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A feature group as the catalog holds it: its definition plus what the engine assigned (internal
 * id, ARN, times). Immutable and thread-safe; an update produces a new instance.
 *
 * <p>A class rather than a record because it carries a name-to-position index derived from the
 * definitions, built once and shared by every read and write of the group.
 */
public final class FeatureGroup {
  /** The {@link #id()} of a group described by a server rather than held by a local catalog. */
  public static final long REMOTE_ID = -1;

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z\\-]*:sagemaker:([a-z0-9\\-]*):([0-9]{12}):feature-group/(.+)");

  private final long id;
  private final FeatureGroupSpec spec;
  private final String arn;
  private final Instant creationTime;
  private final Instant lastModifiedTime;
  private final Map<String, FeatureMetadata> featureMetadata;
  private final Map<String, Integer> positions;
  private final int recordIdentifierPosition;
  private final int eventTimePosition;
  private final String offlineStoreDataPath;

  /**
   * A stored group as the store's catalog restores it: {@code id} is its key prefix within the
   * store, {@code account} and {@code region} place its offline files, and {@code spec} has passed
   * the creation rules (it defines its record identifier and event time features). Other code gets
   * groups from {@code QuiverStore} or {@link #describedRemotely}.
   */
  public FeatureGroup(
      long id,
      FeatureGroupSpec spec,
      String arn,
      Instant creationTime,
      Instant lastModifiedTime,
      Map<String, FeatureMetadata> featureMetadata,
      String account,
      String region) {
    this.id = id;
    this.spec = requireNonNull(spec, "spec");
    this.arn = requireNonNull(arn, "arn");
    this.creationTime = requireNonNull(creationTime, "creationTime");
    this.lastModifiedTime = requireNonNull(lastModifiedTime, "lastModifiedTime");
    this.featureMetadata = Map.copyOf(featureMetadata);
    Map<String, Integer> index = new HashMap<>();
    List<FeatureDefinition> definitions = spec.featureDefinitions();
    for (int i = 0; i < definitions.size(); i++) {
      index.put(definitions.get(i).name(), i);
    }
    this.positions = Map.copyOf(index);
    this.recordIdentifierPosition = positions.get(spec.recordIdentifierFeatureName());
    this.eventTimePosition = positions.get(spec.eventTimeFeatureName());
    this.offlineStoreDataPath =
        account + "/sagemaker/" + region + "/offline-store/" + offlineStoreFolderName() + "/data";
  }

  /**
   * A group as a Quiver server described it (DescribeFeatureGroup), for clients that check records
   * against the group's rules before sending them, as {@code quiver import --endpoint} does. There
   * is no local catalog behind it: {@link #id()} is {@link #REMOTE_ID}, feature metadata is empty,
   * and the account and region of {@link #offlineStoreDataPath()} come from the ARN. Use it to
   * check and encode records, never to address local storage.
   *
   * @throws IllegalArgumentException if {@code arn} is not a feature group ARN naming {@code
   *     spec}'s group, or {@code spec} does not define its record identifier or event time feature
   */
  public static FeatureGroup describedRemotely(
      FeatureGroupSpec spec, String arn, Instant creationTime, Instant lastModifiedTime) {
    requireNonNull(spec, "spec");
    Matcher m = ARN.matcher(requireNonNull(arn, "arn"));
    if (!m.matches() || !m.group(3).equals(spec.featureGroupName())) {
      throw new IllegalArgumentException(
          "arn: "
              + arn
              + " (expected: arn:aws:sagemaker:<region>:<account>:feature-group/"
              + spec.featureGroupName()
              + ")");
    }
    for (String key : List.of(spec.recordIdentifierFeatureName(), spec.eventTimeFeatureName())) {
      if (spec.featureDefinitions().stream().noneMatch(d -> d.name().equals(key))) {
        throw new IllegalArgumentException(
            "spec: feature '" + key + "' is not defined (expected: a definition for it)");
      }
    }
    return new FeatureGroup(
        REMOTE_ID, spec, arn, creationTime, lastModifiedTime, Map.of(), m.group(2), m.group(1));
  }

  /**
   * The engine's internal id of the group: unique for the life of a data directory, never reused,
   * so a group re-created under an old name never sees the old group's data; {@link #REMOTE_ID} for
   * a group {@linkplain #describedRemotely described by a server}.
   */
  public long id() {
    return id;
  }

  /** The group's name. */
  public String name() {
    return spec.featureGroupName();
  }

  /** The definition, including every feature added since creation. */
  public FeatureGroupSpec spec() {
    return spec;
  }

  /** The ARN, {@code arn:aws:sagemaker:<region>:<account>:feature-group/<name>}. */
  public String arn() {
    return arn;
  }

  /** When the group was created. */
  public Instant creationTime() {
    return creationTime;
  }

  /** When the group's definition last changed. */
  public Instant lastModifiedTime() {
    return lastModifiedTime;
  }

  /** Metadata of the features that have any, by feature name. */
  public Map<String, FeatureMetadata> featureMetadata() {
    return featureMetadata;
  }

  /** The features in definition order. */
  public List<FeatureDefinition> features() {
    return spec.featureDefinitions();
  }

  /** The position of feature {@code name} in {@link #features()}, or -1 if there is none. */
  public int position(String name) {
    Integer position = positions.get(name);
    return position == null ? -1 : position;
  }

  /** The definition of feature {@code name}, if the group has it. */
  public Optional<FeatureDefinition> feature(String name) {
    int position = position(name);
    return position < 0 ? Optional.empty() : Optional.of(features().get(position));
  }

  /** The position of the record identifier feature. */
  public int recordIdentifierPosition() {
    return recordIdentifierPosition;
  }

  /** The position of the event time feature. */
  public int eventTimePosition() {
    return eventTimePosition;
  }

  /** The definition of the record identifier feature. */
  public FeatureDefinition recordIdentifier() {
    return features().get(recordIdentifierPosition);
  }

  /** The definition of the event time feature. */
  public FeatureDefinition eventTime() {
    return features().get(eventTimePosition);
  }

  /** The group's default online TTL, if it has one. */
  public @Nullable TtlDuration defaultTtl() {
    OnlineStoreConfig online = spec.onlineStoreConfig();
    return online == null ? null : online.ttlDuration();
  }

  /**
   * The folder name SageMaker gives the group in its offline store layout: {@code <name>-<creation
   * epoch seconds>}.
   */
  public String offlineStoreFolderName() {
    return name() + "-" + creationTime.getEpochSecond();
  }

  /**
   * The path of the group's offline data folder below its offline store's base location: {@code
   * <account>/sagemaker/<region>/offline-store/<name>-<creation epoch seconds>/data}, SageMaker's
   * layout. Hourly partitions {@code year=/month=/day=/hour=} of event time lie below it.
   */
  public String offlineStoreDataPath() {
    return offlineStoreDataPath;
  }

  /**
   * What DescribeFeatureGroup reports as {@code ResolvedOutputS3Uri}: the base location followed by
   * {@link #offlineStoreDataPath()}; {@code null} if the group has no offline store.
   */
  public @Nullable String resolvedOutputS3Uri() {
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    if (offline == null) {
      return null;
    }
    String base = offline.s3Uri();
    return (base.endsWith("/") ? base : base + "/") + offlineStoreDataPath;
  }

  @Override
  public String toString() {
    return "FeatureGroup[" + name() + ", id=" + id + "]";
  }
}
