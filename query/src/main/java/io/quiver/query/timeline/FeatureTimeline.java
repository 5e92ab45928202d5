package io.quiver.query.timeline;

import static java.util.Objects.requireNonNull;

import io.quiver.query.history.HistoryBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * Design: the point-in-time join operator. Build: every row that passes the rules' filters gets
 * an int key per record identifier, numbered by first appearance (identifiers read from files
 * carry IdentifierCodes codes, mapped to keys through an int array, so only one String per
 * distinct identifier is hashed; other batches go through a HashMap), rows are bucketed by key
 * with a counting sort that scatters event times and packed (batch, row, deleted) refs straight
 * from the batches, each bucket is sorted by (event time, api_invocation_time, write_time) unless
 * already sorted (files are per hour, so it usually is), then deletes and deduplication are
 * applied in place, in one pass per bucket. The result is flat primitive arrays: per key a run of
 * event times, ascending. Probe: hash the identifier, binary-search the run for the last event
 * time <= the base time. Build is O(n) plus the sort of unsorted buckets; a probe is O(log run).
 * Integral and Fractional identifiers are keyed by their canonical text (Long.toString,
 * Double.toString), and probes are parsed to the same form, so a base's 7, +7 or 007 finds the
 * record 7, as a typed join would. The class exceeds 300 lines because build, index and probe
 * share these array layouts.
 */

/**
 * One feature group's history indexed for as-of lookups: per record identifier, the rows that count
 * under {@link HistoryRules}, sorted by event time. Immutable and thread-safe once built.
 */
public final class FeatureTimeline {
  private final List<HistoryBatch> batches;
  private final ColumnKind idKind;
  private final Map<String, Integer> keys;
  private final int[] keyStart;
  private final long[] events;
  // Per position: batch << 33 | row << 1 | deleted (see ref()).
  private final long[] refs;

  private FeatureTimeline(
      List<HistoryBatch> batches,
      ColumnKind idKind,
      Map<String, Integer> keys,
      int[] keyStart,
      long[] events,
      long[] refs) {
    this.batches = batches;
    this.idKind = idKind;
    this.keys = keys;
    this.keyStart = keyStart;
    this.events = events;
    this.refs = refs;
  }

  /**
   * Indexes {@code batches} by the values of feature {@code identifier}.
   *
   * @throws IllegalArgumentException if the batches lack the identifier feature
   */
  public static FeatureTimeline build(
      List<HistoryBatch> batches, String identifier, HistoryRules rules) {
    int total = 0;
    for (HistoryBatch b : batches) {
      total += b.rowCount();
    }
    // Per row of all batches in order, its key, or -1 if a filter drops it.
    int[] rowKeys = new int[total];
    // Times are fetched lazily (see HistoryBatch): only asOf needs every write time, and only
    // rows with equal event times need api_invocation_time.
    boolean asOf = rules.asOfMicros() != Long.MAX_VALUE;
    Map<String, Integer> keys = new HashMap<>();
    // Interned identifiers (ColumnVector#code): code -> key + 1, so each distinct identifier is
    // hashed once; keys stay numbered by first appearance whatever order the codes came in.
    int[] keyOfCode = new int[0];
    ColumnKind idKind = ColumnKind.STRING;
    int n = 0;
    int global = 0;
    for (int bi = 0; bi < batches.size(); bi++) {
      HistoryBatch b = batches.get(bi);
      ColumnVector ids = b.feature(identifier);
      idKind = ids.kind();
      boolean coded = ids.hasCodes();
      @Nullable ColumnVector writes = asOf ? b.writeTime() : null;
      ColumnVector marks = b.deleted();
      long[] micros = b.eventMicros();
      for (int r = 0, rows = b.rowCount(); r < rows; r++, global++) {
        long e = micros[r];
        // Coded identifiers are looked up as strings only the first time their code is seen.
        String id = coded ? null : text(ids, r);
        rowKeys[global] = -1;
        if ((coded ? ids.code(r) < 0 : id == null)
            || e == Long.MIN_VALUE
            || e < rules.fromMicros()
            || e > rules.toMicros()
            || (writes != null && !writes.isNull(r) && writes.getLong(r) > rules.asOfMicros())) {
          continue;
        }
        int key;
        if (coded) {
          int code = ids.code(r);
          if (code >= keyOfCode.length) {
            keyOfCode = Arrays.copyOf(keyOfCode, Math.max(code + 1, keyOfCode.length * 2));
          }
          key = keyOfCode[code] - 1;
          if (key < 0) {
            key = keyOf(keys, requireNonNull(ids.getString(r)));
            keyOfCode[code] = key + 1;
          }
        } else {
          key = keyOf(keys, requireNonNull(id));
        }
        rowKeys[global] = key;
        n++;
      }
    }
    return index(batches, idKind, keys, rowKeys, n, rules);
  }

