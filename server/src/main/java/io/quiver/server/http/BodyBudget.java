package io.quiver.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of request bodies the port may hold at once, across all connections. A request reserves its
 * declared length when its head arrives and gives it back when its body is released ({@link
 * BudgetedBody}), so memory is bounded by configuration rather than by the number of clients. Never
 * blocks: a reservation that does not fit fails at once. Lock-free and thread-safe.
 */
final class BodyBudget {
  private final long limit;
  private final AtomicLong reserved = new AtomicLong();

  BodyBudget(long limit) {
    this.limit = limit;
  }

  /** Reserves {@code bytes}, or returns false (reserving nothing) if they do not fit. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = reserved.get();
      if (now + bytes > limit) {
        return false;
      }
      if (reserved.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Gives back {@code bytes} reserved earlier. */
  void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  /** Bytes reserved now. */
  long reserved() {
    return reserved.get();
  }

  long limit() {
    return limit;
  }
}
