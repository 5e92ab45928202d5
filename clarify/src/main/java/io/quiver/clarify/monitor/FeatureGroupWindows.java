package io.quiver.clarify.monitor;

import static io.quiver.query.QuiverSql.identifier;

import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.query.QuiverSql;
import io.quiver.query.history.HistoryLayout;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.wrangler.analyze.input.BatchSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/*
 * Every read is one SQL query over the offline store, so a window is streamed, never held: the
 * inference records of the window (latest version per inference id, deletions left out, the event
 * time filter pushed down to prune hour partitions), joined on the inference id with the latest
 * label per id whose event time (its arrival) is not after the evaluation instant. The bias
 * analysis and the profile then read exactly what `quiver bias --query` and `quiver analyze --sql`
 * would read from the same query.
 */

/** Windows of inference records (and their labels) kept in feature groups. Stateless. */
final class FeatureGroupWindows implements WindowReader {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String RANK = "quiver_monitor_rank";

  private final OfflineHistory source;
  private final FeatureGroup records;
  private final @Nullable FeatureGroup labels;

  FeatureGroupWindows(OfflineHistory source, CapturedData.FeatureGroups data) {
    this.source = source;
    this.records = source.offlineGroup(data.records(), "monitor");
    this.labels = data.labels() == null ? null : source.offlineGroup(data.labels(), "monitor");
  }

  @Override
  public WindowCounts counts(MonitoringWindow window, Instant asOf, @Nullable String labelColumn) {
    String sql;
    if (labels == null || labelColumn == null) {
      sql = "SELECT COUNT(*), 0 FROM (" + windowRecords(window) + ") i";
    } else {
      sql =
          "SELECT COUNT(*), COUNT(l."
              + identifier(requireLabel(labelColumn))
              + ") FROM ("
              + windowRecords(window)
              + ") i LEFT JOIN ("
              + arrivedLabels(asOf)
              + ") l ON i."
              + identifier(records.recordIdentifier().name())
              + " = l."
              + identifier(labels.recordIdentifier().name());
    }
    try (Connection connection = QuiverSql.connect(source);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return new WindowCounts(rows.getLong(1), rows.getLong(2));
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "Cannot count the window's records: " + QuiverSql.errorMessage(e), e);
    }
  }

  @Override
  public BiasRowSource biasRows(
      MonitoringWindow window, Instant asOf, BiasColumns columns, boolean labelled) {
    List<String> selected = new ArrayList<>();
    for (String name : columns.names()) {
      boolean fromLabels = labelled && name.equals(columns.label());
      selected.add((fromLabels ? "l." : "i.") + identifier(name) + " AS " + identifier(name));
    }
    String sql =
        "SELECT " + String.join(", ", selected) + " FROM (" + windowRecords(window) + ") i";
    if (labelled) {
      FeatureGroup labelGroup = requireLabels();
      requireLabel(columns.label());
      sql +=
          " JOIN ("
              + arrivedLabels(asOf)
              + ") l ON i."
              + identifier(records.recordIdentifier().name())
              + " = l."
              + identifier(labelGroup.recordIdentifier().name());
    }
    return BiasRowSource.query(source, sql, columns);
  }

  @Override
  public BatchSource features(MonitoringWindow window) {
    List<String> names = new ArrayList<>();
    for (FeatureDefinition feature : HistoryLayout.of(records).features()) {
      String name = feature.name();
      if (!feature.isCollection() // monitors profile scalar columns
          && !name.equals(records.recordIdentifier().name())
          && !name.equals(records.eventTime().name())) {
        names.add(identifier(name));
      }
    }
    return BatchSource.sql(
        source, "SELECT " + String.join(", ", names) + " FROM (" + windowRecords(window) + ") i");
  }

  private String windowRecords(MonitoringWindow window) {
    HistoryLayout layout = HistoryLayout.of(records);
    String time = identifier(layout.eventTimestampName());
    return latest(
        records,
        time
            + " >= TIMESTAMP '"
            + TIMESTAMP.format(window.start())
            + "' AND "
            + time
            + " < TIMESTAMP '"
            + TIMESTAMP.format(window.end())
            + "'");
  }

  private String arrivedLabels(Instant asOf) {
    FeatureGroup group = requireLabels();
    String time = identifier(HistoryLayout.of(group).eventTimestampName());
    return latest(group, time + " <= TIMESTAMP '" + TIMESTAMP.format(asOf) + "'");
  }

  /** The latest non-deleted version per record identifier among the rows meeting {@code where}. */
  private static String latest(FeatureGroup group, String where) {
    HistoryLayout layout = HistoryLayout.of(group);
    return "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
        + identifier(group.recordIdentifier().name())
        + " ORDER BY "
        + identifier(layout.eventTimestampName())
        + " DESC NULLS LAST, "
        + identifier(HistoryLayout.API_INVOCATION_TIME)
        + " DESC NULLS LAST, "
        + identifier(HistoryLayout.WRITE_TIME)
        + " DESC NULLS LAST) AS "
        + RANK
        + " FROM "
        + identifier(group.name())
        + " WHERE "
        + where
        + ") WHERE "
        + RANK
        + " = 1 AND "
        + identifier(HistoryLayout.IS_DELETED)
        + " IS NOT TRUE";
  }

  private FeatureGroup requireLabels() {
    if (labels == null) {
      throw new ValidationException(
          "Cannot join ground truth: the monitor names no ground-truth feature group");
    }
    return labels;
  }

  private String requireLabel(String column) {
    FeatureGroup group = requireLabels();
    if (HistoryLayout.of(group).feature(column).isEmpty()) {
      throw new ValidationException(
          "Cannot read the label '"
              + column
              + "': ground-truth feature group '"
              + group.name()
              + "' has no such feature (features: "
              + String.join(", ", HistoryLayout.of(group).columnNames())
              + ")");
    }
    return column;
  }
}
