package io.quiver.wrangler.transform;

import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code sampling}: keep the first {@code limit} rows (Limit), {@code sample_size} rows chosen
 * uniformly at random (Random; exact size, where Data Wrangler's is approximate), or {@code
 * sample_size} rows with each value of {@code column} keeping its share (Stratified: every stratum
 * gets its proportional number of rows, rounded, at least one). Random choices are seeded ({@code
 * seed}, default 838257247); kept rows stay in input order.
 */
final class SampleRows implements Operator {
  static final int MAX_STRATA = 1000;

  @Override
  public String family() {
    return "sampling";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context.parameters().dispatch("operator", "Limit", "Random", "Stratified");
    Parameters p = choice.parameters();
    long seed = p.integer("seed", 838_257_247L);
    return switch (choice.name()) {
      case "Limit" -> {
        long limit = p.integer("limit");
        if (limit < 0) {
          throw new StepException("limit must be 0 or more");
        }
        yield new ManageRows.Single("sampling needs every row", s -> s) {
          @Override
          FrameStream apply(Frame frame) {
            return Tables.pick(frame, Tables.identity((int) Math.min(limit, frame.rowCount())));
          }
        };
      }
      case "Random" -> {
        long size = positive(p);
        yield new ManageRows.Single("sampling needs every row", s -> s) {
          @Override
          FrameStream apply(Frame frame) {
            return Tables.pick(
                frame,
                choose(Tables.identity(frame.rowCount()), (int) size, new SplittableRandom(seed)));
          }
        };
      }
      default -> {
        String column = p.string("column");
        long size = positive(p);
        yield new ManageRows.Single(
            "sampling needs every row",
            s -> {
              Tables.columns(s, List.of(column), "stratification");
              return s;
            }) {
          @Override
          FrameStream apply(Frame frame) {
            int c = frame.schema().indexOf(column);
            ColumnVector v = frame.vector(c);
            Map<Object, List<Integer>> strata = new LinkedHashMap<>();
            for (int r = 0; r < frame.rowCount(); r++) {
              Object key = Tables.key(v, frame.schema().column(c).type(), r);
              strata
                  .computeIfAbsent(key == null ? Strata.NULL : key, k -> new ArrayList<>())
                  .add(r);
              if (strata.size() > MAX_STRATA) {
                throw new StepException(
                    "column '"
                        + column
                        + "' has more than "
                        + MAX_STRATA
                        + " values to stratify by");
              }
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<Integer> kept = new ArrayList<>();
            int total = frame.rowCount();
            for (List<Integer> rows : strata.values()) {
              int share =
                  (int) Math.max(1, Math.round((double) size * rows.size() / Math.max(1, total)));
              for (int r :
                  choose(rows.stream().mapToInt(Integer::intValue).toArray(), share, random)) {
                kept.add(r);
              }
            }
            kept.sort(null);
            return Tables.pick(frame, kept.stream().mapToInt(Integer::intValue).toArray());
          }
        };
      }
    };
  }

  /** The stratum key of null values. */
  private enum Strata {
    NULL
  }

  private static long positive(Parameters p) {
    long size = p.integer("sample_size");
    if (size < 1) {
      throw new StepException("sample_size must be at least 1");
    }
    return size;
  }

  /** {@code size} of {@code rows} chosen uniformly (reservoir), returned in input order. */
  static int[] choose(int[] rows, int size, SplittableRandom random) {
    if (size >= rows.length) {
      return rows.clone();
    }
    int[] reservoir = new int[size];
    for (int i = 0; i < rows.length; i++) {
      if (i < size) {
        reservoir[i] = rows[i];
      } else {
        int j = random.nextInt(i + 1);
        if (j < size) {
          reservoir[j] = rows[i];
        }
      }
    }
    java.util.Arrays.sort(reservoir);
    return reservoir;
  }
}
