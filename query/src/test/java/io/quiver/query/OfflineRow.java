package io.quiver.query;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Test fixture: one row of a feature group's offline history, as the offline store writes it: the
 * feature values by definition position plus the three columns SageMaker adds.
 *
 * <p>Values use the SQL mapping: a String feature is a {@link String}, Integral a {@link Long},
 * Fractional a {@link Double}, a collection feature a {@link java.util.List} of those. A deletion
 * marker holds only the record identifier and event time. The array is owned by the row: callers
 * must not modify it.
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
}
