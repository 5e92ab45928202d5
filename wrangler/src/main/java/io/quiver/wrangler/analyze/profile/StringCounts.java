package io.quiver.wrangler.analyze.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.jspecify.annotations.Nullable;

/** Counts of the values of a text column: exact, then sketched (see {@link Frequencies}). */
final class StringCounts {
  private @Nullable Map<String, long[]> exact = new HashMap<>();
  private @Nullable HllSketch hll;
  private @Nullable ItemsSketch<String> frequent;

  void add(String value) {
    Map<String, long[]> map = exact;
    if (map != null) {
      long[] count = map.get(value);
      if (count != null) {
        count[0]++;
        return;
      }
      map.put(value, new long[] {1});
      if (map.size() > Frequencies.EXACT_LIMIT) {
        toSketches();
      }
      return;
    }
    hll.update(value);
    frequent.update(value);
  }

  private void toSketches() {
    HllSketch h = Frequencies.newHll();
    ItemsSketch<String> f = new ItemsSketch<>(Frequencies.FREQUENT_MAP_SIZE);
    if (exact != null) {
      for (Map.Entry<String, long[]> e : exact.entrySet()) {
        h.update(e.getKey());
        f.update(e.getKey(), e.getValue()[0]);
      }
    }
    exact = null;
    hll = h;
    frequent = f;
  }

  void merge(StringCounts other) {
    if (exact != null && other.exact != null) {
      for (Map.Entry<String, long[]> e : other.exact.entrySet()) {
        exact.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
      }
      if (exact.size() > Frequencies.EXACT_LIMIT) {
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

  List<ValueCount> counts() {
    List<ValueCount> all = new ArrayList<>();
    if (exact != null) {
      exact.forEach((value, count) -> all.add(new ValueCount(value, count[0])));
    } else {
      for (ItemsSketch.Row<String> row : frequent.getFrequentItems(Frequencies.ERROR_TYPE)) {
        all.add(new ValueCount(row.getItem(), row.getEstimate()));
      }
    }
    return all;
  }
}
