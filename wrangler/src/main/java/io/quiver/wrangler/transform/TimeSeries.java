package io.quiver.wrangler.transform;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code time_series}: lag features ({@code lag} k: the value k observations earlier, per {@code
 * id_column} in {@code timestamp_column} order, ties in input order; {@code
 * include_whole_lag_window} adds lags 1 to k; {@code drop_rows_without_history} drops rows with
 * fewer than k earlier observations) and rolling-window features ({@code window_size} w: mean, sum,
 * min, max, std (sample) or count of the previous w observations, the current one excluded, as Data
 * Wrangler's window), plus Featurize datetime. Output columns are {@code <column>_lag_<k>} and
 * {@code <column>_rolling_<feature>_<w>}; rows keep their input order. The whole input is held in
 * memory.
 */
final class TimeSeries implements Operator {
  private static final List<String> FEATURES = List.of("mean", "sum", "min", "max", "std", "count");

  @Override
  public String family() {
    return "time_series";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch("operator", "Lag features", "Rolling window features", "Featurize datetime");
    Parameters p = choice.parameters();
    if (choice.name().equals("Featurize datetime")) {
      return FeaturizeDateTime.of(p);
    }
    String id = p.optString("id_column");
    String time = p.string("timestamp_column");
    String input = p.string("input_column");
    if (choice.name().equals("Lag features")) {
      long lag = p.integer("lag");
      if (lag < 1 || lag > 1000) {
        throw new StepException("lag is " + lag + " (expected: 1 to 1000)");
      }
      return new Window(
          id,
          time,
          input,
          (int) lag,
          p.bool("include_whole_lag_window", false),
          p.bool("drop_rows_without_history", false),
          null);
    }
    long window = p.integer("window_size");
    if (window < 1 || window > 100_000) {
      throw new StepException("window_size is " + window + " (expected: 1 to 100000)");
    }
    List<String> features = p.optColumns("features");
    for (String f : features) {
      if (!FEATURES.contains(f)) {
        throw new StepException(
            "feature '" + f + "' (expected: " + String.join(", ", FEATURES) + ")");
      }
    }
    return new Window(
        id,
        time,
        input,
        (int) window,
        false,
        false,
        features.isEmpty() ? List.of("mean") : features);
  }

  /** Lags (when {@code features} is null) or rolling features over the previous {@code size}. */
  private record Window(
      String id,
      String time,
      String input,
      int size,
      boolean wholeWindow,
      boolean dropWithoutHistory,
      List<String> features)
      implements TableStep {

    @Override
    public Map<String, Schema> outputs(List<Schema> inputs) {
      return Map.of("default", schema(inputs.get(0)));
    }

    private Schema schema(Schema in) {
      List<String> needed = new ArrayList<>(List.of(time, input));
      if (id != null) {
        needed.add(id);
      }
      Tables.columns(in, needed, "time-series");
      DataType type = in.find(input).orElseThrow().type();
      List<Column> columns = new ArrayList<>(in.columns());
      for (Column c : added(type)) {
        if (in.indexOf(c.name()) >= 0) {
          throw new StepException("column '" + c.name() + "' exists already");
        }
        columns.add(c);
      }
      return new Schema(columns);
    }

    private List<Column> added(DataType type) {
      List<Column> columns = new ArrayList<>();
      if (features == null) {
        for (int k = wholeWindow ? 1 : size; k <= size; k++) {
          columns.add(new Column(input + "_lag_" + k, type));
        }
      } else {
        if (!type.numeric()) {
          throw new StepException(
              "column '" + input + "' must be numeric for rolling-window features");
        }
        for (String f : features) {
          columns.add(
              new Column(
                  input + "_rolling_" + f + "_" + size,
                  f.equals("count") ? DataType.LONG : DataType.DOUBLE));
        }
      }
      return columns;
    }

    @Override
    public Map<String, FrameStream> run(List<FrameStream> inputs) {
      Frame frame = Tables.gather(inputs.get(0));
      Schema in = frame.schema();
      Schema out = schema(in);
      int t = in.indexOf(time);
      int v = in.indexOf(input);
      DataType type = in.column(v).type();
      // Each row's previous observations: group rows by id, order each group by time.
      Map<Object, List<Integer>> groups = new LinkedHashMap<>();
      int idColumn = id == null ? -1 : in.indexOf(id);
      for (int r = 0; r < frame.rowCount(); r++) {
        Object key =
            idColumn < 0 ? "" : Tables.key(frame.vector(idColumn), in.column(idColumn).type(), r);
        groups.computeIfAbsent(key == null ? Window.class : key, k -> new ArrayList<>()).add(r);
      }
      ColumnVector times = frame.vector(t);
      DataType timeType = in.column(t).type();
      int[] rank = new int[frame.rowCount()];
      int[][] order = new int[frame.rowCount()][];
      for (List<Integer> rows : groups.values()) {
        rows.sort((a, b) -> Tables.compare(times, timeType, a, b));
        int[] sorted = rows.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < sorted.length; i++) {
          rank[sorted[i]] = i;
          order[sorted[i]] = sorted;
        }
      }
      List<Column> added = added(type);
      ColumnWriter[] writers = new ColumnWriter[added.size()];
      for (int i = 0; i < writers.length; i++) {
        writers[i] = ColumnWriter.of(added.get(i).type(), frame.rowCount());
      }
      List<Integer> kept = new ArrayList<>();
      ColumnVector values = frame.vector(v);
      Row row = new Row(1);
      for (int r = 0; r < frame.rowCount(); r++) {
        int position = rank[r];
        int[] group = order[r];
        if (dropWithoutHistory && position < size) {
          continue;
        }
        kept.add(r);
        if (features == null) {
          int w = 0;
          for (int k = wholeWindow ? 1 : size; k <= size; k++, w++) {
            if (position - k < 0) {
              writers[w].appendNull();
            } else {
              writers[w].append(values, group[position - k]);
            }
          }
        } else {
          ColumnStats stats = new ColumnStats(false);
          for (int j = Math.max(0, position - size); j < position; j++) {
            int prev = group[j];
            if (!values.isNull(prev)) {
              RowLoader.load(values, type, prev, row, 0);
              stats.add(type == DataType.LONG ? row.getLong(0) : row.getDouble(0));
            }
          }
          for (int f = 0; f < features.size(); f++) {
            String feature = features.get(f);
            if (feature.equals("count")) {
              writers[f].appendLong(stats.count);
            } else if (stats.count == 0 || (feature.equals("std") && stats.count < 2)) {
              writers[f].appendNull();
            } else {
              writers[f].appendDouble(
                  switch (feature) {
                    case "mean" -> stats.mean;
                    case "sum" -> stats.mean * stats.count;
                    case "min" -> stats.min;
                    case "max" -> stats.max;
                    default -> stats.std();
                  });
            }
          }
        }
      }
      int[] rows = kept.stream().mapToInt(Integer::intValue).toArray();
      Frame base = Tables.select(frame, rows);
      List<ColumnVector> vectors = new ArrayList<>(base.batch().columns());
      for (ColumnWriter w : writers) {
        ColumnVector full = w.finish();
        vectors.add(full);
      }
      Frame result = new Frame(out, new ColumnBatch(rows.length, vectors));
      return Map.of("default", Tables.pick(result, Tables.identity(rows.length)));
    }

    @Override
    public String whyNotPerRecord() {
      return "lags and rolling windows need the earlier rows of each series";
    }
  }
}
