package io.quiver.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
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
 * <p>Use: {@code java -jar benchmarks/target/benchmarks.jar IngestBenchmark -prof
 * io.quiver.benchmarks.ProcessCpuProfiler}; the results are {@code ·cpu} and {@code ·cpu.caller} in
 * ns/op.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
  private long startNanos;
  private long startWorkerNanos;

  @Override
  public String getDescription() {
    return "Process CPU time per operation, all threads included";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = processCpuNanos();
    startWorkerNanos = workerCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long used = processCpuNanos() - startNanos;
    long usedByWorkers = workerCpuNanos() - startWorkerNanos;
    long ops = result.getMetadata().getMeasuredOps();
    return List.of(
        new ScalarResult("cpu", perOp(used, ops), "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.caller", perOp(usedByWorkers, ops), "ns/op", AggregationPolicy.AVG));
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
