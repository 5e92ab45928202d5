package io.quiver.server.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The buffer a request body is gathered into, which gives its reservation back to the {@link
 * BodyBudget} when it is freed, whoever frees it last (the dispatcher, a worker, or a handler
 * discarding a queued request when the connection closes), so a reservation can never leak. The
 * reservation is also given back as soon as the request is answered ({@link #answered}): a client
 * that has its response must find the port's budget already free of its body.
 */
final class BudgetedBody extends CompositeByteBuf {
  private final BodyBudget budget;
  private final long reservedBytes;
  private final AtomicBoolean returned = new AtomicBoolean();

  BudgetedBody(ByteBufAllocator alloc, int maxComponents, BodyBudget budget, long reservedBytes) {
    super(alloc, true, maxComponents);
    this.budget = budget;
    this.reservedBytes = reservedBytes;
  }

  /**
   * Gives the reservation back once the request's response is encoded: the body is no longer read,
   * and the buffer itself is freed by its last holder within the same task.
   */
  void answered() {
    giveBack();
  }

  @Override
  protected void deallocate() {
    try {
      super.deallocate();
    } finally {
      giveBack();
    }
  }

  private void giveBack() {
    if (returned.compareAndSet(false, true)) {
      budget.release(reservedBytes);
    }
  }
}
