package io.quiver.server.limits;

import io.quiver.server.Operation;
import io.quiver.storage.error.ThrottlingException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per operation, shared by the HTTP and gRPC ports. Thread-safe.
 *
 * <p>Defaults follow SageMaker's quotas: {@value #DEFAULT_TPS} requests per second per API, {@value
 * #BATCH_GET_RECORD_TPS_DEFAULT} for BatchGetRecord.
 */
public final class ThroughputLimits {
  /** Requests per second allowed per operation unless overridden. */
  public static final int DEFAULT_TPS = 10_000;

  /** Requests per second allowed for BatchGetRecord unless overridden. */
  public static final int BATCH_GET_RECORD_TPS_DEFAULT = 500;

  private final EnumMap<Operation, TokenBucket> buckets = new EnumMap<>(Operation.class);

  /**
   * Creates the buckets, applying {@code overrides} on top of the defaults.
   *
   * @param overrides requests per second by operation
   * @param nanoClock a monotonic nanosecond clock
   * @throws IllegalArgumentException if an override is not positive
   */
  public ThroughputLimits(Map<Operation, Integer> overrides, LongSupplier nanoClock) {
    for (Operation operation : Operation.values()) {
      int tps = overrides.getOrDefault(operation, defaultTps(operation));
      buckets.put(operation, new TokenBucket(tps, nanoClock));
    }
  }

  /** The default requests per second of {@code operation}. */
  public static int defaultTps(Operation operation) {
    return operation == Operation.BatchGetRecord ? BATCH_GET_RECORD_TPS_DEFAULT : DEFAULT_TPS;
  }

  /** The configured requests per second of {@code operation}. */
  public int tps(Operation operation) {
    return buckets.get(operation).ratePerSecond();
  }

  /**
   * Admits as many as it can, possibly none, of {@code wanted} requests of {@code operation}: a
   * stream of PutRecords takes a token per record, a chunk at a time.
   *
   * @return how many were admitted
   */
  public int acquireUpTo(Operation operation, int wanted) {
    return buckets.get(operation).tryAcquireUpTo(wanted);
  }

  /** How long until {@code requests} requests of {@code operation} could be admitted at once. */
  public long nanosUntilAvailable(Operation operation, int requests) {
    return buckets.get(operation).nanosUntilAvailable(requests);
  }

  /** The refusal of a request of {@code operation} over its rate. */
  public ThrottlingException overLimit(Operation operation) {
    return new ThrottlingException(
        "Rate exceeded: "
            + operation
            + " is limited to "
            + tps(operation)
            + " requests per second; retry with backoff");
  }

  /**
   * Admits one request of {@code operation}.
   *
   * @throws ThrottlingException if the operation is over its rate
   */
  public void acquire(Operation operation) {
    if (!buckets.get(operation).tryAcquire()) {
      throw overLimit(operation);
    }
  }
}
