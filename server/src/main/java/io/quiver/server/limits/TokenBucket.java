package io.quiver.server.limits;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@code ratePerSecond} tokens per second holding at most one second of tokens.
 * Thread-safe and lock-free.
 *
 * <p>Implemented as the equivalent generic cell rate algorithm: instead of a token count it keeps
 * the theoretical arrival time ({@code tat}) of the next conforming request; a request conforms if
 * taking one more token would not push {@code tat} more than the burst window past now. One CAS per
 * request, no refill thread, no lock shared by the event loops.
 */
public final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final int ratePerSecond;
  private final long nanosPerToken;
  private final long burstNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong theoreticalArrival;

  /**
   * Creates a full bucket.
   *
   * @param ratePerSecond the sustained rate; also the burst size
   * @param nanoClock a monotonic clock in nanoseconds (for example {@code System::nanoTime})
   * @throws IllegalArgumentException if {@code ratePerSecond} is not positive
   */
  public TokenBucket(int ratePerSecond, LongSupplier nanoClock) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: > 0)");
    }
    this.ratePerSecond = ratePerSecond;
    this.nanosPerToken = Math.max(1, NANOS_PER_SECOND / ratePerSecond);
    this.burstNanos = nanosPerToken * ratePerSecond;
    this.nanoClock = nanoClock;
    this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong() - burstNanos);
  }

  /** The sustained rate in tokens per second. */
  public int ratePerSecond() {
    return ratePerSecond;
  }

  /**
   * Takes as many of {@code wanted} tokens as there are, possibly none; never blocks.
   *
   * @return how many tokens were taken, from 0 to {@code wanted}
   * @throws IllegalArgumentException if {@code wanted} is negative
   */
  public int tryAcquireUpTo(int wanted) {
    if (wanted < 0) {
      throw new IllegalArgumentException("wanted: " + wanted + " (expected: >= 0)");
    }
    long now = nanoClock.getAsLong();
    while (true) {
      long tat = theoreticalArrival.get();
      long base = Math.max(tat, now - burstNanos);
      long available = (now - base) / nanosPerToken;
      int granted = (int) Math.min(wanted, Math.max(0, available));
      if (granted == 0) {
        return 0;
      }
      if (theoreticalArrival.compareAndSet(tat, base + granted * nanosPerToken)) {
        return granted;
      }
    }
  }

  /** How long until {@code tokens} tokens could be taken at once, if nobody else takes any. */
  public long nanosUntilAvailable(int tokens) {
    long now = nanoClock.getAsLong();
    long base = Math.max(theoreticalArrival.get(), now - burstNanos);
    return Math.max(0, base + (long) tokens * nanosPerToken - now);
  }

  /** Takes one token if there is one; never blocks. */
  public boolean tryAcquire() {
    long now = nanoClock.getAsLong();
    while (true) {
      long tat = theoreticalArrival.get();
      long next = Math.max(tat, now - burstNanos) + nanosPerToken;
      if (next - now > 0) {
        return false;
      }
      if (theoreticalArrival.compareAndSet(tat, next)) {
        return true;
      }
    }
  }
}
