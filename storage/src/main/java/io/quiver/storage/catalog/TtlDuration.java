package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.error.ValidationException;
import java.time.Duration;

/**
 * How long an online record lives after its event time: a group default or a per-record override.
 *
 * @param unit the unit
 * @param value how many units, at least 1
 */
public record TtlDuration(TtlUnit unit, long value) {
  /**
   * The largest value accepted. Its length in microseconds can still exceed a {@code long} (from
   * Minutes up), so {@link #toMicros()} saturates.
   */
  static final long MAX_VALUE = 1_000_000_000L;

  /**
   * Validates the duration.
   *
   * @throws ValidationException if {@code value} is not between 1 and 1,000,000,000
   */
  public TtlDuration {
    requireNonNull(unit, "unit");
    if (value < 1 || value > MAX_VALUE) {
      throw new ValidationException(
          "Cannot accept TtlDuration: Value "
              + value
              + " is out of range (expected: 1 to "
              + MAX_VALUE
              + ")");
    }
  }

  /** A duration of {@code value} {@code unit}s. */
  public static TtlDuration of(long value, TtlUnit unit) {
    return new TtlDuration(unit, value);
  }

  /** The duration as a {@link Duration}. */
  public Duration toDuration() {
    return unit.length().multipliedBy(value);
  }

  /** The duration in microseconds, or {@link Long#MAX_VALUE} if that does not fit in a long. */
  public long toMicros() {
    try {
      return Math.multiplyExact(toDuration().getSeconds(), 1_000_000L);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
