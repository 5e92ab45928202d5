package io.quiver.wrangler.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A source's declared fit sample ({@code sampling} on its output), drawn in one pass and held in
 * memory: the first K rows ({@code sample_by_limit}, {@code limit_rows}), each row with a
 * probability ({@code sample_by_ratio}, {@code sample_ratio}), or K rows uniformly at random
 * ({@code sample_by_count}, {@code sample_size}, reservoir sampling). Random samples are seeded
 * ({@code seed}, default Data Wrangler's 838257247), so a refit draws the same rows.
 */
final class Sampling {
  static final long DEFAULT_SEED = 838_257_247L;

  private Sampling() {}

  /** The sample of {@code frames} that {@code sampling} declares. */
  static List<Frame> draw(FlowNode node, ObjectNode sampling, FrameStream frames) {
    String method = sampling.path("sampling_method").asText("");
    long seed = sampling.path("seed").asLong(DEFAULT_SEED);
    SplittableRandom random = new SplittableRandom(seed);
    Schema schema = frames.schema();
    switch (method) {
      case "sample_by_limit" -> {
        long limit = positive(node, sampling, "limit_rows");
        List<Frame> sample = new ArrayList<>();
        long taken = 0;
        for (Frame f = frames.next(); f != null && taken < limit; f = frames.next()) {
          int n = (int) Math.min(f.rowCount(), limit - taken);
          sample.add(n == f.rowCount() ? f : rows(f, range(n)));
          taken += n;
        }
        return sample;
      }
      case "sample_by_ratio" -> {
        double ratio = sampling.path("sample_ratio").asDouble(-1);
        if (!(ratio > 0 && ratio <= 1)) {
          throw node.error("sampling.sample_ratio must be in (0, 1]");
        }
        List<Frame> sample = new ArrayList<>();
        for (Frame f = frames.next(); f != null; f = frames.next()) {
          List<Integer> kept = new ArrayList<>();
          for (int r = 0; r < f.rowCount(); r++) {
            if (random.nextDouble() < ratio) {
              kept.add(r);
            }
          }
          sample.add(rows(f, kept.stream().mapToInt(Integer::intValue).toArray()));
        }
        return sample;
      }
      case "sample_by_count" -> {
        int size = (int) Math.min(positive(node, sampling, "sample_size"), 10_000_000L);
        // Reservoir sampling over single-row copies, so only the sample stays in memory.
        List<Frame> reservoir = new ArrayList<>();
        long seen = 0;
        for (Frame f = frames.next(); f != null; f = frames.next()) {
          for (int r = 0; r < f.rowCount(); r++) {
            if (seen < size) {
              reservoir.add(rows(f, new int[] {r}));
            } else {
              long at = random.nextLong(seen + 1);
              if (at < size) {
                reservoir.set((int) at, rows(f, new int[] {r}));
              }
            }
            seen++;
          }
        }
        List<ColumnWriter> writers = new ArrayList<>();
        schema.columns().forEach(c -> writers.add(ColumnWriter.of(c.type(), reservoir.size())));
        for (Frame one : reservoir) {
          for (int c = 0; c < schema.size(); c++) {
            writers.get(c).append(one.vector(c), 0);
          }
        }
        List<ColumnVector> vectors = new ArrayList<>();
        writers.forEach(w -> vectors.add(w.finish()));
        return List.of(new Frame(schema, new ColumnBatch(reservoir.size(), vectors)));
      }
      default ->
          throw node.error(
              "sampling_method '"
                  + method
                  + "' (expected: sample_by_limit, sample_by_ratio or sample_by_count)");
    }
  }

  private static long positive(FlowNode node, ObjectNode sampling, String key) {
    long value = sampling.path(key).asLong(-1);
    if (value <= 0) {
      throw node.error("sampling." + key + " must be a positive whole number");
    }
    return value;
  }

  private static int[] range(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  static Frame rows(Frame frame, int[] rows) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < frame.schema().size(); c++) {
      ColumnWriter w = ColumnWriter.of(frame.schema().column(c).type(), rows.length);
      for (int r : rows) {
        w.append(frame.vector(c), r);
      }
      vectors.add(w.finish());
    }
    return new Frame(frame.schema(), new ColumnBatch(rows.length, vectors));
  }
}
