package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.record.Record;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record read from the online store.
 *
 * @param record the values (all features, or those asked for)
 * @param expiresAt when the record expires, or {@code null} if it has no TTL
 */
public record OnlineRecord(Record record, @Nullable Instant expiresAt) {
  /** Checks that the record is present. */
  public OnlineRecord {
    requireNonNull(record, "record");
  }
}
