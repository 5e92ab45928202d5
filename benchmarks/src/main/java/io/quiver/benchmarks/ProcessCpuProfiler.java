package io.quiver.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting the CPU time the whole benchmark process spent per operation: every
 * thread counts, the benchmark's own and the background ones (Quiver's flusher, RocksDB's flushes
 * and compactions, the garbage collector, the JIT). On a machine shared with other work this moves
 * much less than throughput does, so it tells what a change costs when wall-clock figures are
 * noisy.
 *
 * <p>{@code ·cpu.caller} counts only the threads that run the benchmark method: the cost a caller
 * pays in its own thread, while background work may run on another core.
 *
 * <p>On Linux, {@code ·cpu.rocksdb}, {@code ·cpu.quiver}, {@code ·cpu.gc} and {@code ·cpu.jit}
 * split the rest by thread name (RocksDB's flush and compaction threads, Quiver's own background
 * threads, the garbage collector's, the JIT compiler's), from {@code /proc/self/task}, at the
 * kernel's clock tick resolution: what a change moved can then be told from what the machine's
 * noise moved.
 *
 * <p>Use: {@code java -jar benchmarks/target/benchmarks.jar IngestBenchmark -prof
 * io.quiver.benchmarks.ProcessCpuProfiler}; the results are {@code ·cpu} and {@code ·cpu.caller} in
 * ns/op.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
  /** Thread groups by the start of their kernel thread names (15 characters at most). */
  private static final Map<String, List<String>> GROUPS =
      Map.of(
          "rocksdb", List.of("rocksdb:"),
          "quiver", List.of("quiver-"),
          "gc", List.of("GC Thread", "G1 ", "VM Thread"),
          "jit", List.of("C1 CompilerThre", "C2 CompilerThre"));

  /** Linux reports thread times in USER_HZ ticks, 100 a second on every architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private long startNanos;
  private long startWorkerNanos;
  private Map<String, ThreadTime> startThreads = Map.of();

  @Override
  public String getDescription() {
    return "Process CPU time per operation, all threads included";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = processCpuNanos();
    startWorkerNanos = workerCpuNanos();
    startThreads = threadTimes();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long used = processCpuNanos() - startNanos;
    long usedByWorkers = workerCpuNanos() - startWorkerNanos;
    long ops = result.getMetadata().getMeasuredOps();
    List<Result> results = new ArrayList<>();
    results.add(new ScalarResult("cpu", perOp(used, ops), "ns/op", AggregationPolicy.AVG));
    results.add(
        new ScalarResult("cpu.caller", perOp(usedByWorkers, ops), "ns/op", AggregationPolicy.AVG));
    Map<String, Long> groups = new LinkedHashMap<>();
    for (String group : List.of("rocksdb", "quiver", "gc", "jit")) {
      groups.put(group, 0L);
    }
    Map<String, ThreadTime> now = threadTimes();
    for (Map.Entry<String, ThreadTime> thread : now.entrySet()) {
      // Threads that ended during the iteration are not counted; those that started, in full.
      ThreadTime before = startThreads.get(thread.getKey());
      long nanos = thread.getValue().nanos() - (before == null ? 0 : before.nanos());
      groups.merge(thread.getValue().group(), nanos, Long::sum);
    }
    if (!now.isEmpty()) {
      for (Map.Entry<String, Long> group : groups.entrySet()) {
        results.add(
            new ScalarResult(
                "cpu." + group.getKey(),
                perOp(group.getValue(), ops),
                "ns/op",
                AggregationPolicy.AVG));
      }
    }
    return results;
  }

  /** The CPU time so far of a thread of one of the {@link #GROUPS}. */
  private record ThreadTime(String group, long nanos) {}

  /**
   * The CPU time so far of each thread of the {@link #GROUPS}, by thread id, or nothing where
   * {@code /proc/self/task} cannot be read.
   */
  private static Map<String, ThreadTime> threadTimes() {
    Map<String, ThreadTime> times = new LinkedHashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        String group = groupOf(name);
        if (group != null) {
          // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          times.put(
              String.valueOf(task.getFileName()), new ThreadTime(group, ticks * NANOS_PER_TICK));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return times;
  }

  private static @Nullable String groupOf(String threadName) {
    for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
      for (String prefix : group.getValue()) {
        if (threadName.startsWith(prefix)) {
          return group.getKey();
        }
      }
    }
    return null;
  }

  private static double perOp(long nanos, long ops) {
    return ops == 0 ? Double.NaN : (double) nanos / ops;
  }

  /**
   * CPU time of the threads running the benchmark method (JMH names them {@code *-jmh-worker-N}).
   */
  private static long workerCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, nanos);
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
