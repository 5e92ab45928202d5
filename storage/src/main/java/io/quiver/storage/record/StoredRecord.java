package io.quiver.storage.record;

import static java.util.Objects.requireNonNull;

/**
 * A record as the engine stores it: the values plus the times and flags the online and offline
 * stores need.
 *
 * @param eventTimeMicros the record's event time, microseconds since the epoch
 * @param apiInvocationMicros when the PutRecord or DeleteRecord call was received
 * @param expiresAtMicros when the record expires online; {@link #NEVER} if it does not
 * @param deleted whether this is a deletion marker (soft-deleted online, {@code is_deleted}
 *     offline); a marker holds only the identifier and event time
 * @param record the values
 */
public record StoredRecord(
    long eventTimeMicros,
    long apiInvocationMicros,
    long expiresAtMicros,
    boolean deleted,
    Record record) {
  /** The expiry of a record without TTL. */
  public static final long NEVER = Long.MAX_VALUE;

  /** Checks that the values are present. */
  public StoredRecord {
    requireNonNull(record, "record");
  }

  /** Whether the record has expired at {@code nowMicros}. */
  public boolean expiredAt(long nowMicros) {
    return expiresAtMicros <= nowMicros;
  }
}
