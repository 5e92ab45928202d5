package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a CreateFeatureGroup request asks for. Built with {@link #builder(String)}; the rules of
 * SageMaker's control plane are checked when the catalog creates the group.
 *
 * @param featureGroupName the unique name
 * @param recordIdentifierFeatureName the feature whose value identifies a record
 * @param eventTimeFeatureName the feature holding each record's event time
 * @param featureDefinitions the features, in order; only ever appended to
 * @param onlineStoreConfig the online store, or {@code null} for none
 * @param offlineStoreConfig the offline store, or {@code null} for none
 * @param throughputConfig kept and described back, or {@code null}
 * @param roleArn kept and described back, or {@code null}
 * @param description a free text of at most 128 characters, or {@code null}
 * @param tags at most 50 tags
 * @param ingestTransform the transform applied to every record written to the group, or {@code
 *     null} for none; only set at creation
 */
public record FeatureGroupSpec(
    String featureGroupName,
    String recordIdentifierFeatureName,
    String eventTimeFeatureName,
    List<FeatureDefinition> featureDefinitions,
    @Nullable OnlineStoreConfig onlineStoreConfig,
    @Nullable OfflineStoreConfig offlineStoreConfig,
    @Nullable ThroughputConfig throughputConfig,
    @Nullable String roleArn,
    @Nullable String description,
    List<Tag> tags,
    @Nullable IngestTransformConfig ingestTransform) {

  /** Copies the lists and checks that the required parts are present. */
  public FeatureGroupSpec {
    requireNonNull(featureGroupName, "featureGroupName");
    requireNonNull(recordIdentifierFeatureName, "recordIdentifierFeatureName");
    requireNonNull(eventTimeFeatureName, "eventTimeFeatureName");
    featureDefinitions = List.copyOf(featureDefinitions);
    tags = List.copyOf(tags);
  }

  /** A spec without an ingest transform. */
  public FeatureGroupSpec(
      String featureGroupName,
      String recordIdentifierFeatureName,
      String eventTimeFeatureName,
      List<FeatureDefinition> featureDefinitions,
      @Nullable OnlineStoreConfig onlineStoreConfig,
      @Nullable OfflineStoreConfig offlineStoreConfig,
      @Nullable ThroughputConfig throughputConfig,
      @Nullable String roleArn,
      @Nullable String description,
      List<Tag> tags) {
    this(
        featureGroupName,
        recordIdentifierFeatureName,
        eventTimeFeatureName,
        featureDefinitions,
        onlineStoreConfig,
        offlineStoreConfig,
        throughputConfig,
        roleArn,
        description,
        tags,
        null);
  }

  /** Starts a spec for a group named {@code featureGroupName}. */
  public static Builder builder(String featureGroupName) {
    return new Builder(featureGroupName);
  }

  /** Whether the group keeps its latest records online. */
  public boolean hasOnlineStore() {
    return onlineStoreConfig != null && onlineStoreConfig.enableOnlineStore();
  }

  /** Whether the group keeps its history offline. */
  public boolean hasOfflineStore() {
    return offlineStoreConfig != null;
  }

  /** A copy with {@code additions} appended to the feature definitions. */
  public FeatureGroupSpec withAddedFeatures(List<FeatureDefinition> additions) {
    List<FeatureDefinition> all = new ArrayList<>(featureDefinitions);
    all.addAll(additions);
    return new FeatureGroupSpec(
        featureGroupName,
        recordIdentifierFeatureName,
        eventTimeFeatureName,
        all,
        onlineStoreConfig,
        offlineStoreConfig,
        throughputConfig,
        roleArn,
        description,
        tags,
        ingestTransform);
  }

  /** A copy with another online store configuration. */
  public FeatureGroupSpec withOnlineStoreConfig(@Nullable OnlineStoreConfig config) {
    return new FeatureGroupSpec(
        featureGroupName,
        recordIdentifierFeatureName,
        eventTimeFeatureName,
        featureDefinitions,
        config,
        offlineStoreConfig,
        throughputConfig,
        roleArn,
        description,
        tags,
        ingestTransform);
  }

  /** A copy with another offline store configuration. */
  public FeatureGroupSpec withOfflineStoreConfig(@Nullable OfflineStoreConfig config) {
    return new FeatureGroupSpec(
        featureGroupName,
        recordIdentifierFeatureName,
        eventTimeFeatureName,
        featureDefinitions,
        onlineStoreConfig,
        config,
        throughputConfig,
        roleArn,
        description,
        tags,
        ingestTransform);
  }

  /** A copy with another throughput configuration. */
  public FeatureGroupSpec withThroughputConfig(@Nullable ThroughputConfig config) {
    return new FeatureGroupSpec(
        featureGroupName,
        recordIdentifierFeatureName,
        eventTimeFeatureName,
        featureDefinitions,
        onlineStoreConfig,
        offlineStoreConfig,
        config,
        roleArn,
        description,
        tags,
        ingestTransform);
  }

  /** A copy with {@code newTags} as its tags. */
  public FeatureGroupSpec withTags(List<Tag> newTags) {
    return new FeatureGroupSpec(
        featureGroupName,
        recordIdentifierFeatureName,
        eventTimeFeatureName,
        featureDefinitions,
        onlineStoreConfig,
        offlineStoreConfig,
        throughputConfig,
        roleArn,
        description,
        newTags,
        ingestTransform);
  }

  /** Builds a {@link FeatureGroupSpec}; not thread-safe. */
  public static final class Builder {
    private final String featureGroupName;
    private @Nullable String recordIdentifierFeatureName;
    private @Nullable String eventTimeFeatureName;
    private final List<FeatureDefinition> features = new ArrayList<>();
    private @Nullable OnlineStoreConfig onlineStoreConfig;
    private @Nullable OfflineStoreConfig offlineStoreConfig;
    private @Nullable ThroughputConfig throughputConfig;
    private @Nullable String roleArn;
    private @Nullable String description;
    private final List<Tag> tags = new ArrayList<>();
    private @Nullable IngestTransformConfig ingestTransform;

    private Builder(String featureGroupName) {
      this.featureGroupName = featureGroupName;
    }

    /** Names the record identifier feature. */
    public Builder recordIdentifier(String featureName) {
      this.recordIdentifierFeatureName = featureName;
      return this;
    }

    /** Names the event time feature. */
    public Builder eventTime(String featureName) {
      this.eventTimeFeatureName = featureName;
      return this;
    }

    /** Adds a scalar feature. */
    public Builder feature(String name, FeatureType type) {
      return feature(FeatureDefinition.of(name, type));
    }

    /** Adds a feature. */
    public Builder feature(FeatureDefinition definition) {
      features.add(requireNonNull(definition, "definition"));
      return this;
    }

    /** Adds features. */
    public Builder features(List<FeatureDefinition> definitions) {
      definitions.forEach(this::feature);
      return this;
    }

    /** Sets the online store. */
    public Builder onlineStore(@Nullable OnlineStoreConfig config) {
      this.onlineStoreConfig = config;
      return this;
    }

    /** Sets the offline store. */
    public Builder offlineStore(@Nullable OfflineStoreConfig config) {
      this.offlineStoreConfig = config;
      return this;
    }

    /** Sets the throughput configuration. */
    public Builder throughput(@Nullable ThroughputConfig config) {
      this.throughputConfig = config;
      return this;
    }

    /** Sets the role ARN. */
    public Builder roleArn(@Nullable String arn) {
      this.roleArn = arn;
      return this;
    }

    /** Sets the description. */
    public Builder description(@Nullable String text) {
      this.description = text;
      return this;
    }

    /** Adds a tag. */
    public Builder tag(String key, String value) {
      tags.add(new Tag(key, value));
      return this;
    }

    /** Sets the transform applied to every record written to the group. */
    public Builder ingestTransform(@Nullable IngestTransformConfig config) {
      this.ingestTransform = config;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @throws ValidationException if the record identifier or event time feature is not named
     */
    public FeatureGroupSpec build() {
      if (recordIdentifierFeatureName == null) {
        throw new ValidationException(
            "Cannot create feature group "
                + featureGroupName
                + ": RecordIdentifierFeatureName is required");
      }
      if (eventTimeFeatureName == null) {
        throw new ValidationException(
            "Cannot create feature group "
                + featureGroupName
                + ": EventTimeFeatureName is required");
      }
      return new FeatureGroupSpec(
          featureGroupName,
          recordIdentifierFeatureName,
          eventTimeFeatureName,
          features,
          onlineStoreConfig,
          offlineStoreConfig,
          throughputConfig,
          roleArn,
          description,
          tags,
          ingestTransform);
    }
  }
}
