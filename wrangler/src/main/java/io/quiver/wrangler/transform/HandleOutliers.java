package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code handle_outliers}: numeric outliers by standard deviations ({@code standard_deviations},
 * default 4: outside mean ± k·std, sample std), robust standard deviations (the same rule with the
 * mean and std of the values between {@code lower_quantile} and {@code upper_quantile}, defaults
 * 0.25 and 0.75), quantiles (outside [{@code lower_quantile}, {@code upper_quantile}], defaults
 * 0.01 and 0.99) or fixed thresholds ({@code lower_threshold}, {@code upper_threshold}); fixed by
 * {@code fix_method} Clip (the default; to a float), Remove (the row; null and NaN rows go too) or
 * Invalidate (null). Bounds are fitted and stored as {@code lower_threshold}/{@code
 * upper_threshold}, as Data Wrangler stores them. Replace rare values: categories seen at most
 * {@code max(absolute_threshold, fraction_threshold · rows)} times (defaults 10 and 0.005), beyond
 * the {@code max_common_categories} most common when that is set, become {@code
 * replacement_string}.
 */
final class HandleOutliers implements Operator {

  @Override
  public String family() {
    return "handle_outliers";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator",
                "Standard deviation numeric outliers",
                "Robust standard deviation numeric outliers",
                "Quantile numeric outliers",
                "Min-max numeric outliers",
                "Replace rare values");
    Parameters p = choice.parameters();
    if (choice.name().equals("Replace rare values")) {
      return ReplaceRare.compile(p, context.trained());
    }
    String input = p.string("input_column");
    String output = p.string("output_column", input);
    String fix = p.choice("fix_method", "Clip", "Clip", "Remove", "Invalidate");
    ObjectNode trained = context.trained();
    switch (choice.name()) {
      case "Min-max numeric outliers" -> {
        double lower = p.number("lower_threshold");
        double upper = p.number("upper_threshold");
        return new Fix(input, output, fix, lower, upper);
      }
      case "Standard deviation numeric outliers" -> {
        double k = p.number("standard_deviations", 4.0);
        if (k < 0) {
          throw new StepException("standard_deviations must be positive (got " + k + ")");
        }
        return trained != null
            ? fixed(input, output, fix, trained)
            : fit(input, output, fix, false, s -> bounds(s.mean, s.std(), k));
      }
      case "Robust standard deviation numeric outliers" -> {
        double k = p.number("standard_deviations", 4.0);
        double lowerQ = quantile(p, "lower_quantile", 0.25);
        double upperQ = quantile(p, "upper_quantile", 0.75);
        return trained != null
            ? fixed(input, output, fix, trained)
            : fit(
                input,
                output,
                fix,
                true,
                s -> {
                  double lo = s.values.quantile(lowerQ);
                  double hi = s.values.quantile(upperQ);
                  ColumnStats inner = new ColumnStats(false);
                  for (double v : s.values.sortedValues()) {
                    if (v >= lo && v <= hi) {
                      inner.add(v);
                    }
                  }
                  return bounds(inner.mean, inner.std(), k);
                });
      }
      default -> {
        double lowerQ = quantile(p, "lower_quantile", 0.01);
        double upperQ = quantile(p, "upper_quantile", 0.99);
        return trained != null
            ? fixed(input, output, fix, trained)
            : fit(
                input,
                output,
                fix,
                true,
                s -> new double[] {s.values.quantile(lowerQ), s.values.quantile(upperQ)});
      }
    }
  }

  private static double quantile(Parameters p, String key, double defaultValue) {
    double q = p.number(key, defaultValue);
    if (q < 0 || q > 1) {
      throw new StepException(key + " is " + q + " (expected: 0 to 1)");
    }
    return q;
  }

  private static double[] bounds(double mean, double std, double k) {
    return new double[] {mean - k * std, mean + k * std};
  }

  private static RowStep fixed(String input, String output, String fix, ObjectNode trained) {
    JsonNode lower = trained.get("lower_threshold");
    JsonNode upper = trained.get("upper_threshold");
    if (lower == null || upper == null) {
      throw new StepException("the fit has no thresholds; refit the flow (quiver flow fit)");
    }
    return new Fix(input, output, fix, lower.asDouble(), upper.asDouble());
  }

  /** Computes the bounds from a column's statistics. */
  private interface Bounds {
    double[] of(ColumnStats stats);
  }

  private static FitStep fit(
      String input, String output, String fix, boolean values, Bounds bounds) {
    return new FitStep() {
      @Override
      public Fitter fitter(Schema schema) {
        Fitter stats =
            ColumnStats.fitter(
                schema,
                List.of(input),
                values,
                (column, out) -> {
                  double[] b = bounds.of(column);
                  out.put("lower_threshold", b[0]).put("upper_threshold", b[1]);
                });
        // Data Wrangler keeps the thresholds at the top of the trained parameters.
        return new Fitter() {
          @Override
          public void accept(io.quiver.wrangler.frame.Frame frame) {
            stats.accept(frame);
          }

          @Override
          public ObjectNode result() {
            return ((ObjectNode) stats.result().path("columns").path(input)).deepCopy();
          }
        };
      }

      @Override
      public Set<String> reads() {
        return Set.of(input);
      }

      @Override
      public Set<String> writes() {
        return Set.of(output);
      }

      @Override
      public boolean dropsRows() {
        return fix.equals("Remove");
      }
    };
  }

  private static final class Fix extends ColumnStep {
    private final String fix;
    private final double lower;
    private final double upper;

    Fix(String input, String output, String fix, double lower, double upper) {
      super(input, output);
      this.fix = fix;
      this.lower = lower;
      this.upper = upper;
    }

    @Override
    public RowOp bind(Slots slots) {
      int in = slots.read(input, DataType.LONG, DataType.DOUBLE);
      DataType type = slots.type(input);
      boolean isLong = type == DataType.LONG;
      return switch (fix) {
        case "Clip" -> {
          int out = slots.write(target(), DataType.DOUBLE);
          yield row -> {
            if (row.isNull(in)) {
              row.setNull(out);
            } else {
              double x = isLong ? row.getLong(in) : row.getDouble(in);
              row.setDouble(out, Double.isNaN(x) ? x : x < lower ? lower : x > upper ? upper : x);
            }
            return true;
          };
        }
        case "Invalidate" -> {
          int out = slots.write(target(), type);
          yield row -> {
            if (row.isNull(in)) {
              row.setNull(out);
              return true;
            }
            double x = isLong ? row.getLong(in) : row.getDouble(in);
            if (Double.isNaN(x) || x < lower || x > upper) {
              row.setNull(out);
            } else {
              row.copy(in, out);
            }
            return true;
          };
        }
        default -> {
          int out = slots.write(target(), type);
          yield row -> {
            if (row.isNull(in)) {
              return false;
            }
            double x = isLong ? row.getLong(in) : row.getDouble(in);
            if (!(x >= lower && x <= upper)) {
              return false;
            }
            row.copy(in, out);
            return true;
          };
        }
      };
    }

    @Override
    public boolean dropsRows() {
      return fix.equals("Remove");
    }
  }

  /** Replace rare values: fitted set of common categories. */
  private static final class ReplaceRare {
    private ReplaceRare() {}

    static Step compile(Parameters p, @Nullable ObjectNode trained) {
      String input = p.string("input_column");
      String output = p.string("output_column", input);
      String replacement = p.string("replacement_string", "");
      long absolute = p.integer("absolute_threshold", 10);
      double fraction = p.number("fraction_threshold", 0.005);
      long maxCommon = p.integer("max_common_categories", 0);
      if (absolute < 0 || fraction < 0 || fraction > 1 || maxCommon < 0 || maxCommon > 100) {
        throw new StepException(
            "absolute_threshold must be >= 0, fraction_threshold in [0, 1] and max_common_categories 0 to 100");
      }
      if (trained == null) {
        return new FitStep() {
          @Override
          public Fitter fitter(Schema schema) {
            int index = schema.indexOf(input);
            if (index < 0) {
              throw new StepException("column '" + input + "' does not exist");
            }
            return new Fitter() {
              private long rows;
              private final java.util.Map<String, Long> tally = new java.util.HashMap<>();

              @Override
              public void accept(io.quiver.wrangler.frame.Frame frame) {
                rows += frame.rowCount();
                io.quiver.wrangler.frame.RowLoader loader =
                    new io.quiver.wrangler.frame.RowLoader(frame, new int[] {index}, new int[] {0});
                io.quiver.wrangler.frame.Row row = new io.quiver.wrangler.frame.Row(1);
                DataType type = schema.column(index).type();
                for (int r = 0; r < frame.rowCount(); r++) {
                  loader.load(r, row);
                  String text = ValueCasts.toText(row, 0, type);
                  if (text != null) {
                    tally.merge(text, 1L, Long::sum);
                  }
                }
              }

              @Override
              public ObjectNode result() {
                double threshold = Math.max(fraction * rows, absolute);
                List<java.util.Map.Entry<String, Long>> common = new java.util.ArrayList<>();
                for (var e : tally.entrySet()) {
                  if (e.getValue() > threshold) {
                    common.add(e);
                  }
                }
                common.sort(
                    (a, b) -> {
                      int c = Long.compare(b.getValue(), a.getValue());
                      return c != 0 ? c : a.getKey().compareTo(b.getKey());
                    });
                if (maxCommon > 0 && common.size() > maxCommon) {
                  common = common.subList(0, (int) maxCommon);
                }
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                var array = out.putArray("common_categories");
                common.forEach(e -> array.add(e.getKey()));
                return out;
              }
            };
          }

          @Override
          public Set<String> reads() {
            return Set.of(input);
          }

          @Override
          public Set<String> writes() {
            return Set.of(output);
          }
        };
      }
      Set<String> common = new HashSet<>();
      trained.path("common_categories").forEach(c -> common.add(c.asText()));
      return new ColumnStep(input, output) {
        @Override
        public RowOp bind(Slots slots) {
          DataType type = slots.type(input);
          int in = slots.read(input);
          int out = slots.write(target(), DataType.STRING);
          return row -> {
            String text = ValueCasts.toText(row, in, type);
            row.setObject(out, text != null && common.contains(text) ? text : replacement);
            return true;
          };
        }
      };
    }
  }
}
