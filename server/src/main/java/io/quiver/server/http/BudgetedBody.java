package io.quiver.server.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * The buffer a request body is gathered into, which gives its reservation back to the {@link
 * BodyBudget} when it is freed, whoever frees it last (the dispatcher, a worker, or a handler
 * discarding a queued request when the connection closes), so a reservation can never leak.
 */
final class BudgetedBody extends CompositeByteBuf {
  private final BodyBudget budget;
  private final long reservedBytes;

  BudgetedBody(ByteBufAllocator alloc, int maxComponents, BodyBudget budget, long reservedBytes) {
    super(alloc, true, maxComponents);
    this.budget = budget;
    this.reservedBytes = reservedBytes;
  }

  @Override
  protected void deallocate() {
    try {
      super.deallocate();
    } finally {
      budget.release(reservedBytes);
    }
  }
}
