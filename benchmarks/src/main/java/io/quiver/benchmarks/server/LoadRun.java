package io.quiver.benchmarks.server;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code clients} concurrent callers of a {@link LoadClient} for a warm-up and a measured
 * period, each with one call in flight.
 *
 * <p>Closed loop: a caller sends its next call as soon as the previous one answers; latency is
 * service time. Fixed rate: the callers share {@code rate} calls per second on a fixed schedule
 * kept on the client's transport threads; latency is measured from each call's intended start, so a
 * stalled server is charged for the calls it delayed (no coordinated omission). Thread-safe:
 * callers run on transport threads; the {@link Recorder} is their only shared state.
 */
final class LoadRun {
  /** Result of the measured period. */
  record Result(long calls, long errors, double seconds, Histogram latencyMicros) {
    double throughput() {
      return calls / seconds;
    }
  }

  private final LoadClient client;
  private final int clients;
  private final long intervalNanos; // per caller; 0 = closed loop
  private final int keys;
  private final ScheduledExecutorService scheduler;
  private final Recorder recorder = new Recorder(3);
  private final LongAdder calls = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private volatile boolean running = true;
  private volatile boolean measuring;

  /**
   * Calls (intended to be) started before this are not measured: in fixed-rate mode, a backlog left
   * by the warm-up would otherwise be charged to the measured period.
   */
  private volatile long windowStart = Long.MAX_VALUE;

  private final CountDownLatch stopped;

  LoadRun(LoadClient client, int clients, double rate, int keys) {
    this.client = client;
    this.clients = clients;
    this.intervalNanos = rate <= 0 ? 0 : (long) (1e9 * clients / rate);
    this.keys = keys;
    this.scheduler = client.scheduler();
    this.stopped = new CountDownLatch(clients);
  }

  Result run(long warmupSeconds, long seconds, long seed) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      new Caller(
              i,
              new SplittableRandom(seed + i),
              start + (intervalNanos == 0 ? 0 : intervalNanos * i / clients))
          .next();
    }
    TimeUnit.SECONDS.sleep(warmupSeconds);
    long measuredFrom = System.nanoTime();
    windowStart = measuredFrom;
    recorder.reset();
    calls.reset();
    errors.reset();
    measuring = true;
    TimeUnit.SECONDS.sleep(seconds);
    measuring = false;
    double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
    Histogram histogram = recorder.getIntervalHistogram();
    long n = calls.sum();
    long e = errors.sum();
    running = false;
    stopped.await(30, TimeUnit.SECONDS);
    return new Result(n, e, elapsed, histogram);
  }

  /** One caller: one call in flight, the next started from the completion of the last. */
  private final class Caller {
    private final int index;
    private final SplittableRandom random;
    private long intended;

    Caller(int index, SplittableRandom random, long firstStart) {
      this.index = index;
      this.random = random;
      this.intended = firstStart;
    }

    void next() {
      if (!running) {
        stopped.countDown();
        return;
      }
      long now = System.nanoTime();
      if (intervalNanos > 0 && intended > now) {
        scheduler.schedule(this::send, intended - now, TimeUnit.NANOSECONDS);
      } else {
        send();
      }
    }

    private void send() {
      long start = intervalNanos > 0 ? intended : System.nanoTime();
      client.call(
          index,
          random.nextInt(keys),
          ok -> {
            long end = System.nanoTime();
            if (measuring && start - windowStart >= 0) {
              recorder.recordValue(Math.max(1, (end - start) / 1000));
              calls.increment();
              if (!ok) {
                errors.increment();
              }
            }
            intended += intervalNanos;
            next();
          });
    }
  }
}
