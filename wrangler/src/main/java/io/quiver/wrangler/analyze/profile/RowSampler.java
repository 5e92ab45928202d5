package io.quiver.wrangler.analyze.profile;

import io.quiver.storage.batch.ColumnBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Design: each row gets a pseudo-random key from its row number and the seed; the sample is the
 * rows with the smallest keys. This is a uniform sample without replacement, and because keys do
 * not depend on which worker saw a row, merging the workers' samples gives the same rows on every
 * run. A worker keeps its smallest keys in a binary max-heap over primitive arrays (keys, row
 * numbers, and the slot of each row's values), so most rows cost one hash and one compare, and an
 * admitted row costs a sift of longs, not of objects through a comparator.
 */

/** Keeps the rows with the smallest keys: a uniform sample. Not thread-safe. */
final class RowSampler {
  private final int capacity;
  private final long seed;
  private long[] keys = new long[16];
  private long[] rows = new long[16];
  private @Nullable Object[][] values = new Object[16][];
  private int size;

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
      if (size >= capacity && key >= keys[0]) {
        continue;
      }
      Object[] rowValues = new Object[columns];
      for (int c = 0; c < columns; c++) {
        rowValues[c] = batch.column(c).get(r);
      }
      offer(key, row, rowValues);
    }
  }

  private void offer(long key, long row, @Nullable Object[] rowValues) {
    if (size < capacity) {
      if (size == keys.length) {
        int grown = Math.min(capacity, size * 2);
        keys = Arrays.copyOf(keys, grown);
        rows = Arrays.copyOf(rows, grown);
        values = Arrays.copyOf(values, grown);
      }
      keys[size] = key;
      rows[size] = row;
      values[size] = rowValues;
      siftUp(size++);
      return;
    }
    if (key >= keys[0]) {
      return;
    }
    keys[0] = key;
    rows[0] = row;
    values[0] = rowValues;
    siftDown(0);
  }

  private void siftUp(int at) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (keys[parent] >= keys[at]) {
        return;
      }
      swap(at, parent);
      at = parent;
    }
  }

  private void siftDown(int at) {
    while (true) {
      int left = 2 * at + 1;
      if (left >= size) {
        return;
      }
      int larger = left + 1 < size && keys[left + 1] > keys[left] ? left + 1 : left;
      if (keys[at] >= keys[larger]) {
        return;
      }
      swap(at, larger);
      at = larger;
    }
  }

  private void swap(int a, int b) {
    long k = keys[a];
    keys[a] = keys[b];
    keys[b] = k;
    long r = rows[a];
    rows[a] = rows[b];
    rows[b] = r;
    Object[] v = values[a];
    values[a] = values[b];
    values[b] = v;
  }

  void merge(RowSampler other) {
    for (int i = 0; i < other.size; i++) {
      if (size < capacity || other.keys[i] < keys[0]) {
        offer(other.keys[i], other.rows[i], other.values[i]);
      }
    }
  }

  /** The sampled rows in dataset order. */
  List<@Nullable Object[]> rows() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(rows[a], rows[b]));
    List<@Nullable Object[]> sorted = new ArrayList<>(size);
    for (int i : order) {
      sorted.add(values[i]);
    }
    return sorted;
  }
}
