package io.quiver.server.http;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.function.LongSupplier;

/**
 * An event loop's choice, after each pass, between polling its connections and blocking on them:
 * while the loop is busy (its last pass began without blocking, or after blocking for less than the
 * window) it polls for up to the window, yielding its core between polls, and only then blocks.
 *
 * <p>A loop that blocks is woken by the next request's arrival, and the kernel may run the woken
 * loop on the core of the thread that woke it, queued behind that thread, while another core idles.
 * On two cores shared with a client (wrk) a busy loop that blocked and was woken tens of thousands
 * of times a second spent a third of its time runnable but waiting for a core, and so did the
 * client; a loop that keeps polling is never woken, so it stays on its core. A loop going idle
 * polls once more for the window and blocks; after a long block it blocks at once. Tasks handed to
 * the loop from other threads while it polls run within the window. Confined to its event loop.
 */
final class PollBeforeBlocking implements SelectStrategy {
  private static final long NOT_BLOCKED = Long.MIN_VALUE;

  private final long windowNanos;
  private final LongSupplier nanoTime;
  // When this loop last chose to block, or NOT_BLOCKED if its last pass began without blocking.
  private long blockedAt = NOT_BLOCKED;

  /**
   * @param windowNanos how long to poll before blocking, more than zero
   * @param nanoTime a monotonic clock ({@code System::nanoTime})
   */
  PollBeforeBlocking(long windowNanos, LongSupplier nanoTime) {
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: > 0)");
    }
    this.windowNanos = windowNanos;
    this.nanoTime = nanoTime;
  }

  @Override
  public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
    if (hasTasks) {
      blockedAt = NOT_BLOCKED;
      return selectNow.get();
    }
    long now = nanoTime.getAsLong();
    // Blocked, woken and done with the pass within a window: work arrives faster than a wake-up
    // is worth.
    if (blockedAt == NOT_BLOCKED || now - blockedAt < windowNanos) {
      long deadline = now + windowNanos;
      do {
        int ready = selectNow.get();
        if (ready > 0) {
          blockedAt = NOT_BLOCKED;
          return ready;
        }
        Thread.yield();
      } while (nanoTime.getAsLong() - deadline < 0);
    }
    blockedAt = nanoTime.getAsLong();
    return SelectStrategy.SELECT;
  }
}
