package io.quiver.wrangler.analyze.profile;

import io.quiver.storage.batch.ColumnBatchBuilder;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.input.BatchSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/** Test fixture: profiles rows made by a function, in batches of 1,000. */
public final class Profiles {
  private Profiles() {}

  /** Profiles {@code rows} rows of {@code columns}, row {@code i} being {@code row.apply(i)}. */
  public static DatasetProfile of(
      List<AnalysisColumn> columns, int rows, IntFunction<@Nullable Object[]> row) {
    return Profiler.profile(
        source(columns, rows, row), ProfileOptions.defaults(), ProfileListener.NONE);
  }

  /** The rows as a batch source. */
  public static BatchSource source(
      List<AnalysisColumn> columns, int rows, IntFunction<@Nullable Object[]> row) {
    List<ColumnKind> kinds = columns.stream().map(AnalysisColumn::kind).toList();
    List<io.quiver.storage.batch.ColumnBatch> batches = new ArrayList<>();
    for (int start = 0; start < rows; start += 1_000) {
      ColumnBatchBuilder builder = new ColumnBatchBuilder(kinds);
      for (int i = start; i < Math.min(rows, start + 1_000); i++) {
        builder.add(row.apply(i));
      }
      batches.add(builder.build());
    }
    return BatchSource.of(columns, batches.iterator());
  }

  /** Shorthand for a column. */
  public static AnalysisColumn column(String name, ColumnKind kind) {
    return new AnalysisColumn(name, kind);
  }
}
