package io.quiver.wrangler.analyze.profile;

import static java.util.Objects.requireNonNull;

import io.quiver.wrangler.analyze.input.AnalysisColumn;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A uniform random sample of a dataset's rows, drawn without replacement in the profiling pass, the
 * same on every run for the same data and seed. Values are Long (integers and times in
 * microseconds), Double, String, Boolean, or null.
 *
 * @param columns the columns, in the order of each row's values
 * @param rows the sampled rows in dataset order (the arrays must not be changed)
 * @param population the number of rows sampled from
 */
public record RowSample(
    List<AnalysisColumn> columns, List<@Nullable Object[]> rows, long population) {
  /** Copies the lists. */
  public RowSample {
    columns = List.copyOf(requireNonNull(columns, "columns"));
    rows = List.copyOf(requireNonNull(rows, "rows"));
  }

  /** The index of column {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
