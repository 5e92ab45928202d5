package io.quiver.storage.internal.catalog;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.OfflineStoreConfig;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the catalog.
 *
 * @param region the region placed in ARNs and offline store paths
 * @param account the 12-digit account placed in ARNs and offline store paths
 * @param maxFeatureGroups the soft limit on the number of groups
 * @param clock the source of creation and modification times
 * @param dataDirOfflineUri the {@code file://} URI of the data directory's own offline store
 *     folder, which groups are persisted relative to (see {@code docs/format/catalog.md}); {@code
 *     null} when unknown, leaving such groups at {@link OfflineStoreConfig#STORE_DEFAULT}
 */
public record CatalogConfig(
    String region,
    String account,
    int maxFeatureGroups,
    InstantSource clock,
    @Nullable String dataDirOfflineUri) {

  /** Settings without a data directory location: groups stored relative to it stay unresolved. */
  public CatalogConfig(String region, String account, int maxFeatureGroups, InstantSource clock) {
    this(region, account, maxFeatureGroups, clock, null);
  }

  /** Checks the settings. */
  public CatalogConfig {
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    requireNonNull(clock, "clock");
    if (!account.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("account: " + account + " (expected: 12 digits)");
    }
    if (maxFeatureGroups < 1) {
      throw new IllegalArgumentException(
          "maxFeatureGroups: " + maxFeatureGroups + " (expected: >= 1)");
    }
  }
}
