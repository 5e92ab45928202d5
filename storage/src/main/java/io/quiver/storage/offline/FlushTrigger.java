package io.quiver.storage.offline;

import io.quiver.storage.internal.staging.StagingListener;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when staged records are due for a flush: when about {@code maxBytes} are pending (the
 * staging side wakes the flusher at once) or when the oldest pending record is about to be older
 * than the flush age.
 *
 * <p>Pending bytes and the oldest staging time are kept in memory and are estimates: they count
 * batches that later fail, and after a restart they start at zero (the flusher's first round
 * flushes what the previous run left). Estimates only ever make a flush come early.
 *
 * <p>Thread-safe: writers call {@link #staged} concurrently; the flusher calls the rest.
 */
final class FlushTrigger implements StagingListener {
  private static final long NONE = Long.MAX_VALUE;

  private final long maxBytes;
  private final long dueAfterMillis;
  private final InstantSource clock;
  private final Runnable wake;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong(NONE);

  /**
   * @param maxBytes pending bytes that make a flush due at once
   * @param dueAfterMillis age of the oldest pending record that makes a flush due (the flush age
   *     less the slack of the flusher's check interval)
   * @param wake called (on the writer's thread) when {@code maxBytes} is crossed
   */
  FlushTrigger(long maxBytes, long dueAfterMillis, InstantSource clock, Runnable wake) {
    this.maxBytes = maxBytes;
    this.dueAfterMillis = dueAfterMillis;
    this.clock = clock;
    this.wake = wake;
  }

  @Override
  public void staged(int bytes) {
    long pending = pendingBytes.addAndGet(bytes);
    if (oldestMillis.get() == NONE) {
      oldestMillis.compareAndSet(NONE, clock.millis());
    }
    if (pending >= maxBytes && pending - bytes < maxBytes) {
      wake.run();
    }
  }

  /** Whether a flush is due now. */
  boolean due() {
    long pending = pendingBytes.get();
    if (pending <= 0) {
      return false;
    }
    if (pending >= maxBytes) {
      return true;
    }
    long now = clock.millis();
    long oldest = oldestMillis.get();
    if (oldest == NONE) {
      // A record staged while a flush finished; count its age from now (at most one check late).
      oldestMillis.compareAndSet(NONE, now);
      return false;
    }
    return now - oldest >= dueAfterMillis;
  }

  /**
   * A flush starts: records staged from now on may miss it, so their age counts from now (which
   * over-estimates it, never under-estimates). Returns the token for {@link #drained}.
   */
  long flushStarting() {
    long now = clock.millis();
    oldestMillis.set(now);
    return now;
  }

  /** A flush wrote entries of {@code bytes} that were staged by this run. */
  void flushed(long bytes) {
    pendingBytes.addAndGet(-bytes);
  }

  /** A flush found nothing more to write; forget the age if nothing is pending. */
  void drained(long token) {
    if (pendingBytes.get() <= 0) {
      oldestMillis.compareAndSet(token, NONE);
    }
  }

  long pendingBytes() {
    return pendingBytes.get();
  }
}
