package io.quiver.wrangler.analyze.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.jspecify.annotations.Nullable;

/**
 * Counts of the values of a numeric column by their 64-bit key (the long, or the double's bits):
 * exact, then sketched (see {@link Frequencies}). Not thread-safe.
 */
final class NumericCounts {
  private @Nullable LongCountMap exact = new LongCountMap();
  private @Nullable HllSketch hll;
  private @Nullable LongsSketch frequent;

  void add(long key) {
    LongCountMap map = exact;
    if (map != null) {
      map.add(key, 1);
      if (map.size() > Frequencies.EXACT_LIMIT) {
        toSketches();
      }
      return;
    }
    hll.update(key);
    frequent.update(key);
  }

  private void toSketches() {
    HllSketch h = Frequencies.newHll();
    LongsSketch f = new LongsSketch(Frequencies.FREQUENT_MAP_SIZE);
    if (exact != null) {
      exact.forEach(
          (key, count) -> {
            h.update(key);
            f.update(key, count);
          });
    }
    exact = null;
    hll = h;
    frequent = f;
  }

  void merge(NumericCounts other) {
    if (exact != null && other.exact != null) {
      LongCountMap mine = exact;
      other.exact.forEach(mine::add);
      if (mine.size() > Frequencies.EXACT_LIMIT) {
        toSketches();
      }
      return;
    }
    if (exact != null) {
      toSketches();
    }
    if (other.exact != null) {
      other.toSketches();
    }
    hll = Frequencies.union(hll, other.hll);
    frequent.merge(other.frequent);
  }

  boolean exact() {
    return exact != null;
  }

  DistinctCount distinct() {
    return exact != null ? DistinctCount.exact(exact.size()) : Frequencies.distinct(hll);
  }

  /** Every value with its count (exact), or the sketch's frequent items (estimates). */
  List<ValueCount> counts(LongFunction<String> text) {
    List<ValueCount> all = new ArrayList<>();
    if (exact != null) {
      exact.forEach((key, count) -> all.add(new ValueCount(text.apply(key), count)));
    } else {
      for (LongsSketch.Row row : frequent.getFrequentItems(Frequencies.ERROR_TYPE)) {
        all.add(new ValueCount(text.apply(row.getItem()), row.getEstimate()));
      }
    }
    return all;
  }
}
