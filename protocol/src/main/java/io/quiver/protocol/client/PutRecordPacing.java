package io.quiver.protocol.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * How a client sends PutRecords to a server without tripping its PutRecord limit, and how it waits
 * when it trips it anyway (another client sharing the limit, say).
 *
 * <p>Pacing: once the server has said its limit (in every PutRecords response and in the trailers
 * of a throttled stream), records are released at that rate, a stream's worth at a time, starting
 * from an empty allowance, so that the server's bucket keeps whatever burst it had. Backoff: after
 * a throttled stream, the client waits the longer of what the server asked for and an exponential
 * delay ({@link #initialDelay} doubling up to {@link #maxDelay}, with jitter), and gives up after
 * {@link #attemptsWithoutProgress} throttled streams in a row that wrote nothing.
 *
 * <p>Thread-safety: thread-safe; the allowance is shared by every writer of one sink.
 */
public final class PutRecordPacing {
  /** First backoff delay after a throttled stream. */
  static final Duration INITIAL_DELAY_DEFAULT = Duration.ofMillis(50);

  /** Longest backoff delay. */
  static final Duration MAX_DELAY_DEFAULT = Duration.ofSeconds(5);

  /** Throttled streams in a row, each writing nothing, after which the write fails. */
  static final int ATTEMPTS_WITHOUT_PROGRESS_DEFAULT = 12;

  /** Waits, in nanoseconds; the production one sleeps. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final int attemptsWithoutProgress;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  // Guarded by this.
  private long ratePerSecond;
  private long nextRelease;

  PutRecordPacing(
      Duration initialDelay,
      Duration maxDelay,
      int attemptsWithoutProgress,
      LongSupplier nanoClock,
      Sleeper sleeper,
      RandomGenerator random) {
    this.initialDelay = requireNonNull(initialDelay, "initialDelay");
    this.maxDelay = requireNonNull(maxDelay, "maxDelay");
    this.attemptsWithoutProgress = attemptsWithoutProgress;
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.random = requireNonNull(random, "random");
  }

  /** The defaults, on the system clock. */
  public static PutRecordPacing system() {
    return new PutRecordPacing(
        INITIAL_DELAY_DEFAULT,
        MAX_DELAY_DEFAULT,
        ATTEMPTS_WITHOUT_PROGRESS_DEFAULT,
        System::nanoTime,
        TimeUnit.NANOSECONDS::sleep,
        new SplittableRandom());
  }

  /** Takes note of the server's limit, records per second; 0 or less means unknown. */
  public synchronized void limit(long recordsPerSecond) {
    if (recordsPerSecond <= 0 || recordsPerSecond == ratePerSecond) {
      return;
    }
    ratePerSecond = recordsPerSecond;
    nextRelease = Math.max(nextRelease, nanoClock.getAsLong());
  }

  /** Most records to send in one stream: half a second's worth once the limit is known. */
  public synchronized int maxRecordsPerStream() {
    return ratePerSecond <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, ratePerSecond / 2);
  }

  /** Waits until {@code records} more records may go out at the known limit. */
  public void awaitRelease(int records) throws InterruptedException {
    long wait;
    synchronized (this) {
      if (ratePerSecond <= 0) {
        return;
      }
      long now = nanoClock.getAsLong();
      long release = Math.max(nextRelease, now);
      nextRelease = release + records * TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
      wait = release - now;
    }
    if (wait > 0) {
      sleeper.sleep(wait);
    }
  }

  /**
   * Whether another attempt follows {@code attempt} throttled streams in a row without progress.
   */
  public boolean retries(int attempt) {
    return attempt < attemptsWithoutProgress;
  }

  /**
   * Waits before attempt {@code attempt + 1}: the longer of {@code serverMillis} (what the server
   * asked for; 0 if it did not say) and the exponential delay of {@code attempt}.
   */
  public void backOff(int attempt, long serverMillis) throws InterruptedException {
    long exponential = initialDelay.toNanos() << Math.min(attempt, 20);
    long capped = Math.min(maxDelay.toNanos(), exponential);
    long jittered = capped / 2 + random.nextLong(capped / 2 + 1);
    sleeper.sleep(Math.max(TimeUnit.MILLISECONDS.toNanos(serverMillis), jittered));
  }
}
