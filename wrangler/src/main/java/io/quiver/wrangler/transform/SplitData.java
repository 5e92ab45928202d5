package io.quiver.wrangler.transform;

import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code split}: cuts the rows into named outputs by {@code splits} ({@code name}, {@code
 * percentage}; two or three, summing to 1; the first is also the {@code default} output):
 * randomized (seeded), ordered (by row order or by a numeric {@code input_column}; rows tied with
 * the last row of a split go with it unless {@code handle_duplicates}), stratified (each value of
 * {@code input_column}, at most 1000, split in the same proportions) or by key (every row with the
 * same {@code key_columns} values in the same split). Sizes are exact counts ({@code round(p·n)}),
 * where Data Wrangler's come from approximate quantiles; the {@code error} parameter is accepted
 * and not needed. Rows keep their input order within a split.
 */
final class SplitData implements Operator {
  @Override
  public String family() {
    return "split";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator",
                "Randomized split",
                "Ordered split",
                "Stratified split",
                "Split by key");
    Parameters p = choice.parameters();
    List<String> names = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (Parameters split : p.objects("splits")) {
      String name = split.string("name");
      if (name.equals("default") || names.contains(name)) {
        throw new StepException(
            "split names must be unique and not 'default' (got '" + name + "')");
      }
      double share = split.number("percentage");
      if (share <= 0) {
        throw new StepException(
            "split '" + name + "' has percentage " + share + " (expected: > 0)");
      }
      names.add(name);
      shares.add(share);
    }
    if (names.size() < 2 || names.size() > 3) {
      throw new StepException("splits into two or three parts (got " + names.size() + ")");
    }
    double sum = shares.stream().mapToDouble(Double::doubleValue).sum();
    if (Math.abs(sum - 1) > 1e-3) {
      throw new StepException("the percentages sum to " + sum + " (expected: 1)");
    }
    long seed = p.integer("seed", 838_257_247L);
    String how = choice.name();
    String column =
        how.equals("Ordered split")
            ? p.optString("input_column")
            : how.equals("Stratified split") ? p.string("input_column") : null;
    List<String> keys = how.equals("Split by key") ? p.columns("key_columns") : List.of();
    boolean duplicates = p.bool("handle_duplicates", false);
    return new TableStep() {
      @Override
      public Map<String, Schema> outputs(List<Schema> inputs) {
        if (inputs.size() != 1) {
          throw new StepException("takes one input (got " + inputs.size() + ")");
        }
        Schema schema = inputs.get(0);
        if (column != null) {
          int c = Tables.columns(schema, List.of(column), "split")[0];
          if (how.equals("Ordered split") && !schema.column(c).type().numeric()) {
            throw new StepException(
                "column '" + column + "' must be numeric to order the split by");
          }
        }
        Tables.columns(schema, keys, "key");
        Map<String, Schema> out = new LinkedHashMap<>();
        out.put("default", schema);
        names.forEach(n -> out.put(n, schema));
        return out;
      }

      @Override
      public Map<String, FrameStream> run(List<FrameStream> inputs) {
        Frame frame = Tables.gather(inputs.get(0));
        int[] assignment =
            switch (how) {
              case "Randomized split" -> randomized(frame.rowCount(), seed);
              case "Ordered split" -> ordered(frame);
              case "Stratified split" -> stratified(frame);
              default -> byKey(frame);
            };
        Map<String, FrameStream> out = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
          List<Integer> rows = new ArrayList<>();
          for (int r = 0; r < assignment.length; r++) {
            if (assignment[r] == s) {
              rows.add(r);
            }
          }
          if (rows.isEmpty()) {
            throw new StepException(
                "split '" + names.get(s) + "' is empty; give it a larger percentage");
          }
          int[] picked = rows.stream().mapToInt(Integer::intValue).toArray();
          out.put(names.get(s), Tables.pick(frame, picked));
          if (s == 0) {
            out.put("default", Tables.pick(frame, picked));
          }
        }
        return out;
      }

      /** Split numbers by position in {@code order}: the first round(p1·n) rows, and so on. */
      private void cut(
          int[] order, int[] assignment, boolean extendTies, ColumnVector v, DataType type) {
        int n = order.length;
        int at = 0;
        double cumulative = 0;
        for (int s = 0; s < names.size(); s++) {
          cumulative += shares.get(s);
          int end = s == names.size() - 1 ? n : (int) Math.round(cumulative * n);
          if (extendTies && end > 0 && end < n) {
            while (end < n && Tables.compare(v, type, order[end], order[end - 1]) == 0) {
              end++;
            }
          }
          for (; at < end; at++) {
            assignment[order[at]] = s;
          }
        }
      }

      private int[] randomized(int n, long seed) {
        int[] order = Tables.identity(n);
        shuffle(order, new SplittableRandom(seed));
        int[] assignment = new int[n];
        cut(order, assignment, false, null, null);
        return assignment;
      }

      private int[] ordered(Frame frame) {
        int n = frame.rowCount();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        ColumnVector v = null;
        DataType type = null;
        if (column != null) {
          int c = frame.schema().indexOf(column);
          ColumnVector vector = frame.vector(c);
          DataType t = frame.schema().column(c).type();
          Arrays.sort(order, (a, b) -> Tables.compare(vector, t, a, b));
          v = vector;
          type = t;
        }
        int[] assignment = new int[n];
        cut(
            Arrays.stream(order).mapToInt(Integer::intValue).toArray(),
            assignment,
            column != null && !duplicates,
            v,
            type);
        return assignment;
      }

      private int[] stratified(Frame frame) {
        int c = frame.schema().indexOf(column);
        Map<Object, List<Integer>> strata = new LinkedHashMap<>();
        for (int r = 0; r < frame.rowCount(); r++) {
          Object key = Tables.key(frame.vector(c), frame.schema().column(c).type(), r);
          strata.computeIfAbsent(key == null ? "\u0000null" : key, k -> new ArrayList<>()).add(r);
          if (strata.size() > SampleRows.MAX_STRATA) {
            throw new StepException(
                "column '"
                    + column
                    + "' has more than "
                    + SampleRows.MAX_STRATA
                    + " values to stratify by");
          }
        }
        int[] assignment = new int[frame.rowCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (List<Integer> rows : strata.values()) {
          int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
          shuffle(order, random);
          cut(order, assignment, false, null, null);
        }
        return assignment;
      }

      private int[] byKey(Frame frame) {
        int[] columns = Tables.columns(frame.schema(), keys, "key");
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < frame.rowCount(); r++) {
          List<Object> key = new ArrayList<>();
          for (int c : columns) {
            key.add(Tables.key(frame.vector(c), frame.schema().column(c).type(), r));
          }
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<List<Integer>> ordered = new ArrayList<>(groups.values());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = ordered.size() - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          List<Integer> t = ordered.get(i);
          ordered.set(i, ordered.get(j));
          ordered.set(j, t);
        }
        int[] assignment = new int[frame.rowCount()];
        int n = frame.rowCount();
        int s = 0;
        long filled = 0;
        double quota = shares.get(0) * n;
        for (List<Integer> group : ordered) {
          if (s < names.size() - 1 && filled >= quota) {
            s++;
            quota += shares.get(s) * n;
          }
          for (int r : group) {
            assignment[r] = s;
          }
          filled += group.size();
        }
        return assignment;
      }

      @Override
      public String whyNotPerRecord() {
        return "a split divides a whole dataset";
      }
    };
  }

  private static void shuffle(int[] rows, SplittableRandom random) {
    for (int i = rows.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
  }
}
