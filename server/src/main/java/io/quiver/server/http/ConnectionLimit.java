package io.quiver.server.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A count of open connections with a ceiling, shared by every event loop of a port. Lock-free and
 * thread-safe.
 */
public final class ConnectionLimit {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  /** A limit of {@code max} connections. */
  public ConnectionLimit(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
    }
    this.max = max;
  }

  /** Counts one more connection, or returns false (counting nothing) if the limit is reached. */
  public boolean tryOpen() {
    while (true) {
      int now = open.get();
      if (now >= max) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Counts one connection fewer; call once for each successful {@link #tryOpen()}. */
  public void closed() {
    open.decrementAndGet();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  /** The ceiling. */
  public int max() {
    return max;
  }
}
