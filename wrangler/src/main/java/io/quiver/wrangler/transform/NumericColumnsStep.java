package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.wrangler.frame.DataType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fitted step mapping each numeric input column, with its learned parameters, to a float output
 * column (in place, or Data Wrangler's output naming): null stays null, NaN stays NaN.
 */
final class NumericColumnsStep implements RowStep {
  /** The per-value function of one column, given its learned parameters. */
  @FunctionalInterface
  interface Kernel {
    double apply(double x);
  }

  /** Makes a column's kernel from its learned parameters. */
  @FunctionalInterface
  interface KernelFactory {
    Kernel of(JsonNode learned);
  }

  private final List<String> inputs;
  private final List<String> outputs;
  private final JsonNode columns;
  private final KernelFactory factory;

  NumericColumnsStep(
      List<String> inputs, List<String> outputs, JsonNode columns, KernelFactory factory) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.columns = columns;
    this.factory = factory;
  }

  @Override
  public RowOp bind(Slots slots) {
    int n = inputs.size();
    int[] in = new int[n];
    boolean[] longs = new boolean[n];
    Kernel[] kernels = new Kernel[n];
    for (int i = 0; i < n; i++) {
      in[i] = slots.read(inputs.get(i), DataType.LONG, DataType.DOUBLE);
      longs[i] = slots.type(inputs.get(i)) == DataType.LONG;
      JsonNode learned = columns.get(inputs.get(i));
      if (learned == null) {
        throw new StepException(
            "the fit has nothing for column '"
                + inputs.get(i)
                + "'; refit the flow (quiver flow fit)");
      }
      kernels[i] = factory.of(learned);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = slots.write(outputs.get(i), DataType.DOUBLE);
    }
    if (n == 1) {
      int a = in[0];
      int b = out[0];
      boolean isLong = longs[0];
      Kernel k = kernels[0];
      return row -> {
        if (row.isNull(a)) {
          row.setNull(b);
        } else {
          row.setDouble(b, k.apply(isLong ? row.getLong(a) : row.getDouble(a)));
        }
        return true;
      };
    }
    return row -> {
      for (int i = 0; i < n; i++) {
        if (row.isNull(in[i])) {
          row.setNull(out[i]);
        } else {
          row.setDouble(
              out[i], kernels[i].apply(longs[i] ? row.getLong(in[i]) : row.getDouble(in[i])));
        }
      }
      return true;
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
