package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics fitted numeric steps learn, per column, in one pass: count, mean and sample
 * standard deviation (Welford's update, as Spark's summarizer keeps them), minimum, maximum,
 * largest absolute value, and, when asked, the values for quantiles. Null and NaN values are left
 * out, as Spark ML's scalers fit on rows assembled without them. Not thread-safe.
 */
final class ColumnStats {
  long count;
  double mean;
  private double m2;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  final QuantileCollector values;
  private final boolean keepValues;

  ColumnStats(boolean keepValues) {
    this.keepValues = keepValues;
    this.values = new QuantileCollector();
  }

  void add(double x) {
    if (Double.isNaN(x)) {
      return;
    }
    count++;
    double delta = x - mean;
    mean += delta / count;
    m2 += delta * (x - mean);
    min = Math.min(min, x);
    max = Math.max(max, x);
    if (keepValues) {
      values.add(x);
    }
  }

  /** The sample standard deviation (n - 1), 0 for fewer than two values. */
  double std() {
    return count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
  }

  double maxAbs() {
    return count == 0 ? 0 : Math.max(Math.abs(min), Math.abs(max));
  }

  /** A fitter of numeric {@code columns}, handing their stats to {@code result} at the end. */
  static Fitter fitter(Schema input, List<String> columns, boolean keepValues, Result result) {
    Slots slots = new Slots(input);
    int[] indexes = new int[columns.size()];
    DataType[] types = new DataType[columns.size()];
    for (int i = 0; i < indexes.length; i++) {
      slots.read(columns.get(i), DataType.LONG, DataType.DOUBLE);
      types[i] = slots.type(columns.get(i));
      indexes[i] = input.indexOf(columns.get(i));
    }
    List<ColumnStats> stats = new ArrayList<>();
    for (int i = 0; i < indexes.length; i++) {
      stats.add(new ColumnStats(keepValues));
    }
    return new Fitter() {
      @Override
      public void accept(Frame frame) {
        int[] slotsOf = new int[indexes.length];
        for (int i = 0; i < slotsOf.length; i++) {
          slotsOf[i] = i;
        }
        RowLoader loader = new RowLoader(frame, indexes, slotsOf);
        Row row = new Row(indexes.length);
        for (int r = 0; r < frame.rowCount(); r++) {
          loader.load(r, row);
          for (int i = 0; i < indexes.length; i++) {
            if (!row.isNull(i)) {
              stats.get(i).add(types[i] == DataType.LONG ? row.getLong(i) : row.getDouble(i));
            }
          }
        }
      }

      @Override
      public ObjectNode result() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode byColumn = out.putObject("columns");
        for (int i = 0; i < indexes.length; i++) {
          ColumnStats s = stats.get(i);
          if (s.count == 0) {
            throw new StepException(
                "cannot fit column '" + columns.get(i) + "': it has no values (all null or NaN)");
          }
          result.write(s, byColumn.putObject(columns.get(i)));
        }
        return out;
      }
    };
  }

  /** Writes what a step keeps of a column's statistics. */
  @FunctionalInterface
  interface Result {
    void write(ColumnStats stats, ObjectNode into);
  }
}
