package io.quiver.wrangler.analyze.profile;

import io.quiver.storage.batch.ColumnBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/*
 * Design: each row gets a pseudo-random key from its row number and the seed; the sample is the
 * rows with the smallest keys. This is a uniform sample without replacement, and because keys do
 * not depend on which worker saw a row, merging the workers' samples gives the same rows on every
 * run. A worker keeps its smallest keys in a max-heap, so most rows cost one hash and a compare.
 */

/** Keeps the rows with the smallest keys: a uniform sample. Not thread-safe. */
final class RowSampler {
  private final int capacity;
  private final long seed;
  private final PriorityQueue<Sampled> heap =
      new PriorityQueue<>(Comparator.comparingLong(Sampled::key).reversed());

  RowSampler(int capacity, long seed) {
    this.capacity = capacity;
    this.seed = seed;
  }

  void add(ColumnBatch batch, long firstRow) {
    if (capacity == 0) {
      return;
    }
    int columns = batch.columns().size();
    for (int r = 0; r < batch.rowCount(); r++) {
      long row = firstRow + r;
      long key = LongCountMap.mix(row * 0x9E3779B97F4A7C15L ^ seed) >>> 1;
      if (heap.size() >= capacity && key >= heap.peek().key()) {
        continue;
      }
      Object[] values = new Object[columns];
      for (int c = 0; c < columns; c++) {
        values[c] = batch.column(c).get(r);
      }
      offer(new Sampled(key, row, values));
    }
  }

  private void offer(Sampled sampled) {
    heap.add(sampled);
    if (heap.size() > capacity) {
      heap.poll();
    }
  }

  void merge(RowSampler other) {
    for (Sampled sampled : other.heap) {
      if (heap.size() < capacity || sampled.key() < heap.peek().key()) {
        offer(sampled);
      }
    }
  }

  /** The sampled rows in dataset order. */
  List<@Nullable Object[]> rows() {
    List<Sampled> sorted = new ArrayList<>(heap);
    sorted.sort(Comparator.comparingLong(Sampled::row));
    List<@Nullable Object[]> rows = new ArrayList<>(sorted.size());
    for (Sampled s : sorted) {
      rows.add(s.values());
    }
    return rows;
  }

  private record Sampled(long key, long row, @Nullable Object[] values) {}
}
