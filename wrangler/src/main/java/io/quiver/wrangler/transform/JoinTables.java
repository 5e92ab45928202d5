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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code join_tables}: joins its first input (left) with its second (right) on key columns ({@code
 * left_column}/{@code right_column}, or {@code join_keys}: pairs of {@code left} and {@code right},
 * at most 10) as inner, left, right or full outer, left semi, left anti or cross join. Keys match
 * by value (a whole double equals the long; null never matches). Output columns are the left's then
 * the right's (semi and anti: the left's only); a name both sides have gets {@code _0} on the left
 * and {@code _1} on the right, as Data Wrangler's exported code names them. Rows come in left order
 * (matches in right order), then unmatched right rows. Both inputs are held in memory.
 */
final class JoinTables implements Operator {
  private static final int MAX_KEYS = 10;

  private enum Kind {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    SEMI,
    ANTI,
    CROSS
  }

  @Override
  public String family() {
    return "join_tables";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    Kind kind = kind(p.string("join_type", "inner"));
    List<String> left = new ArrayList<>();
    List<String> right = new ArrayList<>();
    for (Parameters pair : p.objects("join_keys")) {
      left.add(pair.string("left"));
      right.add(pair.string("right"));
    }
    if (left.isEmpty() && kind != Kind.CROSS) {
      left.add(p.string("left_column"));
      right.add(p.string("right_column"));
    }
    if (left.size() > MAX_KEYS) {
      throw new StepException(
          "joins on at most " + MAX_KEYS + " key columns (got " + left.size() + ")");
    }
    return new Join(kind, left, right);
  }

  private static Kind kind(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("[ _-]", "");
    return switch (n) {
      case "inner" -> Kind.INNER;
      case "left", "leftouter" -> Kind.LEFT;
      case "right", "rightouter" -> Kind.RIGHT;
      case "full", "fullouter", "outer" -> Kind.FULL;
      case "leftsemi", "semi" -> Kind.SEMI;
      case "leftanti", "anti" -> Kind.ANTI;
      case "cross", "crossjoin", "cartesian", "cartesiancross" -> Kind.CROSS;
      default ->
          throw new StepException(
              "join_type '"
                  + name
                  + "' (expected: inner, left, right, full, leftsemi, leftanti or cross)");
    };
  }

  private record Join(Kind kind, List<String> left, List<String> right) implements TableStep {
    @Override
    public Map<String, Schema> outputs(List<Schema> inputs) {
      if (inputs.size() != 2) {
        throw new StepException("joins two inputs, left then right (got " + inputs.size() + ")");
      }
      Tables.columns(inputs.get(0), left, "left key");
      Tables.columns(inputs.get(1), right, "right key");
      return Map.of("default", schema(inputs.get(0), inputs.get(1)));
    }

    private Schema schema(Schema l, Schema r) {
      if (kind == Kind.SEMI || kind == Kind.ANTI) {
        return l;
      }
      List<Column> columns = new ArrayList<>();
      Map<String, Integer> counts = new HashMap<>();
      for (Column c : l.columns()) {
        counts.merge(c.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
      for (Column c : r.columns()) {
        counts.merge(c.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
      Map<String, Integer> seen = new HashMap<>();
      List<Column> all = new ArrayList<>(l.columns());
      all.addAll(r.columns());
      for (Column c : all) {
        String lower = c.name().toLowerCase(Locale.ROOT);
        if (counts.get(lower) > 1) {
          int index = seen.merge(lower, 1, Integer::sum) - 1;
          columns.add(new Column(c.name() + "_" + index, c.type()));
        } else {
          columns.add(c);
        }
      }
      return new Schema(columns);
    }

    @Override
    public Map<String, FrameStream> run(List<FrameStream> inputs) {
      Frame l = Tables.gather(inputs.get(0));
      Frame r = Tables.gather(inputs.get(1));
      int[] lk = Tables.columns(l.schema(), left, "left key");
      int[] rk = Tables.columns(r.schema(), right, "right key");
      List<int[]> pairs = new ArrayList<>();
      if (kind == Kind.CROSS) {
        for (int i = 0; i < l.rowCount(); i++) {
          for (int j = 0; j < r.rowCount(); j++) {
            pairs.add(new int[] {i, j});
          }
        }
      } else {
        Map<List<Object>, List<Integer>> index = new HashMap<>();
        for (int j = 0; j < r.rowCount(); j++) {
          List<Object> key = key(r, rk, j);
          if (key != null) {
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
          }
        }
        boolean[] matched = new boolean[r.rowCount()];
        for (int i = 0; i < l.rowCount(); i++) {
          List<Object> key = key(l, lk, i);
          List<Integer> hits = key == null ? null : index.get(key);
          switch (kind) {
            case SEMI -> {
              if (hits != null) {
                pairs.add(new int[] {i, -1});
              }
            }
            case ANTI -> {
              if (hits == null) {
                pairs.add(new int[] {i, -1});
              }
            }
            default -> {
              if (hits != null) {
                for (int j : hits) {
                  pairs.add(new int[] {i, j});
                  matched[j] = true;
                }
              } else if (kind == Kind.LEFT || kind == Kind.FULL) {
                pairs.add(new int[] {i, -1});
              }
            }
          }
        }
        if (kind == Kind.RIGHT || kind == Kind.FULL) {
          for (int j = 0; j < r.rowCount(); j++) {
            if (!matched[j]) {
              pairs.add(new int[] {-1, j});
            }
          }
          if (kind == Kind.RIGHT) {
            // A right join returns every right row: drop left rows that found no match.
            pairs.removeIf(p -> p[1] < 0);
          }
        }
      }
      return Map.of("default", build(l, r, pairs));
    }

    private static List<Object> key(Frame f, int[] columns, int row) {
      List<Object> key = new ArrayList<>(columns.length);
      for (int c : columns) {
        Object k = Tables.key(f.vector(c), f.schema().column(c).type(), row);
        if (k == null) {
          return null;
        }
        key.add(k);
      }
      return key;
    }

    private FrameStream build(Frame l, Frame r, List<int[]> pairs) {
      Schema schema = schema(l.schema(), r.schema());
      List<Frame> frames = new ArrayList<>();
      for (int from = 0; from < pairs.size() || frames.isEmpty(); from += Tables.BATCH_ROWS) {
        int to = Math.min(pairs.size(), from + Tables.BATCH_ROWS);
        List<ColumnVector> vectors = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
          DataType type = schema.column(c).type();
          boolean fromLeft = c < l.schema().size();
          ColumnVector v = fromLeft ? l.vector(c) : r.vector(c - l.schema().size());
          ColumnWriter w = ColumnWriter.of(type, to - from);
          for (int i = from; i < to; i++) {
            int row = fromLeft ? pairs.get(i)[0] : pairs.get(i)[1];
            if (row < 0) {
              w.appendNull();
            } else {
              w.append(v, row);
            }
          }
          vectors.add(w.finish());
        }
        frames.add(new Frame(schema, new ColumnBatch(to - from, vectors)));
        if (pairs.isEmpty()) {
          break;
        }
      }
      return FrameStream.of(schema, frames);
    }

    @Override
    public String whyNotPerRecord() {
      return "a join reads a second dataset";
    }
  }
}