  /** A row's identifier as text, a number in its canonical form, or null. */
  private static @Nullable String text(ColumnVector ids, int row) {
    if (ids.isNull(row)) {
      return null;
    }
    return switch (ids.kind()) {
      case LONG -> Long.toString(ids.getLong(row));
      case DOUBLE -> canonical(ids.getDouble(row));
      default -> ids.getString(row);
    };
  }

  private static String canonical(double value) {
    return Double.toString(value == 0 ? 0d : value);
  }

  /**
   * {@code identifier} in the form this timeline keys its identifiers by: as it is for String
   * identifiers, the canonical text of the number it denotes for Integral and Fractional ones, or
   * null if it denotes none.
   */
  private @Nullable String canonical(String identifier) {
    if (idKind != ColumnKind.LONG && idKind != ColumnKind.DOUBLE) {
      return identifier;
    }
    String text = identifier.strip();
    if (idKind == ColumnKind.LONG) {
      try {
        return Long.toString(Long.parseLong(text));
      } catch (NumberFormatException e) {
        // Not an integer literal; a decimal such as 7.0 (a float column) may still denote one.
      }
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
    if (idKind == ColumnKind.DOUBLE) {
      return canonical(value);
    }
    boolean integral =
        value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63 && !Double.isNaN(value);
    return integral ? Long.toString((long) value) : null;
  }

  private static int keyOf(Map<String, Integer> keys, String id) {
    Integer key = keys.get(id);
    if (key == null) {
      key = keys.size();
      keys.put(id, key);
    }
    return key;
  }

  private static long ref(int batch, int row, boolean deleted) {
    return (long) batch << 33 | (long) row << 1 | (deleted ? 1 : 0);
  }

  private static int batchOf(long ref) {
    return (int) (ref >>> 33);
  }

  private static int rowOf(long ref) {
    return (int) (ref >>> 1) & Integer.MAX_VALUE;
  }

  private static boolean deletedOf(long ref) {
    return (ref & 1) != 0;
  }

  /**
   * Buckets the {@code n} candidates by key (counting sort, stable), sorts each bucket by time when
   * it is not already, applies deletes and deduplication in place, and compacts.
   */
  private static FeatureTimeline index(
      List<HistoryBatch> batches,
      ColumnKind idKind,
      Map<String, Integer> keys,
      int[] rowKeys,
      int n,
      HistoryRules rules) {
    int keyCount = keys.size();
    int[] start = new int[keyCount + 1];
    for (int key : rowKeys) {
      start[key + 1]++; // dropped rows (-1) count in start[0], cleared below
    }
    start[0] = 0;
    for (int k = 0; k < keyCount; k++) {
      start[k + 1] += start[k];
    }
    // Scatter into bucket order straight from the batches (two arrays: the scatter is bound by
    // cache misses, and large temporary arrays cost G1 humongous allocations); the per-bucket
    // passes below then read sequentially.
    long[] events = new long[n];
    long[] refs = new long[n];
    int[] fill = start.clone();
    int global = 0;
    for (int bi = 0; bi < batches.size(); bi++) {
      HistoryBatch b = batches.get(bi);
      long[] micros = b.eventMicros();
      ColumnVector marks = b.deleted();
      boolean noMarks = marks.isAllZero(); // the usual file: is_deleted all false
      for (int r = 0, rows = b.rowCount(); r < rows; r++, global++) {
        int key = rowKeys[global];
        if (key >= 0) {
          int p = fill[key]++;
          events[p] = micros[r];
          refs[p] = ref(bi, r, !noMarks && !marks.isNull(r) && marks.getLong(r) != 0);
        }
      }
    }
    // Compares positions within a bucket by (event, api_invocation_time, write_time).
    IntSorter.IntComparator byTime =
        (a, b) -> {
          int cmp = Long.compare(events[a], events[b]);
          if (cmp != 0) {
            return cmp;
          }
          HistoryBatch ba = batches.get(batchOf(refs[a]));
          HistoryBatch bb = batches.get(batchOf(refs[b]));
          int ra = rowOf(refs[a]);
          int rb = rowOf(refs[b]);
          cmp = Long.compare(time(ba.apiInvocationTime(), ra), time(bb.apiInvocationTime(), rb));
          return cmp != 0 ? cmp : Long.compare(time(ba.writeTime(), ra), time(bb.writeTime(), rb));
        };
    int[] end = new int[keyCount];
    int kept = 0;
    for (int k = 0; k < keyCount; k++) {
      int s = start[k];
      int e = start[k + 1];
      boolean strict = isStrictlyIncreasing(events, s, e);
      if (!strict) {
        sortBucket(events, refs, s, e, byTime);
      }
      int keepFrom = s;
      if (!rules.includeDeleted()) {
        for (int p = e - 1; p >= s; p--) {
          if (deletedOf(refs[p])) {
            keepFrom = p + 1;
            // Rows identical to the marker in (event, api, write) are not later than it.
            while (keepFrom < e && byTime.compare(keepFrom, p) == 0) {
              keepFrom++;
            }
            break;
          }
        }
      }
      // Compact in place: the write position never passes the read position.
      int out = s;
      boolean dedup = !rules.includeDuplicated() && !strict;
      for (int p = keepFrom; p < e; p++) {
        boolean lastOfTime = !dedup || p + 1 == e || events[p + 1] != events[p];
        if (lastOfTime && (rules.includeMarkers() || !deletedOf(refs[p]))) {
          events[out] = events[p];
          refs[out] = refs[p];
          out++;
        }
      }
      end[k] = out;
      kept += out - s;
    }
    if (kept == n) {
      return new FeatureTimeline(List.copyOf(batches), idKind, keys, start, events, refs);
    }
    int[] keyStart = new int[keyCount + 1];
    long[] outEvents = new long[kept];
    long[] outRefs = new long[kept];
    int out = 0;
    for (int k = 0; k < keyCount; k++) {
      int len = end[k] - start[k];
      keyStart[k] = out;
      System.arraycopy(events, start[k], outEvents, out, len);
      System.arraycopy(refs, start[k], outRefs, out, len);
      out += len;
    }
    keyStart[keyCount] = out;
    return new FeatureTimeline(List.copyOf(batches), idKind, keys, keyStart, outEvents, outRefs);
  }

  /** Sorts positions {@code [s, e)} by {@code byTime} (stable), unless already sorted. */
  private static void sortBucket(
      long[] events, long[] refs, int s, int e, IntSorter.IntComparator byTime) {
    int[] order = new int[e - s];
    for (int p = s; p < e; p++) {
      order[p - s] = p;
    }
    if (isSorted(order, 0, order.length, byTime)) {
      return;
    }
    IntSorter.sort(order, 0, order.length, new int[order.length], byTime);
    long[] sortedEvents = new long[order.length];
    long[] sortedRefs = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      sortedEvents[i] = events[order[i]];
      sortedRefs[i] = refs[order[i]];
    }
    System.arraycopy(sortedEvents, 0, events, s, order.length);
    System.arraycopy(sortedRefs, 0, refs, s, order.length);
  }

