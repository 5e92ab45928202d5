package io.quiver.query.history;

import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.parquet.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns a feature group exposes: its features in definition order (collection features as
 * lists of their element type), then {@code write_time}, {@code api_invocation_time}, {@code
 * is_deleted} and {@code event_timestamp} (the event time as a timestamp; named {@code
 * quiver_event_timestamp} in a group that has a feature called {@code event_timestamp}). Immutable.
 */
public final class HistoryLayout {
  /** When the row was written to the offline store. */
  public static final String WRITE_TIME = "write_time";

  /** When the PutRecord or DeleteRecord call was received. */
  public static final String API_INVOCATION_TIME = "api_invocation_time";

  /** Whether the row is a deletion marker. */
  public static final String IS_DELETED = "is_deleted";

  /** The event time feature converted to a timestamp. */
  public static final String EVENT_TIMESTAMP = "event_timestamp";

  /**
   * The name of that column in a group with a feature called {@link #EVENT_TIMESTAMP} (SageMaker
   * reserves only the other three names, so a group may have one).
   */
  public static final String EVENT_TIMESTAMP_IN_CLASH = "quiver_event_timestamp";

  private final FeatureGroup group;
  private final List<FeatureDefinition> features;
  private final String eventTimestampName;

  private HistoryLayout(FeatureGroup group) {
    this.group = group;
    this.features = List.copyOf(group.features());
    this.eventTimestampName =
        feature(EVENT_TIMESTAMP).isPresent() ? EVENT_TIMESTAMP_IN_CLASH : EVENT_TIMESTAMP;
  }

  /** The layout of {@code group}. */
  public static HistoryLayout of(FeatureGroup group) {
    return new HistoryLayout(group);
  }

  /** The group. */
  public FeatureGroup group() {
    return group;
  }

  /** The exposed features, in column order. */
  public List<FeatureDefinition> features() {
    return features;
  }

  /** The exposed feature named {@code name}, if any. */
  public Optional<FeatureDefinition> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Every column name, in order. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>();
    features.forEach(f -> names.add(f.name()));
    names.addAll(List.of(WRITE_TIME, API_INVOCATION_TIME, IS_DELETED, eventTimestampName));
    return names;
  }

  /**
   * The name of the event-time timestamp column: {@link #EVENT_TIMESTAMP}, or {@link
   * #EVENT_TIMESTAMP_IN_CLASH} where a feature already has that name.
   */
  public String eventTimestampName() {
    return eventTimestampName;
  }

  /** The column index of the record identifier. */
  public int recordIdentifierColumn() {
    return features.indexOf(group.recordIdentifier());
  }

  /** The column index of {@code event_timestamp}. */
  public int eventTimestampColumn() {
    return features.size() + 3;
  }

  /** The in-memory kind of a feature's values (of each element, for a collection). */
  public static ColumnKind kindOf(FeatureType type) {
    return switch (type) {
      case INTEGRAL -> ColumnKind.LONG;
      case FRACTIONAL -> ColumnKind.DOUBLE;
      case STRING -> ColumnKind.STRING;
    };
  }

  /** How to read {@code feature} from an offline file: a scalar, or a LIST of its element kind. */
  public static ColumnSpec spec(FeatureDefinition feature) {
    return feature.isCollection()
        ? ColumnSpec.list(feature.name(), kindOf(feature.type()))
        : new ColumnSpec(feature.name(), kindOf(feature.type()));
  }
}
