package io.quiver.query.schema;

import static java.util.Objects.requireNonNull;

import io.quiver.query.source.OfflineSource;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.parquet.ScanStatistics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The Calcite schema of an offline source: one {@link FeatureGroupTable} per feature group, named
 * exactly as the group. Thread-safe; the table list is read from the source on each lookup, so
 * groups created later appear.
 */
public final class QuiverSchema extends AbstractSchema {
  private final OfflineSource source;
  private final ScanStatistics statistics;
  private final Executor executor;

  /**
   * A schema over {@code source} that counts its reads in {@code statistics}; scans read on the
   * querying thread.
   */
  public QuiverSchema(OfflineSource source, ScanStatistics statistics) {
    this(source, statistics, Runnable::run);
  }

  /**
   * As {@link #QuiverSchema(OfflineSource, ScanStatistics)}, reading a scan's files on {@code
   * files}.
   */
  public QuiverSchema(OfflineSource source, ScanStatistics statistics, Executor files) {
    this.source = requireNonNull(source, "source");
    this.statistics = requireNonNull(statistics, "statistics");
    this.executor = requireNonNull(files, "files");
  }

  /** The counters of every scan of this schema's tables. */
  public ScanStatistics statistics() {
    return statistics;
  }

  /** The source the tables read. */
  public OfflineSource source() {
    return source;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new HashMap<>();
    for (FeatureGroup group : source.featureGroups()) {
      tables.put(group.name(), new FeatureGroupTable(source, group, statistics, executor));
    }
    return tables;
  }
}
