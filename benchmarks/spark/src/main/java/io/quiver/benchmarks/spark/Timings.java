package io.quiver.benchmarks.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Times rounds of named engines in one JVM and keeps, per engine, each round's wall time and peak
 * heap: the heap pools' peak used bytes since a collection just before the round (garbage not yet
 * collected included, so the figure depends on {@code -Xmx}; the same for every engine).
 */
final class Timings {
  private record Round(double millis, double heapMiB) {}

  private final Map<String, List<Round>> rounds = new LinkedHashMap<>();

  /** Runs {@code work} as a round of {@code engine}; counted unless {@code warmUp}. */
  <T> T run(String engine, boolean warmUp, Callable<T> work) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    long start = System.nanoTime();
    T result = work.call();
    double millis = (System.nanoTime() - start) / 1e6;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    double heap = peak / 1048576.0;
    System.out.printf(
        Locale.ROOT,
        "%s%s: %.0f ms, peak heap %.0f MiB%n",
        warmUp ? "warm-up " : "",
        engine,
        millis,
        heap);
    if (!warmUp) {
      rounds.computeIfAbsent(engine, e -> new ArrayList<>()).add(new Round(millis, heap));
    }
    return result;
  }

  /** The median wall time of {@code engine}'s counted rounds, in milliseconds. */
  double medianMillis(String engine) {
    List<Round> counted = rounds.get(engine);
    if (counted == null || counted.isEmpty()) {
      throw new IllegalStateException("No counted round of " + engine + " (rounds < 1)");
    }
    return median(counted.stream().map(Round::millis).toList());
  }

  /** Prints each engine's medians and each one's ratio to {@code baseline}'s. */
  void report(String baseline) {
    double base = medianMillis(baseline);
    for (Map.Entry<String, List<Round>> e : rounds.entrySet()) {
      double millis = medianMillis(e.getKey());
      System.out.printf(
          Locale.ROOT,
          "median of %d: %s %.0f ms (rounds %s), peak heap %.0f MiB (max %.0f), ratio to %s %.2f%n",
          e.getValue().size(),
          e.getKey(),
          millis,
          e.getValue().stream().map(r -> String.format(Locale.ROOT, "%.0f", r.millis())).toList(),
          median(e.getValue().stream().map(Round::heapMiB).toList()),
          e.getValue().stream().mapToDouble(Round::heapMiB).max().orElse(0),
          baseline,
          millis / base);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
