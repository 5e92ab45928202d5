package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code handle_missing}: fill with a constant, impute (numeric mean or approximate median as Spark
 * ML's {@code Imputer}; categorical most frequent value, fitted), add a missing indicator, or drop
 * rows with a missing value. Missing means null, NaN, or empty/blank text ({@link Missing}).
 */
final class HandleMissing implements Operator {

  @Override
  public String family() {
    return "handle_missing";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator", "Fill missing", "Impute", "Add indicator for missing", "Drop missing");
    Parameters p = choice.parameters();
    return switch (choice.name()) {
      case "Fill missing" -> fill(p.string("input_column"), p.optString("output_column"), p);
      case "Add indicator for missing" -> indicator(p);
      case "Drop missing" -> drop(p.optColumns("input_column"));
      default -> Impute.compile(p, context.trained());
    };
  }

  private static RowStep fill(String input, @Nullable String output, Parameters p) {
    String fillValue = p.string("fill_value", "");
    return new ColumnStep(input, output) {
      @Override
      public RowOp bind(Slots slots) {
        DataType type = slots.type(input);
        int in = slots.read(input);
        int constant = slots.scratch();
        Row probe = new Row(constant + 1);
        if (!ValueCasts.fromText(fillValue, type, probe, constant, null)) {
          throw new StepException(
              "fill_value '" + fillValue + "' is not a " + type.flowName() + " value");
        }
        int out = slots.write(target(), type);
        return row -> {
          if (Missing.isMissing(row, in, type)) {
            ValueCasts.fromText(fillValue, type, row, out, null);
          } else {
            row.copy(in, out);
          }
          return true;
        };
      }
    };
  }

  private static RowStep indicator(Parameters p) {
    String input = p.string("input_column");
    String output = p.string("output_column", input + "_indicator");
    return new ColumnStep(input, output) {
      @Override
      public RowOp bind(Slots slots) {
        DataType type = slots.type(input);
        int in = slots.read(input);
        int out = slots.write(target(), DataType.BOOLEAN);
        return row -> {
          row.setBoolean(out, Missing.isMissing(row, in, type));
          return true;
        };
      }
    };
  }

  private static RowStep drop(List<String> columns) {
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        List<String> checked = columns.isEmpty() ? slots.names() : columns;
        int[] in = new int[checked.size()];
        DataType[] types = new DataType[checked.size()];
        for (int i = 0; i < in.length; i++) {
          types[i] = slots.type(checked.get(i));
          in[i] = slots.read(checked.get(i));
        }
        return row -> {
          for (int i = 0; i < in.length; i++) {
            if (Missing.isMissing(row, in[i], types[i])) {
              return false;
            }
          }
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return Set.copyOf(columns);
      }

      @Override
      public Set<String> writes() {
        return Set.of();
      }

      @Override
      public boolean dropsRows() {
        return true;
      }
    };
  }

  /** Imputation: learns each column's surrogate, then fills missing values with it. */
  static final class Impute {
    private Impute() {}

    static Step compile(Parameters p, @Nullable ObjectNode trained) {
      String columnType = p.choice("column_type", null, "Numeric", "Categorical");
      Parameters q =
          p.object(columnType.equals("Numeric") ? "numeric_parameters" : "categorical_parameters");
      List<String> inputs = q.columns("input_column");
      List<String> outputs = outputNames(inputs, q.optString("output_column"));
      boolean numeric = columnType.equals("Numeric");
      String strategy =
          numeric ? q.choice("strategy", "Mean", "Mean", "Approximate Median") : "Mode";
      if (trained == null) {
        return new ImputeFit(inputs, outputs, numeric, strategy);
      }
      JsonNode surrogates = trained.path("surrogates");
      return new ImputeStep(inputs, outputs, numeric, surrogates);
    }

    /** Data Wrangler's naming: one input keeps the output name; several make it a prefix. */
    static List<String> outputNames(List<String> inputs, @Nullable String output) {
      List<String> outputs = new ArrayList<>();
      for (String input : inputs) {
        outputs.add(output == null ? input : inputs.size() == 1 ? output : output + "_" + input);
      }
      return outputs;
    }
  }

  private record ImputeFit(
      List<String> inputs, List<String> outputs, boolean numeric, String strategy)
      implements FitStep {
    @Override
    public Fitter fitter(Schema input) {
      Slots slots = new Slots(input);
      int[] columns = new int[inputs.size()];
      DataType[] types = new DataType[inputs.size()];
      for (int i = 0; i < columns.length; i++) {
        types[i] = slots.type(inputs.get(i));
        if (numeric && !types[i].numeric()) {
          throw new StepException(
              "column '"
                  + inputs.get(i)
                  + "' is "
                  + types[i].flowName()
                  + " (expected: long or float for numeric imputation; choose Categorical or cast it)");
        }
        columns[i] = input.indexOf(inputs.get(i));
      }
      return new Fitter() {
        private final List<QuantileCollector> values = new ArrayList<>();
        private final List<Map<String, Long>> counts = new ArrayList<>();
        private final double[] sums = new double[columns.length];
        private final long[] n = new long[columns.length];

        {
          for (int i = 0; i < columns.length; i++) {
            values.add(new QuantileCollector());
            counts.add(new HashMap<>());
          }
        }

        @Override
        public void accept(Frame frame) {
          Row row = new Row(columns.length);
          int[] slotsOf = new int[columns.length];
          for (int i = 0; i < slotsOf.length; i++) {
            slotsOf[i] = i;
          }
          RowLoader loader = new RowLoader(frame, columns, slotsOf);
          for (int r = 0; r < frame.rowCount(); r++) {
            loader.load(r, row);
            for (int i = 0; i < columns.length; i++) {
              if (Missing.isMissing(row, i, types[i])) {
                continue;
              }
              if (numeric) {
                double v = types[i] == DataType.LONG ? row.getLong(i) : row.getDouble(i);
                sums[i] += v;
                n[i]++;
                if (strategy.equals("Approximate Median")) {
                  values.get(i).add(v);
                }
              } else {
                counts.get(i).merge(ValueCasts.toText(row, i, types[i]), 1L, Long::sum);
              }
            }
          }
        }

        @Override
        public ObjectNode result() {
          ObjectNode result = JsonNodeFactory.instance.objectNode();
          ObjectNode surrogates = result.putObject("surrogates");
          for (int i = 0; i < columns.length; i++) {
            String name = inputs.get(i);
            if (numeric) {
              if (n[i] == 0) {
                throw new StepException(
                    "cannot impute column '"
                        + name
                        + "': every value is missing, so there is no "
                        + strategy.toLowerCase(java.util.Locale.ROOT)
                        + " to fill with");
              }
              surrogates.put(
                  name, strategy.equals("Mean") ? sums[i] / n[i] : values.get(i).quantile(0.5));
            } else {
              String mode = null;
              long best = -1;
              for (Map.Entry<String, Long> e : counts.get(i).entrySet()) {
                // Ties go to the smallest value, so a refit on the same data gives the same fill.
                if (e.getValue() > best
                    || (e.getValue() == best && e.getKey().compareTo(mode) < 0)) {
                  best = e.getValue();
                  mode = e.getKey();
                }
              }
              if (mode == null) {
                throw new StepException(
                    "cannot impute column '" + name + "': every value is missing");
              }
              surrogates.put(name, mode);
            }
          }
          return result;
        }
      };
    }

    @Override
    public Set<String> reads() {
      return Set.copyOf(inputs);
    }

    @Override
    public Set<String> writes() {
      return new HashSet<>(outputs);
    }
  }

  private record ImputeStep(
      List<String> inputs, List<String> outputs, boolean numeric, JsonNode surrogates)
      implements RowStep {
    @Override
    public RowOp bind(Slots slots) {
      int count = inputs.size();
      int[] in = new int[count];
      int[] out = new int[count];
      DataType[] types = new DataType[count];
      // Surrogates are cast to each column's type, as Spark's Imputer casts them back.
      Object[] values = new Object[count];
      for (int i = 0; i < count; i++) {
        String name = inputs.get(i);
        types[i] = slots.type(name);
        in[i] = slots.read(name);
        JsonNode surrogate = surrogates.get(name);
        if (surrogate == null || surrogate.isNull()) {
          throw new StepException(
              "the fit has no value for column '" + name + "'; refit the flow (quiver flow fit)");
        }
        values[i] = surrogate.isNumber() ? (Object) surrogate.asDouble() : surrogate.asText();
      }
      for (int i = 0; i < count; i++) {
        out[i] = slots.write(outputs.get(i), types[i]);
      }
      return row -> {
        for (int i = 0; i < count; i++) {
          if (Missing.isMissing(row, in[i], types[i])) {
            setSurrogate(row, out[i], types[i], values[i]);
          } else {
            row.copy(in[i], out[i]);
          }
        }
        return true;
      };
    }

    private static void setSurrogate(Row row, int s, DataType type, Object value) {
      if (value instanceof Double d) {
        switch (type) {
          case LONG -> row.setLong(s, (long) d.doubleValue());
          case DOUBLE -> row.setDouble(s, d);
          default -> ValueCasts.fromText(Double.toString(d), type, row, s, null);
        }
      } else {
        ValueCasts.fromText((String) value, type, row, s, null);
      }
    }

    @Override
    public Set<String> reads() {
      return Set.copyOf(inputs);
    }

    @Override
    public Set<String> writes() {
      return new HashSet<>(outputs);
    }
  }
}
