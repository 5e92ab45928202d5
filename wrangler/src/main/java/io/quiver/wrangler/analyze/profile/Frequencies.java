package io.quiver.wrangler.analyze.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/*
 * Design: counts stay exact (a hash map) while a column has few distinct values, which is where
 * most and least frequent values mean something. Past EXACT_LIMIT distinct values the counter
 * turns into two sketches: an HLL for the distinct count and a frequent-items sketch for the most
 * frequent values. The switch feeds the sketches the map's keys (with their counts), which gives
 * the same sketches as feeding every value, because both summarise sets and weighted items. Least
 * frequent values are only known while exact.
 */

/** Shared limits and helpers of the value counters. */
final class Frequencies {
  /** Distinct values counted exactly before switching to sketches. */
  static final int EXACT_LIMIT = 10_000;

  /** HLL size: 2^12 registers. */
  static final int LG_K = 12;

  /** Frequent-items sketch map size: error at most 3.5 / 256 of the column's count. */
  static final int FREQUENT_MAP_SIZE = 256;

  /** Values listed as most frequent (enough for a category domain). */
  static final int LISTED_MOST = 100;

  /** Values listed as least frequent. */
  static final int LISTED_LEAST = 10;

  static final ErrorType ERROR_TYPE = ErrorType.NO_FALSE_NEGATIVES;

  private Frequencies() {}

  static HllSketch newHll() {
    return new HllSketch(LG_K, TgtHllType.HLL_8);
  }

  static HllSketch union(HllSketch a, HllSketch b) {
    Union union = new Union(LG_K);
    union.update(a);
    union.update(b);
    return union.getResult(TgtHllType.HLL_8);
  }

  static DistinctCount distinct(HllSketch hll) {
    return new DistinctCount(hll.getEstimate(), hll.getLowerBound(2), hll.getUpperBound(2), false);
  }

  /** The {@link #LISTED_MOST} most frequent, then by value text. */
  static List<ValueCount> most(List<ValueCount> all) {
    List<ValueCount> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
    return List.copyOf(sorted.subList(0, Math.min(LISTED_MOST, sorted.size())));
  }

  /** The {@link #LISTED_LEAST} least frequent, then by value text. */
  static List<ValueCount> least(List<ValueCount> all) {
    List<ValueCount> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingLong(ValueCount::count).thenComparing(ValueCount::value));
    return List.copyOf(sorted.subList(0, Math.min(LISTED_LEAST, sorted.size())));
  }
}
