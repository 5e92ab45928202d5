package io.quiver.query.schema;

import io.quiver.query.history.HistoryBatch;
import io.quiver.query.history.HistoryLayout;
import io.quiver.query.history.HistoryScan;
import io.quiver.query.pit.FeatureTimeline;
import io.quiver.query.pit.HistoryRules;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A feature group's offline history as a table: features as typed columns (String VARCHAR, Integral
 * BIGINT, Fractional DOUBLE; List, Set and Vector features an ARRAY of those), then {@code
 * write_time}, {@code api_invocation_time} (TIMESTAMP), {@code is_deleted} (BOOLEAN) and {@code
 * event_timestamp} (the event time as a TIMESTAMP, millisecond precision; see {@link
 * HistoryLayout#eventTimestampName()}). Scans push down projections and filters. Thread-safe.
 */
public final class FeatureGroupTable extends AbstractTable implements ProjectableFilterableTable {
  private final OfflineHistory history;
  private final FeatureGroup group;
  private final HistoryLayout layout;
  private final ScanStatistics statistics;
  private final Executor executor;

  FeatureGroupTable(
      OfflineHistory history, FeatureGroup group, ScanStatistics statistics, Executor executor) {
    this.executor = executor;
    this.history = history;
    this.group = group;
    this.layout = HistoryLayout.of(group);
    this.statistics = statistics;
  }

  /** The group this table reads. */
  public FeatureGroup group() {
    return group;
  }

  /** The columns this table exposes. */
  public HistoryLayout layout() {
    return layout;
  }

  /**
   * The raw history of {@code features} (the record identifier is always read) indexed for as-of
   * lookups: every row as written, deletion markers and duplicates included, as SQL sees it.
   *
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public FeatureTimeline timeline(List<String> features) {
    String idName = group.recordIdentifier().name();
    List<String> read = new ArrayList<>(features);
    if (!read.contains(idName)) {
      read.add(idName);
    }
    List<HistoryBatch> batches = HistoryScan.of(read).read(history, group, statistics, executor);
    return FeatureTimeline.build(batches, idName, HistoryRules.raw());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (FeatureDefinition feature : layout.features()) {
      SqlTypeName scalar =
          switch (feature.type()) {
            case INTEGRAL -> SqlTypeName.BIGINT;
            case FRACTIONAL -> SqlTypeName.DOUBLE;
            case STRING -> SqlTypeName.VARCHAR;
          };
      RelDataType type = typeFactory.createSqlType(scalar);
      if (feature.isCollection()) {
        // Elements are never null (the store refuses null elements), lists may be.
        type = typeFactory.createArrayType(type, -1);
      }
      builder.add(feature.name(), typeFactory.createTypeWithNullability(type, true));
    }
    builder.add(HistoryLayout.WRITE_TIME, SqlTypeName.TIMESTAMP, 3).nullable(true);
    builder.add(HistoryLayout.API_INVOCATION_TIME, SqlTypeName.TIMESTAMP, 3).nullable(true);
    builder.add(HistoryLayout.IS_DELETED, SqlTypeName.BOOLEAN).nullable(true);
    builder.add(layout.eventTimestampName(), SqlTypeName.TIMESTAMP, 3).nullable(true);
    return builder.build();
  }

  @Override
  public Enumerable<@Nullable Object[]> scan(
      DataContext root, List<RexNode> filters, int @Nullable [] projects) {
    int columnCount = layout.columnNames().size();
    int[] columns =
        projects != null ? projects : java.util.stream.IntStream.range(0, columnCount).toArray();
    ScanPredicate predicate =
        ScanPredicate.analyze(
            new RexBuilder(root.getTypeFactory()),
            filters,
            layout.eventTimestampColumn(),
            layout.recordIdentifierColumn());
    List<String> features = new ArrayList<>();
    for (int column : columns) {
      if (column < layout.features().size()) {
        features.add(layout.features().get(column).name());
      }
    }
    HistoryScan scan =
        new HistoryScan(
            features, predicate.fromMicros(), predicate.toMicros(), predicate.identifiers());
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(root);
    List<HistoryBatch> batches = scan.read(history, group, statistics, executor);
    if (batches.isEmpty()) {
      return Linq4j.emptyEnumerable();
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<@Nullable Object[]> enumerator() {
        return Linq4j.iterableEnumerator(
            () -> new RowIterator(batches, columns, predicate, cancelled));
      }
    };
  }

  /** Turns column batches into rows of the projected columns, dropping rows outside the range. */
  private final class RowIterator implements Iterator<@Nullable Object[]> {
    private final List<HistoryBatch> batches;
    private final int[] columns;
    private final ScanPredicate predicate;
    private final @Nullable AtomicBoolean cancelled;
    private int batch;
    private int row = -1;
    private @Nullable Object[] next;

    RowIterator(
        List<HistoryBatch> batches,
        int[] columns,
        ScanPredicate predicate,
        @Nullable AtomicBoolean cancelled) {
      this.batches = batches;
      this.columns = columns;
      this.predicate = predicate;
      this.cancelled = cancelled;
      advance();
    }

    private void advance() {
      // Every plan pulls its rows from scans, so checking the statement's cancel flag here stops
      // joins, sorts and aggregations that would otherwise run to the end before Calcite looks.
      if (cancelled != null && cancelled.get()) {
        throw new CancellationException("Statement canceled");
      }
      next = null;
      while (batch < batches.size()) {
        HistoryBatch b = batches.get(batch);
        row++;
        if (row >= b.rowCount()) {
          batch++;
          row = -1;
          continue;
        }
        long micros = b.eventMicros()[row];
        if (micros < predicate.fromMicros() || micros > predicate.toMicros()) {
          continue;
        }
        next = project(b, row);
        return;
      }
    }

    private @Nullable Object[] project(HistoryBatch b, int r) {
      @Nullable Object[] values = new Object[columns.length];
      int featureIndex = 0;
      int featureCount = layout.features().size();
      for (int i = 0; i < columns.length; i++) {
        int column = columns[i];
        if (column < featureCount) {
          values[i] = b.feature(featureIndex++).get(r);
        } else {
          values[i] =
              switch (column - featureCount) {
                case 0 -> millis(b.writeTime(), r);
                case 1 -> millis(b.apiInvocationTime(), r);
                case 2 -> b.deleted().get(r);
                default ->
                    b.eventMicros()[r] == Long.MIN_VALUE
                        ? null
                        : Math.floorDiv(b.eventMicros()[r], 1000L);
              };
        }
      }
      return values;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public @Nullable Object[] next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      @Nullable Object[] result = next;
      advance();
      return result;
    }
  }

  private static @Nullable Long millis(ColumnVector vector, int row) {
    return vector.isNull(row) ? null : Math.floorDiv(vector.getLong(row), 1000L);
  }
}
