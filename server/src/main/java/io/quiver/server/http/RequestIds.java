package io.quiver.server.http;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Request ids in UUID form, unique per server run: a random 64-bit prefix chosen at start and a
 * counter. {@link UUID#randomUUID()} per request would draw from a shared {@code SecureRandom},
 * which costs microseconds and contends across event loops. Thread-safe.
 */
public final class RequestIds implements Supplier<String> {
  private final long prefix;
  private final AtomicLong counter = new AtomicLong();

  /** Ids starting with {@code prefix} (for example from {@code new SecureRandom().nextLong()}). */
  public RequestIds(long prefix) {
    this.prefix = prefix;
  }

  @Override
  public String get() {
    return new UUID(prefix, counter.incrementAndGet()).toString();
  }
}
