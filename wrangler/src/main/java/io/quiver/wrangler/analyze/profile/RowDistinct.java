package io.quiver.wrangler.analyze.profile;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.jspecify.annotations.Nullable;

/**
 * Counts distinct rows by their 64-bit hashes: exactly (a set) up to {@value #EXACT_LIMIT} distinct
 * hashes, then with an HLL of 2^21 registers (relative standard error about 0.07%). Not
 * thread-safe.
 */
final class RowDistinct {
  static final int EXACT_LIMIT = 1 << 20;
  private static final int LG_K = 21;

  private @Nullable LongCountMap exact = new LongCountMap();
  private @Nullable HllSketch hll;

  void add(long hash) {
    LongCountMap set = exact;
    if (set != null) {
      set.add(hash, 1);
      if (set.size() > EXACT_LIMIT) {
        toSketch();
      }
      return;
    }
    hll.update(hash);
  }

  private void toSketch() {
    HllSketch sketch = new HllSketch(LG_K, TgtHllType.HLL_8);
    if (exact != null) {
      exact.forEach((hash, count) -> sketch.update(hash));
    }
    exact = null;
    hll = sketch;
  }

  void merge(RowDistinct other) {
    if (exact != null && other.exact != null) {
      LongCountMap mine = exact;
      other.exact.forEach(mine::add);
      if (mine.size() > EXACT_LIMIT) {
        toSketch();
      }
      return;
    }
    if (exact != null) {
      toSketch();
    }
    if (other.exact != null) {
      other.toSketch();
    }
    Union union = new Union(LG_K);
    union.update(hll);
    union.update(other.hll);
    hll = union.getResult(TgtHllType.HLL_8);
  }

  DistinctCount distinct() {
    return exact != null
        ? DistinctCount.exact(exact.size())
        : new DistinctCount(hll.getEstimate(), hll.getLowerBound(2), hll.getUpperBound(2), false);
  }
}
