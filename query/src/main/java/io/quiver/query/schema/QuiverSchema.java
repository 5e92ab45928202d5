package io.quiver.query.schema;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The Calcite schema of offline history: one {@link FeatureGroupTable} per feature group, named
 * exactly as the group. Thread-safe; the table list is read from the history on each lookup, so
 * groups created later appear.
 */
public final class QuiverSchema extends AbstractSchema {
  private final OfflineHistory history;
  private final ScanStatistics statistics;
  private final Executor executor;

  /**
   * A schema over {@code history} that counts its reads in {@code statistics}; scans read on the
   * querying thread.
   */
  public QuiverSchema(OfflineHistory history, ScanStatistics statistics) {
    this(history, statistics, Runnable::run);
  }

  /**
   * As {@link #QuiverSchema(OfflineHistory, ScanStatistics)}, reading a scan's files on {@code
   * files}.
   */
  public QuiverSchema(OfflineHistory history, ScanStatistics statistics, Executor files) {
    this.history = requireNonNull(history, "history");
    this.statistics = requireNonNull(statistics, "statistics");
    this.executor = requireNonNull(files, "files");
  }

  /** The counters of every scan of this schema's tables. */
  public ScanStatistics statistics() {
    return statistics;
  }

  /** The history the tables read. */
  public OfflineHistory history() {
    return history;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new HashMap<>();
    for (FeatureGroup group : history.featureGroups()) {
      tables.put(group.name(), new FeatureGroupTable(history, group, statistics, executor));
    }
    return tables;
  }
}
