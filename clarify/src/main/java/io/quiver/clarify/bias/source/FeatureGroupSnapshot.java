package io.quiver.clarify.bias.source;

import static io.quiver.query.QuiverSql.identifier;

import io.quiver.query.QuiverSql;
import io.quiver.query.history.HistoryLayout;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineHistory;
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
    FeatureGroup found = history.offlineGroup(group, "read");
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
    String selected = String.join(", ", names.stream().map(QuiverSql::identifier).toList());
    // the inner query also carries what the outer query filters and sorts on
    names.addAll(
        List.of(
            HistoryLayout.IS_DELETED,
            eventTimestamp,
            group.eventTime().name(),
            group.recordIdentifier().name()));
    String inner = String.join(", ", names.stream().map(QuiverSql::identifier).toList());
    return "SELECT "
        + selected
        + " FROM (SELECT "
        + inner
        + ", ROW_NUMBER() OVER (PARTITION BY "
        + identifier(group.recordIdentifier().name())
        + " ORDER BY "
        + identifier(eventTimestamp)
        + " DESC NULLS LAST, "
        + fractionalEventTime(group, " DESC NULLS LAST")
        + identifier(HistoryLayout.API_INVOCATION_TIME)
        + " DESC NULLS LAST, "
        + identifier(HistoryLayout.WRITE_TIME)
        + " DESC NULLS LAST) AS "
        + identifier(RANK)
        + " FROM "
        + identifier(group.name())
        + ") WHERE "
        + identifier(RANK)
        + " = 1 AND "
        + identifier(HistoryLayout.IS_DELETED)
        + " IS NOT TRUE ORDER BY "
        + identifier(eventTimestamp)
        + ", "
        + fractionalEventTime(group, "")
        + identifier(group.recordIdentifier().name());
  }

  /** A Fractional event time also orders below SQL's millisecond timestamps. */
  private static String fractionalEventTime(FeatureGroup group, String direction) {
    FeatureDefinition eventTime = group.eventTime();
    return eventTime.type() == FeatureType.FRACTIONAL
        ? identifier(eventTime.name()) + direction + ", "
        : "";
  }
}
