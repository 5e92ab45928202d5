package io.quiver.wrangler.transform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code manage_vectors}: assemble numeric and vector columns into one vector ({@code
 * input_columns} in order into {@code output_column}; a null value or vector contributes NaN, as
 * Spark's {@code VectorAssembler} with {@code handleInvalid=keep}, a null vector as many NaNs as
 * the column's first vector had, so it must have had one), and flatten a vector into {@code
 * <output_prefix>_<i>} float columns: {@code number_of_columns} of them, or as many as the first
 * vector the fit sees has (a shorter vector leaves nulls, a longer one is cut).
 */
final class ManageVectors implements Operator {
  @Override
  public String family() {
    return "manage_vectors";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice = context.parameters().dispatch("operator", "Assemble", "Flatten");
    Parameters p = choice.parameters();
    if (choice.name().equals("Assemble")) {
      List<String> inputs = p.columns("input_columns");
      String output = p.string("output_column");
      return new RowStep() {
        @Override
        public RowOp bind(Slots slots) {
          int[] in = new int[inputs.size()];
          DataType[] types = new DataType[in.length];
          for (int i = 0; i < in.length; i++) {
            in[i] =
                slots.read(
                    inputs.get(i),
                    DataType.LONG,
                    DataType.DOUBLE,
                    DataType.BOOLEAN,
                    DataType.VECTOR);
            types[i] = slots.type(inputs.get(i));
          }
          int out = slots.write(output, DataType.VECTOR);
          return row -> {
            int length = 0;
            for (int i = 0; i < in.length; i++) {
              if (types[i] == DataType.VECTOR) {
                if (row.isNull(in[i])) {
                  throw new StepException(
                      "vector column '"
                          + inputs.get(i)
                          + "' is null in a row; its size is unknown");
                }
                length += row.getVector(in[i]).length;
              } else {
                length++;
              }
            }
            double[] values = new double[length];
            int at = 0;
            for (int i = 0; i < in.length; i++) {
              if (types[i] == DataType.VECTOR) {
                double[] v = row.getVector(in[i]);
                System.arraycopy(v, 0, values, at, v.length);
                at += v.length;
              } else {
                values[at++] =
                    row.isNull(in[i])
                        ? Double.NaN
                        : types[i] == DataType.DOUBLE ? row.getDouble(in[i]) : row.getLong(in[i]);
              }
            }
            row.setObject(out, values);
            return true;
          };
        }

        @Override
        public Set<String> reads() {
          return Set.copyOf(inputs);
        }

        @Override
        public Set<String> writes() {
          return Set.of(output);
        }
      };
    }
    String input = p.string("input_column");
    String prefix = p.string("output_prefix", input);
    long fixed = p.integer("number_of_columns", 0);
    if (fixed < 0 || fixed > 10_000) {
      throw new StepException(
          "number_of_columns is " + fixed + " (expected: 1 to 10000, or 0 to learn it)");
    }
    ObjectNode trained = context.trained();
    if (fixed == 0 && trained == null) {
      return new FitStep() {
        @Override
        public Fitter fitter(Schema schema) {
          int c = Tables.columns(schema, List.of(input), "input")[0];
          if (schema.column(c).type() != DataType.VECTOR) {
            throw new StepException(
                "column '"
                    + input
                    + "' is "
                    + schema.column(c).type().flowName()
                    + " (expected: vector)");
          }
          return new Fitter() {
            private int length = -1;

            @Override
            public void accept(Frame frame) {
              var v = frame.vector(c);
              for (int r = 0; r < frame.rowCount() && length < 0; r++) {
                if (!v.isNull(r)) {
                  length = v.listEnd(r) - v.listStart(r);
                }
              }
            }

            @Override
            public ObjectNode result() {
              if (length < 0) {
                throw new StepException(
                    "column '" + input + "' has no vector to learn its length from");
              }
              return JsonNodeFactory.instance.objectNode().put("number_of_columns", length);
            }
          };
        }

        @Override
        public Set<String> reads() {
          return Set.of(input);
        }

        @Override
        public Set<String> writes() {
          return Set.of(prefix + "_*");
        }
      };
    }
    int columns = (int) (fixed > 0 ? fixed : trained.path("number_of_columns").asLong());
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        int in = slots.read(input, DataType.VECTOR);
        int[] outs = new int[columns];
        for (int i = 0; i < columns; i++) {
          outs[i] = slots.write(prefix + "_" + i, DataType.DOUBLE);
        }
        return row -> {
          double[] v = row.isNull(in) ? null : row.getVector(in);
          for (int i = 0; i < columns; i++) {
            if (v == null || i >= v.length) {
              row.setNull(outs[i]);
            } else {
              row.setDouble(outs[i], v[i]);
            }
          }
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return Set.of(input);
      }

      @Override
      public Set<String> writes() {
        Set<String> writes = new HashSet<>();
        writes.add(prefix + "_*");
        return writes;
      }
    };
  }
}
