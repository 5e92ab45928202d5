package io.quiver.wrangler.analyze.input;

import static io.quiver.query.QuiverSql.identifier;

import io.quiver.query.QuiverSql;
import io.quiver.query.history.HistoryLayout;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineHistory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SQL over a data directory's offline store as a batch source: any query, a feature group's whole
 * history, or its latest snapshot. Stateless.
 */
final class OfflineQuery {
  private static final String RANK = "quiver_analyze_rank";

  private OfflineQuery() {}

  /**
   * Runs {@code sql} and streams its result; closing the result closes {@code owner} last.
   *
   * @throws IllegalArgumentException if the query is refused (Calcite's message and position)
   */
  static BatchSource run(
      OfflineHistory history, String sql, String name, @Nullable AutoCloseable owner) {
    Connection connection = null;
    try {
      connection = QuiverSql.connect(history);
      Statement statement = connection.createStatement();
      ResultSet rows = statement.executeQuery(sql);
      Connection owned = connection;
      connection = null; // the batch source closes it
      return BatchSource.resultSet(
          name,
          rows,
          () -> {
            try (AutoCloseable last = owner;
                owned;
                statement) {
              // closes the statement, then the connection, then the owner
            }
          });
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot run the query: " + QuiverSql.errorMessage(e), e);
    } finally {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // already failing with the more useful exception
        }
      }
    }
  }

  /**
   * The features of {@code group}: every row of its history, or with {@code latest} its latest
   * non-deleted record per identifier (SageMaker's snapshot query: by event time, then API
   * invocation time, then write time, newest first). System columns are left out.
   *
   * @throws ResourceNotFoundException if there is no such group
   * @throws ValidationException if it has no offline store
   */
  static BatchSource featureGroup(
      OfflineHistory history, String name, boolean latest, @Nullable AutoCloseable owner) {
    FeatureGroup group = history.offlineGroup(name, "analyse");
    List<String> features = new ArrayList<>();
    for (FeatureDefinition feature : HistoryLayout.of(group).features()) {
      if (!feature.isCollection()) { // profiles cover scalar columns
        features.add(identifier(feature.name()));
      }
    }
    String selected = String.join(", ", features);
    String table = identifier(group.name());
    String sql;
    if (!latest) {
      sql = "SELECT " + selected + " FROM " + table;
    } else {
      String eventTimestamp = identifier(HistoryLayout.of(group).eventTimestampName());
      String fractional =
          group.eventTime().type() == FeatureType.FRACTIONAL
              ? identifier(group.eventTime().name()) + " DESC NULLS LAST, "
              : "";
      sql =
          "SELECT "
              + selected
              + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
              + identifier(group.recordIdentifier().name())
              + " ORDER BY "
              + eventTimestamp
              + " DESC NULLS LAST, "
              + fractional
              + identifier(HistoryLayout.API_INVOCATION_TIME)
              + " DESC NULLS LAST, "
              + identifier(HistoryLayout.WRITE_TIME)
              + " DESC NULLS LAST) AS "
              + RANK
              + " FROM "
              + table
              + ") WHERE "
              + RANK
              + " = 1 AND "
              + identifier(HistoryLayout.IS_DELETED)
              + " IS NOT TRUE";
    }
    return run(history, sql, "feature group '" + name + "'" + (latest ? " (latest)" : ""), owner);
  }
}
