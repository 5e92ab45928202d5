package io.quiver.query.source;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.record.FeatureValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of a feature group's offline history, as the offline store will write it: the feature
 * values by definition position plus the three columns SageMaker adds.
 *
 * <p>Values use the SQL mapping: a String feature is a {@link String}, Integral a {@link Long},
 * Fractional a {@link Double}, a collection feature a {@link List} of those ({@link #sqlValue}). A
 * deletion marker holds only the record identifier and event time. The array is owned by the row:
 * callers must not modify it.
 *
 * @param values the feature values in the order of {@code FeatureGroup.features()}; shorter arrays
 *     mean the missing (later-added) features are null
 * @param writeTimeMicros when the row was written to the offline store, microseconds since the
 *     epoch; for a staged row not yet written, the source reports its API invocation time
 * @param apiInvocationTimeMicros when the PutRecord or DeleteRecord call was received
 * @param deleted whether the row is a deletion marker (DeleteRecord or TTL expiry)
 */
public record OfflineRow(
    @Nullable Object[] values,
    long writeTimeMicros,
    long apiInvocationTimeMicros,
    boolean deleted) {

  /** Checks that the values are present. */
  public OfflineRow {
    requireNonNull(values, "values");
  }

  /** The value of the feature at {@code position}, or {@code null}. */
  public @Nullable Object value(int position) {
    return position < values.length ? values[position] : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OfflineRow r
        && Arrays.equals(values, r.values)
        && writeTimeMicros == r.writeTimeMicros
        && apiInvocationTimeMicros == r.apiInvocationTimeMicros
        && deleted == r.deleted;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + Long.hashCode(writeTimeMicros) + (deleted ? 1 : 0);
  }

  @Override
  public String toString() {
    return "OfflineRow"
        + Arrays.toString(values)
        + "[write="
        + writeTimeMicros
        + ", api="
        + apiInvocationTimeMicros
        + ", deleted="
        + deleted
        + "]";
  }

  /**
   * A feature value as SQL sees it: a String feature a {@link String}, Integral a {@link Long},
   * Fractional a {@link Double}, a collection a {@link List} of those, a missing value null.
   *
   * @throws NumberFormatException if a number does not parse (the store checked it on write)
   */
  public static @Nullable Object sqlValue(FeatureDefinition feature, FeatureValue value) {
    if (feature.isCollection()) {
      List<String> texts = value.valueAsStringList();
      if (texts == null) {
        return null;
      }
      List<Object> elements = new ArrayList<>(texts.size());
      for (String text : texts) {
        elements.add(scalar(feature.type(), text));
      }
      return elements;
    }
    String text = value.valueAsString();
    return text == null ? null : scalar(feature.type(), text);
  }

  private static Object scalar(FeatureType type, String text) {
    return switch (type) {
      case STRING -> text;
      case INTEGRAL -> Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      case FRACTIONAL -> Double.parseDouble(text);
    };
  }
}
