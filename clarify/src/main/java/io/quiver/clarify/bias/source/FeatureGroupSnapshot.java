package io.quiver.clarify.bias.source;

import static io.quiver.clarify.bias.source.OfflineStoreQuery.quote;

import io.quiver.query.history.HistoryLayout;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineHistory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A feature group's records as a training set sees them: per record identifier, the latest record
 * of the offline store, unless that record is a deletion. Stateless.
 *
 * <p>This is SageMaker's documented "latest snapshot" query: rank each identifier's rows by event
 * time, then API invocation time, then write time, all descending; keep rank 1 when it is not a
 * deletion marker. Staged rows (not yet flushed) take part. A null {@code is_deleted} (files from
 * other engines) counts as not deleted; null times rank last. The rows come in event time order,
 * then by identifier, so that one-vs-rest facet values (listed in order of first appearance) come
 * in a stable order. Calcite ranks and sorts in memory: this source holds the group's history while
 * the query runs, unlike the file sources.
 */
final class FeatureGroupSnapshot {
  private static final String RANK = "quiver_snapshot_rank";

  private FeatureGroupSnapshot() {}

  /**
   * Opens the snapshot rows of {@code group}.
   *
   * @throws ResourceNotFoundException if there is no such group
   * @throws ValidationException if the group has no offline store or lacks a column
   */
  static BiasRowSource open(OfflineHistory history, String group, BiasColumns columns) {
    FeatureGroup found = find(history, group);
    String name = "feature group '" + group + "'";
    List<String> available = HistoryLayout.of(found).columnNames();
    for (String column : columns.names()) {
      if (!available.contains(column)) {
        throw new ValidationException(
            "Cannot read "
                + name
                + ": no column '"
                + column
                + "' (columns: "
                + String.join(", ", available)
                + ")");
      }
    }
    return OfflineStoreQuery.run(history, sql(found, columns), name, columns);
  }

  /** The snapshot query selecting {@code columns} of {@code group}. */
  static String sql(FeatureGroup group, BiasColumns columns) {
    Set<String> names = new LinkedHashSet<>(columns.names());
    String eventTimestamp = HistoryLayout.of(group).eventTimestampName();
    String selected = String.join(", ", names.stream().map(OfflineStoreQuery::quote).toList());
    // the inner query also carries what the outer query filters and sorts on
    names.addAll(
        List.of(
            HistoryLayout.IS_DELETED,
            eventTimestamp,
            group.eventTime().name(),
            group.recordIdentifier().name()));
    String inner = String.join(", ", names.stream().map(OfflineStoreQuery::quote).toList());
    return "SELECT "
        + selected
        + " FROM (SELECT "
        + inner
        + ", ROW_NUMBER() OVER (PARTITION BY "
        + quote(group.recordIdentifier().name())
        + " ORDER BY "
        + quote(eventTimestamp)
        + " DESC NULLS LAST, "
        + fractionalEventTime(group, " DESC NULLS LAST")
        + quote(HistoryLayout.API_INVOCATION_TIME)
        + " DESC NULLS LAST, "
        + quote(HistoryLayout.WRITE_TIME)
        + " DESC NULLS LAST) AS "
        + quote(RANK)
        + " FROM "
        + quote(group.name())
        + ") WHERE "
        + quote(RANK)
        + " = 1 AND "
        + quote(HistoryLayout.IS_DELETED)
        + " IS NOT TRUE ORDER BY "
        + quote(eventTimestamp)
        + ", "
        + fractionalEventTime(group, "")
        + quote(group.recordIdentifier().name());
  }

  /** A Fractional event time also orders below SQL's millisecond timestamps. */
  private static String fractionalEventTime(FeatureGroup group, String direction) {
    FeatureDefinition eventTime = group.eventTime();
    return eventTime.type() == FeatureType.FRACTIONAL
        ? quote(eventTime.name()) + direction + ", "
        : "";
  }

  private static FeatureGroup find(OfflineHistory history, String group) {
    List<String> names = new ArrayList<>();
    for (FeatureGroup candidate : history.featureGroups()) {
      if (candidate.name().equals(group)) {
        if (!candidate.spec().hasOfflineStore()) {
          throw new ValidationException(
              "Cannot read feature group '" + group + "': it has no offline store");
        }
        return candidate;
      }
      names.add(candidate.name());
    }
    names.sort(null);
    throw new ResourceNotFoundException(
        "Cannot read feature group '"
            + group
            + "': no such feature group (groups: "
            + (names.isEmpty() ? "none" : String.join(", ", names))
            + ")");
  }
}
