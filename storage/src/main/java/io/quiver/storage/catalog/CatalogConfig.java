package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import java.time.InstantSource;

/**
 * Settings of the catalog.
 *
 * @param region the region placed in ARNs and offline store paths
 * @param account the 12-digit account placed in ARNs and offline store paths
 * @param maxFeatureGroups the soft limit on the number of groups
 * @param clock the source of creation and modification times
 */
public record CatalogConfig(
    String region, String account, int maxFeatureGroups, InstantSource clock) {
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
