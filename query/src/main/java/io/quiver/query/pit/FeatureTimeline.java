package io.quiver.query.pit;

import io.quiver.query.history.HistoryBatch;
import io.quiver.query.parquet.ColumnVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * Design: the point-in-time join operator. Build: every row that passes the rules' filters gets
 * an int key per record identifier (a HashMap over the identifier Strings, whose hash codes are
 * cached because the Parquet reader shares dictionary strings), rows are bucketed by key with a
 * counting sort, each bucket is sorted by (event time, api_invocation_time, write_time) (usually
 * already sorted: files are per hour), then deletes and deduplication are applied in one pass per
 * bucket. The result is flat primitive arrays: per key a run of event times, ascending. Probe:
 * hash the identifier, binary-search the run for the last event time <= the base time. Build is
 * O(n) plus the sort of unsorted buckets; a probe is O(log run).
 */

/**
 * One feature group's history indexed for as-of lookups: per record identifier, the rows that
 * count under {@link HistoryRules}, sorted by event time. Immutable and thread-safe once built.
 */
public final class FeatureTimeline {
  private final List<HistoryBatch> batches;
  private final Map<String, Integer> keys;
  private final int[] keyStart;
  private final long[] events;
  private final int[] refBatch;
  private final int[] refRow;

  private FeatureTimeline(
      List<HistoryBatch> batches,
      Map<String, Integer> keys,
      int[] keyStart,
      long[] events,
      int[] refBatch,
      int[] refRow) {
    this.batches = batches;
    this.keys = keys;
    this.keyStart = keyStart;
    this.events = events;
    this.refBatch = refBatch;
    this.refRow = refRow;
  }

  /**
   * Indexes {@code batches} by the values of feature {@code identifier}.
   *
   * @throws IllegalArgumentException if the batches lack the identifier feature
   */
  public static FeatureTimeline build(List<HistoryBatch> batches, String identifier, HistoryRules rules) {
    int total = 0;
    for (HistoryBatch b : batches) {
      total += b.rowCount();
    }
    int[] candBatch = new int[total];
    int[] candRow = new int[total];
    int[] candKey = new int[total];
    long[] event = new long[total];
    // Times are fetched lazily (see HistoryBatch): only asOf needs every write time, and only
    // rows with equal event times need api_invocation_time.
    boolean asOf = rules.asOfMicros() != Long.MAX_VALUE;
    boolean[] deleted = new boolean[total];
    Map<String, Integer> keys = new HashMap<>();
    int n = 0;
    for (int bi = 0; bi < batches.size(); bi++) {
      HistoryBatch b = batches.get(bi);
      ColumnVector ids = b.feature(identifier);
      @Nullable ColumnVector writes = asOf ? b.writeTime() : null;
      ColumnVector marks = b.deleted();
      long[] micros = b.eventMicros();
      for (int r = 0; r < b.rowCount(); r++) {
        long e = micros[r];
        String id = ids.getString(r);
        if (id == null || e == Long.MIN_VALUE || e < rules.fromMicros() || e > rules.toMicros()
            || (writes != null && !writes.isNull(r) && writes.getLong(r) > rules.asOfMicros())) {
          continue;
        }
        Integer key = keys.get(id);
        if (key == null) {
          key = keys.size();
          keys.put(id, key);
        }
        candBatch[n] = bi;
        candRow[n] = r;
        candKey[n] = key;
        event[n] = e;
        deleted[n] = !marks.isNull(r) && marks.getLong(r) != 0;
        n++;
      }
    }
    int keyCount = keys.size();
    int[] start = new int[keyCount + 1];
    for (int i = 0; i < n; i++) {
      start[candKey[i] + 1]++;
    }
    for (int k = 0; k < keyCount; k++) {
      start[k + 1] += start[k];
    }
    int[] order = new int[n];
    int[] fill = start.clone();
    for (int i = 0; i < n; i++) {
      order[fill[candKey[i]]++] = i;
    }
    IntSorter.IntComparator byTime = (a, b) -> {
      int c = Long.compare(event[a], event[b]);
      if (c != 0) {
        return c;
      }
      HistoryBatch ba = batches.get(candBatch[a]);
      HistoryBatch bb = batches.get(candBatch[b]);
      c = Long.compare(time(ba.apiInvocationTime(), candRow[a]), time(bb.apiInvocationTime(), candRow[b]));
      return c != 0 ? c : Long.compare(time(ba.writeTime(), candRow[a]), time(bb.writeTime(), candRow[b]));
    };
    int[] buffer = new int[n];
    int[] outStart = new int[keyCount + 1];
    long[] outEvents = new long[n];
    int[] outBatch = new int[n];
    int[] outRow = new int[n];
    int out = 0;
    for (int k = 0; k < keyCount; k++) {
      int s = start[k];
      int e = start[k + 1];
      if (!isSorted(order, s, e, byTime)) {
        IntSorter.sort(order, s, e, buffer, byTime);
      }
      int keepFrom = s;
      if (!rules.includeDeleted()) {
        for (int p = e - 1; p >= s; p--) {
          if (deleted[order[p]]) {
            int marker = order[p];
            keepFrom = p + 1;
            // Rows identical to the marker in (event, api, write) are not later than it.
            while (keepFrom < e && byTime.compare(order[keepFrom], marker) == 0) {
              keepFrom++;
            }
            break;
          }
        }
      }
      outStart[k] = out;
      for (int p = keepFrom; p < e; p++) {
        int i = order[p];
        boolean lastOfTime = p + 1 == e || event[order[p + 1]] != event[i];
        if ((rules.includeDuplicated() || lastOfTime) && !deleted[i]) {
          outEvents[out] = event[i];
          outBatch[out] = candBatch[i];
          outRow[out] = candRow[i];
          out++;
        }
      }
    }
    outStart[keyCount] = out;
    return new FeatureTimeline(List.copyOf(batches), keys, outStart, outEvents, outBatch, outRow);
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
   * The position of the latest row of {@code identifier} with event time at or before {@code
   * atMicros} (the last of its ties), or -1 if there is none.
   */
  public int find(@Nullable String identifier, long atMicros) {
    if (identifier == null) {
      return -1;
    }
    Integer key = keys.get(identifier);
    if (key == null) {
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

  /** The value of feature {@code name} at {@code position}, in its SQL mapping, or null. */
  public @Nullable Object value(int position, String name) {
    return batches.get(refBatch[position]).feature(name).get(refRow[position]);
  }

  /** The vector holding feature {@code name} at {@code position}; see {@link #row}. */
  public ColumnVector vector(int position, String name) {
    return batches.get(refBatch[position]).feature(name);
  }

  /** The row within {@link #vector}'s vector of {@code position}. */
  public int row(int position) {
    return refRow[position];
  }
}
