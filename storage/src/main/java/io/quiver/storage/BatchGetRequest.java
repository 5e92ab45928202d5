package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a BatchGetRecord: some record identifiers of one feature group.
 *
 * @param featureGroupName the group's name or ARN
 * @param recordIdentifiers the identifiers, as strings
 * @param featureNames the features to return, or {@code null} for all
 */
public record BatchGetRequest(
    String featureGroupName, List<String> recordIdentifiers, @Nullable List<String> featureNames) {
  /** Copies the lists. */
  public BatchGetRequest {
    requireNonNull(featureGroupName, "featureGroupName");
    recordIdentifiers = List.copyOf(recordIdentifiers);
    featureNames = featureNames == null ? null : List.copyOf(featureNames);
  }
}
