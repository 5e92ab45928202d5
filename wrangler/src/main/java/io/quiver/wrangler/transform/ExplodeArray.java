package io.quiver.wrangler.transform;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code explode_array}: one output row per element of an array or vector column, the element in a
 * new column {@code <column>_flatten} (or {@code output_column}); rows whose array is null or empty
 * are dropped, as Spark's {@code explode} drops them. Streams: no row is held longer than its
 * batch.
 */
final class ExplodeArray implements Operator {
  @Override
  public String family() {
    return "explode_array";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    String input = p.string("input_column");
    String output = p.string("output_column", input + "_flatten");
    return new TableStep() {
      @Override
      public Map<String, Schema> outputs(List<Schema> inputs) {
        return Map.of("default", schema(inputs.get(0)));
      }

      private Schema schema(Schema in) {
        int c = Tables.columns(in, List.of(input), "input")[0];
        DataType type = in.column(c).type();
        if (!type.collection()) {
          throw new StepException(
              "column '" + input + "' is " + type.flowName() + " (expected: an array or vector)");
        }
        if (in.indexOf(output) >= 0) {
          throw new StepException("column '" + output + "' exists already");
        }
        return Tables.append(
            in, new Column(output, type == DataType.VECTOR ? DataType.DOUBLE : DataType.STRING));
      }

      @Override
      public Map<String, FrameStream> run(List<FrameStream> inputs) {
        FrameStream in = inputs.get(0);
        Schema out = schema(in.schema());
        int c = in.schema().indexOf(input);
        return Map.of(
            "default",
            new FrameStream() {
              @Override
              public Schema schema() {
                return out;
              }

              @Override
              public @Nullable Frame next() {
                Frame f = in.next();
                return f == null ? null : explode(f, c, out);
              }

              @Override
              public void close() {
                in.close();
              }
            });
      }

      @Override
      public String whyNotPerRecord() {
        return "exploding an array makes several rows of one";
      }
    };
  }

  private static Frame explode(Frame f, int c, Schema out) {
    ColumnVector array = f.vector(c);
    List<int[]> rows = new ArrayList<>();
    for (int r = 0; r < f.rowCount(); r++) {
      if (array.isNull(r)) {
        continue;
      }
      for (int e = array.listStart(r); e < array.listEnd(r); e++) {
        rows.add(new int[] {r, e});
      }
    }
    List<ColumnVector> vectors = new ArrayList<>();
    for (int i = 0; i < f.schema().size(); i++) {
      ColumnWriter w = ColumnWriter.of(f.schema().column(i).type(), rows.size());
      for (int[] re : rows) {
        w.append(f.vector(i), re[0]);
      }
      vectors.add(w.finish());
    }
    ColumnWriter element = ColumnWriter.of(out.column(out.size() - 1).type(), rows.size());
    ColumnVector elements = array.elements();
    for (int[] re : rows) {
      element.append(elements, re[1]);
    }
    vectors.add(element.finish());
    return new Frame(out, new ColumnBatch(rows.size(), vectors));
  }
}
