package io.quiver.storage;

import io.quiver.storage.catalog.TtlDuration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of one PutRecord or DeleteRecord.
 *
 * @param targetStores the stores to write to; empty means every store the group has
 * @param ttlDuration a per-record time to live overriding the group default (PutRecord only), or
 *     {@code null}
 */
public record RecordWriteOptions(Set<TargetStore> targetStores, @Nullable TtlDuration ttlDuration) {
  private static final RecordWriteOptions DEFAULTS = new RecordWriteOptions(Set.of(), null);

  /** Copies the set. */
  public RecordWriteOptions {
    targetStores = Set.copyOf(targetStores);
  }

  /** Every store of the group, the group's default TTL. */
  public static RecordWriteOptions defaults() {
    return DEFAULTS;
  }

  /** Only the given stores. */
  public static RecordWriteOptions targeting(TargetStore... stores) {
    return new RecordWriteOptions(Set.of(stores), null);
  }

  /** Every store of the group, with a per-record TTL. */
  public static RecordWriteOptions withTtl(TtlDuration ttl) {
    return new RecordWriteOptions(Set.of(), ttl);
  }
}
