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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code concatenate_datasets}: the rows of the first input, then the second's, matched by column
 * name (the second may order its columns otherwise; a long column meeting a float one becomes
 * float); optionally without duplicate rows ({@code remove_duplicates}) and with a column saying
 * which input each row came from ({@code indicator_column_name}: 0 for the first, 1 for the
 * second).
 */
final class Concatenate implements Operator {
  @Override
  public String family() {
    return "concatenate_datasets";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    boolean dedupe = p.bool("remove_duplicates", false);
    String indicator = p.optString("indicator_column_name");
    return new TableStep() {
      @Override
      public Map<String, Schema> outputs(List<Schema> inputs) {
        return Map.of("default", schema(inputs));
      }

      private Schema schema(List<Schema> inputs) {
        if (inputs.size() != 2) {
          throw new StepException("concatenates two inputs (got " + inputs.size() + ")");
        }
        Schema a = inputs.get(0);
        Schema b = inputs.get(1);
        if (!new HashSet<>(a.names()).equals(new HashSet<>(b.names()))) {
          throw new StepException(
              "the inputs have different columns: " + a.names() + " and " + b.names());
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : a.columns()) {
          DataType other = b.find(c.name()).orElseThrow().type();
          DataType type = c.type();
          if (other != type) {
            if (type.numeric() && other.numeric()) {
              type = DataType.DOUBLE;
            } else {
              throw new StepException(
                  "column '"
                      + c.name()
                      + "' is "
                      + type.flowName()
                      + " in one input and "
                      + other.flowName()
                      + " in the other");
            }
          }
          columns.add(new Column(c.name(), type));
        }
        if (indicator != null) {
          columns.add(new Column(indicator, DataType.LONG));
        }
        return new Schema(columns);
      }

      @Override
      public Map<String, FrameStream> run(List<FrameStream> inputs) {
        Schema out = schema(List.of(inputs.get(0).schema(), inputs.get(1).schema()));
        List<Frame> frames = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (int side = 0; side < 2; side++) {
          for (Frame f : FrameStream.drain(inputs.get(side))) {
            frames.add(align(f, out, side, dedupe ? seen : null));
          }
        }
        return Map.of("default", FrameStream.of(out, frames));
      }

      private Frame align(Frame f, Schema out, int side, Set<List<Object>> seen) {
        int data = indicator == null ? out.size() : out.size() - 1;
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < f.rowCount(); r++) {
          if (seen != null) {
            List<Object> key = new ArrayList<>();
            Row row = new Row(1);
            for (int c = 0; c < data; c++) {
              int from = f.schema().indexOf(out.column(c).name());
              RowLoader.load(f.vector(from), f.schema().column(from).type(), r, row, 0);
              Object value = ValueCasts.toText(row, 0, f.schema().column(from).type());
              key.add(
                  out.column(c).type() == DataType.DOUBLE && value != null
                      ? Double.parseDouble((String) value)
                      : value);
            }
            if (!seen.add(key)) {
              continue;
            }
          }
          rows.add(r);
        }
        List<ColumnVector> vectors = new ArrayList<>();
        Row row = new Row(2);
        for (int c = 0; c < data; c++) {
          int from = f.schema().indexOf(out.column(c).name());
          DataType fromType = f.schema().column(from).type();
          DataType toType = out.column(c).type();
          ColumnWriter w = ColumnWriter.of(toType, rows.size());
          for (int r : rows) {
            if (fromType == toType) {
              w.append(f.vector(from), r);
            } else {
              RowLoader.load(f.vector(from), fromType, r, row, 0);
              ValueCasts.cast(row, 0, fromType, 1, toType, null);
              w.append(row, 1);
            }
          }
          vectors.add(w.finish());
        }
        if (indicator != null) {
          ColumnWriter w = ColumnWriter.of(DataType.LONG, rows.size());
          for (int i = 0; i < rows.size(); i++) {
            w.appendLong(side);
          }
          vectors.add(w.finish());
        }
        return new Frame(out, new ColumnBatch(rows.size(), vectors));
      }

      @Override
      public String whyNotPerRecord() {
        return "concatenating reads a second dataset";
      }
    };
  }
}
