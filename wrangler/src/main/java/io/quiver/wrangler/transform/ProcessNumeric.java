package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code process_numeric}: Spark ML's four scalers on numeric columns, fitted: standard ({@code
 * center} default false, {@code scale} default true, as Data Wrangler calls {@code StandardScaler};
 * sample standard deviation; a constant column scales to 0), robust (median and the range between
 * {@code lower_quantile} and {@code upper_quantile}, defaults 0.25 and 0.75; centring off and
 * scaling on by default; a zero range scales to 0), min-max ({@code min}, {@code max} defaults 0
 * and 1; a constant column maps to their middle), max-absolute. Outputs are floats. Null stays null
 * (Spark would make it NaN).
 */
final class ProcessNumeric implements Operator {

  @Override
  public String family() {
    return "process_numeric";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    if (!p.has("scaler")) {
      p = p.dispatch("operator", "Scale values").parameters();
    }
    Parameters.Choice choice =
        p.dispatch(
            "scaler", "Standard scaler", "Robust scaler", "Min-max scaler", "Max absolute scaler");
    Parameters q = choice.parameters();
    List<String> inputs = q.columns("input_column");
    List<String> outputs = HandleMissing.Impute.outputNames(inputs, q.optString("output_column"));
    ObjectNode trained = context.trained();
    return switch (choice.name()) {
      case "Standard scaler" -> {
        boolean center = q.bool("center", false);
        boolean scale = q.bool("scale", true);
        yield trained == null
            ? fit(inputs, outputs, false, (s, out) -> out.put("mean", s.mean).put("std", s.std()))
            : new NumericColumnsStep(
                inputs,
                outputs,
                trained.path("columns"),
                learned -> {
                  double mean = center ? learned.path("mean").asDouble() : 0;
                  double std = learned.path("std").asDouble();
                  if (!scale) {
                    return x -> x - mean;
                  }
                  // Spark ML: a feature with zero variance scales to 0.
                  double factor = std == 0 ? 0 : 1 / std;
                  return x -> (x - mean) * factor;
                });
      }
      case "Robust scaler" -> {
        double lower = q.number("lower_quantile", 0.25);
        double upper = q.number("upper_quantile", 0.75);
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
          throw new StepException(
              "lower_quantile "
                  + lower
                  + " and upper_quantile "
                  + upper
                  + " (expected: 0 <= lower < upper <= 1)");
        }
        boolean center = q.bool("center", false);
        boolean scale = q.bool("scale", true);
        yield trained == null
            ? fit(
                inputs,
                outputs,
                true,
                (s, out) ->
                    out.put("median", s.values.quantile(0.5))
                        .put("range", s.values.quantile(upper) - s.values.quantile(lower)))
            : new NumericColumnsStep(
                inputs,
                outputs,
                trained.path("columns"),
                learned -> {
                  double median = center ? learned.path("median").asDouble() : 0;
                  double range = learned.path("range").asDouble();
                  double factor = !scale ? 1 : range == 0 ? 0 : 1 / range;
                  return x -> (x - median) * factor;
                });
      }
      case "Min-max scaler" -> {
        double min = q.number("min", 0);
        double max = q.number("max", 1);
        if (!(min < max)) {
          throw new StepException("min " + min + " must be less than max " + max);
        }
        yield trained == null
            ? fit(inputs, outputs, false, (s, out) -> out.put("min", s.min).put("max", s.max))
            : new NumericColumnsStep(
                inputs,
                outputs,
                trained.path("columns"),
                learned -> {
                  double eMin = learned.path("min").asDouble();
                  double eMax = learned.path("max").asDouble();
                  double range = eMax - eMin;
                  // Spark ML: a constant feature maps to the middle of [min, max].
                  if (range == 0) {
                    double middle = 0.5 * (max + min);
                    return x -> Double.isNaN(x) ? x : middle;
                  }
                  return x -> (x - eMin) / range * (max - min) + min;
                });
      }
      default ->
          trained == null
              ? fit(inputs, outputs, false, (s, out) -> out.put("max_abs", s.maxAbs()))
              : new NumericColumnsStep(
                  inputs,
                  outputs,
                  trained.path("columns"),
                  learned -> {
                    double maxAbs = learned.path("max_abs").asDouble();
                    double factor = maxAbs == 0 ? 1 : 1 / maxAbs;
                    return x -> x * factor;
                  });
    };
  }

  private static FitStep fit(
      List<String> inputs, List<String> outputs, boolean quantiles, ColumnStats.Result result) {
    return new FitStep() {
      @Override
      public Fitter fitter(Schema input) {
        return ColumnStats.fitter(input, inputs, quantiles, result);
      }

      @Override
      public Set<String> reads() {
        return Set.copyOf(inputs);
      }

      @Override
      public Set<String> writes() {
        return new HashSet<>(outputs);
      }
    };
  }
}