  private static boolean isStrictlyIncreasing(long[] events, int from, int to) {
    for (int p = from + 1; p < to; p++) {
      if (events[p - 1] >= events[p]) {
        return false;
      }
    }
    return true;
  }

  private static long time(ColumnVector v, int row) {
    return v.isNull(row) ? Long.MIN_VALUE : v.getLong(row);
  }

  private static boolean isSorted(int[] order, int from, int to, IntSorter.IntComparator c) {
    for (int p = from + 1; p < to; p++) {
      if (c.compare(order[p - 1], order[p]) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The number of rows that count. */
  public int size() {
    return keyStart[keyStart.length - 1];
  }

  /**
   * The key of {@code identifier} for {@link #find(int, long)}, or -1 if it has no rows. For an
   * Integral or Fractional identifier feature, any text of the same number finds it (7, +7, 007,
   * 7.0).
   */
  public int keyOf(@Nullable String identifier) {
    String text = identifier == null ? null : canonical(identifier);
    Integer key = text == null ? null : keys.get(text);
    return key == null ? -1 : key;
  }

  /**
   * The position of the latest row of {@code identifier} with event time at or before {@code
   * atMicros} (the last of its ties), or -1 if there is none.
   */
  public int find(@Nullable String identifier, long atMicros) {
    return find(keyOf(identifier), atMicros);
  }

  /** As {@link #find(String, long)}, by key ({@link #keyOf}); -1 for key -1. */
  public int find(int key, long atMicros) {
    if (key < 0) {
      return -1;
    }
    int lo = keyStart[key];
    int hi = keyStart[key + 1] - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (events[mid] <= atMicros) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The first position with the same identifier and event time as {@code position}. */
  public int firstTie(int position) {
    int p = position;
    while (p > 0 && events[p - 1] == events[position] && sameKey(p - 1, position)) {
      p--;
    }
    return p;
  }

  private boolean sameKey(int a, int b) {
    // Runs are contiguous; two positions share a key iff no run boundary lies between them.
    int lo = 0;
    int hi = keyStart.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (keyStart[mid] <= a) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return keyStart[lo + 1] > b;
  }

  /** The event time (micros) at {@code position}. */
  public long eventMicros(int position) {
    return events[position];
  }

  /** Every position, in (identifier, event time) order; for feature-group bases. */
  public int[] positions() {
    int[] all = new int[size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /**
   * The index of feature {@code name} for {@link #value(int, int)}.
   *
   * @throws IllegalArgumentException if the batches lack the feature
   */
  public int featureIndex(String name) {
    if (batches.isEmpty()) {
      return 0; // no position exists, so the index is never used
    }
    int i = batches.get(0).features().indexOf(name);
    for (HistoryBatch b : batches) {
      if (i < 0 || !name.equals(b.features().get(i))) {
        throw new IllegalArgumentException(
            "name: " + name + " (expected: one of " + b.features() + ")");
      }
    }
    return i;
  }

  /**
   * The value of the feature of index {@code feature} ({@link #featureIndex}) at {@code position},
   * or null.
   */
  public @Nullable Object value(int position, int feature) {
    long ref = refs[position];
    return batches.get(batchOf(ref)).feature(feature).get(rowOf(ref));
  }

  /** The value of feature {@code name} at {@code position}, in its SQL mapping, or null. */
  public @Nullable Object value(int position, String name) {
    return batches.get(batchOf(refs[position])).feature(name).get(rowOf(refs[position]));
  }

  /** The vector holding feature {@code name} at {@code position}; see {@link #row}. */
  public ColumnVector vector(int position, String name) {
    return batches.get(batchOf(refs[position])).feature(name);
  }

  /** The batch holding {@code position}; its row there is {@link #row}. */
  public HistoryBatch batch(int position) {
    return batches.get(batchOf(refs[position]));
  }

  /** The number of batches positions refer to ({@link #batchIndex}). */
  public int batchCount() {
    return batches.size();
  }

  /** The index of the batch holding {@code position}, below {@link #batchCount()}. */
  public int batchIndex(int position) {
    return batchOf(refs[position]);
  }

  /** The batch of index {@code index} ({@link #batchIndex}). */
  public HistoryBatch batchAt(int index) {
    return batches.get(index);
  }

  /** The row within {@link #vector}'s vector of {@code position}. */
  public int row(int position) {
    return rowOf(refs[position]);
  }
}
