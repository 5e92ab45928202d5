package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The online store settings of a feature group.
 *
 * @param enableOnlineStore whether the group keeps its latest records online
 * @param ttlDuration the default time to live of online records, or {@code null} for none
 * @param storageType the SageMaker tier name, kept and described back
 * @param kmsKeyId the KMS key id of SageMaker's SecurityConfig, kept and described back
 */
public record OnlineStoreConfig(
    boolean enableOnlineStore,
    @Nullable TtlDuration ttlDuration,
    StorageType storageType,
    @Nullable String kmsKeyId) {

  /** Checks that the required parts are present. */
  public OnlineStoreConfig {
    requireNonNull(storageType, "storageType");
  }

  /** An enabled standard online store without TTL. */
  public static OnlineStoreConfig enabled() {
    return new OnlineStoreConfig(true, null, StorageType.STANDARD, null);
  }

  /** An enabled standard online store whose records live for {@code ttl} after their event time. */
  public static OnlineStoreConfig withTtl(TtlDuration ttl) {
    return new OnlineStoreConfig(true, ttl, StorageType.STANDARD, null);
  }

  /** A copy with another default TTL ({@code null} removes it). */
  public OnlineStoreConfig withTtlDuration(@Nullable TtlDuration ttl) {
    return new OnlineStoreConfig(enableOnlineStore, ttl, storageType, kmsKeyId);
  }
}
