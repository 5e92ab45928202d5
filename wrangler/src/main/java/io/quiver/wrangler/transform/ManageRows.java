package io.quiver.wrangler.transform;

import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code manage_rows}: sort by one or more columns ({@code conditions} of {@code sort_by} and
 * {@code order}, Ascending or Descending; nulls first when ascending, last when descending, as
 * Spark; ties keep their input order), shuffle (seeded, {@code seed} default Data Wrangler's
 * 838257247, so a run is repeatable where Spark's is not), drop duplicate rows (keeping the first
 * of each, in input order). All hold their input in memory.
 */
final class ManageRows implements Operator {
  @Override
  public String family() {
    return "manage_rows";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context.parameters().dispatch("operator", "Sort", "Shuffle", "Drop duplicates");
    Parameters p = choice.parameters();
    return switch (choice.name()) {
      case "Sort" -> sort(p);
      case "Shuffle" -> shuffle(p.integer("seed", 838_257_247L));
      default -> dropDuplicates();
    };
  }

  private static TableStep sort(Parameters p) {
    List<String> columns = new ArrayList<>();
    List<Boolean> descending = new ArrayList<>();
    List<Parameters> conditions = p.objects("conditions");
    if (conditions.isEmpty()) {
      conditions = List.of(p);
    }
    for (Parameters c : conditions) {
      String column = c.string("sort_by");
      if (columns.contains(column)) {
        throw new StepException("column '" + column + "' is named twice in the sort conditions");
      }
      columns.add(column);
      descending.add(
          c.choice("order", "Ascending", "Ascending", "Descending").equals("Descending"));
    }
    return new Single(
        "sorting needs every row",
        schema -> {
          Tables.columns(schema, columns, "sort_by");
          return schema;
        }) {
      @Override
      FrameStream apply(Frame frame) {
        int[] positions = Tables.columns(frame.schema(), columns, "sort_by");
        Comparator<Integer> order = null;
        for (int i = 0; i < positions.length; i++) {
          ColumnVector v = frame.vector(positions[i]);
          DataType type = frame.schema().column(positions[i]).type();
          boolean desc = descending.get(i);
          Comparator<Integer> by =
              (a, b) -> desc ? Tables.compare(v, type, b, a) : Tables.compare(v, type, a, b);
          order = order == null ? by : order.thenComparing(by);
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < frame.rowCount(); r++) {
          rows.add(r);
        }
        rows.sort(order);
        return Tables.pick(frame, rows.stream().mapToInt(Integer::intValue).toArray());
      }
    };
  }

  private static TableStep shuffle(long seed) {
    return new Single("shuffling needs every row", schema -> schema) {
      @Override
      FrameStream apply(Frame frame) {
        int[] rows = Tables.identity(frame.rowCount());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = rows[i];
          rows[i] = rows[j];
          rows[j] = t;
        }
        return Tables.pick(frame, rows);
      }
    };
  }

  private static TableStep dropDuplicates() {
    return new Single("dropping duplicates needs every row", schema -> schema) {
      @Override
      FrameStream apply(Frame frame) {
        Set<List<Object>> seen = new HashSet<>();
        List<Integer> kept = new ArrayList<>();
        Schema schema = frame.schema();
        for (int r = 0; r < frame.rowCount(); r++) {
          List<Object> key = new ArrayList<>(schema.size());
          for (int c = 0; c < schema.size(); c++) {
            key.add(Tables.key(frame.vector(c), schema.column(c).type(), r));
          }
          if (seen.add(key)) {
            kept.add(r);
          }
        }
        return Tables.pick(frame, kept.stream().mapToInt(Integer::intValue).toArray());
      }
    };
  }

  /** A table step with one input and one output, over the whole input in memory. */
  abstract static class Single implements TableStep {
    private final String why;
    private final java.util.function.UnaryOperator<Schema> schema;

    Single(String why, java.util.function.UnaryOperator<Schema> schema) {
      this.why = why;
      this.schema = schema;
    }

    abstract FrameStream apply(Frame frame);

    @Override
    public Map<String, Schema> outputs(List<Schema> inputs) {
      if (inputs.size() != 1) {
        throw new StepException("takes one input (got " + inputs.size() + ")");
      }
      return Map.of("default", schema.apply(inputs.get(0)));
    }

    @Override
    public Map<String, FrameStream> run(List<FrameStream> inputs) {
      return Map.of("default", apply(Tables.gather(inputs.get(0))));
    }

    @Override
    public String whyNotPerRecord() {
      return why;
    }
  }
}
