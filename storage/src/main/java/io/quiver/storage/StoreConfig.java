package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Settings of a {@link QuiverStore}: where its data lives and how it behaves. Immutable; built with
 * {@link #builder(Path)}, whose defaults are the {@code *_DEFAULT} constants.
 *
 * @param dataDir the data directory; RocksDB lives in its {@code db} folder
 * @param region the region placed in ARNs and offline store paths
 * @param account the 12-digit account placed in ARNs and offline store paths
 * @param maxFeatureGroups the soft limit on the number of feature groups
 * @param syncWrites whether each write waits for fsync of the WAL (survives power loss, not only a
 *     process crash)
 * @param blockCacheBytes the RocksDB block cache size
 * @param ttlSweepInterval how often expired online records are removed; {@link Duration#ZERO}
 *     turns the background sweep off (expired records are never returned either way)
 * @param clock the source of time for TTL and invocation times
 */
public record StoreConfig(
    Path dataDir,
    String region,
    String account,
    int maxFeatureGroups,
    boolean syncWrites,
    long blockCacheBytes,
    Duration ttlSweepInterval,
    InstantSource clock) {

  /** Region used when none is set. */
  public static final String REGION_DEFAULT = "us-east-1";
  /** Account used when none is set. */
  public static final String ACCOUNT_DEFAULT = "000000000000";
  /** SageMaker's soft limit on feature groups per account. */
  public static final int MAX_FEATURE_GROUPS_DEFAULT = 100;
  /** Block cache size used when none is set: 128 MiB. */
  public static final long BLOCK_CACHE_BYTES_DEFAULT = 128L << 20;
  /** TTL sweep interval used when none is set. */
  public static final Duration TTL_SWEEP_INTERVAL_DEFAULT = Duration.ofMinutes(1);

  /** Checks the settings. */
  public StoreConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    requireNonNull(ttlSweepInterval, "ttlSweepInterval");
    requireNonNull(clock, "clock");
    if (!account.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("account: " + account + " (expected: 12 digits)");
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("region: " + region + " (expected: lower-case letters, digits and '-')");
    }
    if (maxFeatureGroups < 1) {
      throw new IllegalArgumentException("maxFeatureGroups: " + maxFeatureGroups + " (expected: >= 1)");
    }
    if (blockCacheBytes < 0) {
      throw new IllegalArgumentException("blockCacheBytes: " + blockCacheBytes + " (expected: >= 0)");
    }
    if (ttlSweepInterval.isNegative()) {
      throw new IllegalArgumentException("ttlSweepInterval: " + ttlSweepInterval + " (expected: >= 0)");
    }
  }

  /** Starts a configuration for a store in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Builds a {@link StoreConfig}; not thread-safe. */
  public static final class Builder {
    private final Path dataDir;
    private String region = REGION_DEFAULT;
    private String account = ACCOUNT_DEFAULT;
    private int maxFeatureGroups = MAX_FEATURE_GROUPS_DEFAULT;
    private boolean syncWrites;
    private long blockCacheBytes = BLOCK_CACHE_BYTES_DEFAULT;
    private Duration ttlSweepInterval = TTL_SWEEP_INTERVAL_DEFAULT;
    private InstantSource clock = InstantSource.system();

    private Builder(Path dataDir) {
      this.dataDir = requireNonNull(dataDir, "dataDir");
    }

    /** Sets the region placed in ARNs. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Sets the 12-digit account placed in ARNs. */
    public Builder account(String account) {
      this.account = account;
      return this;
    }

    /** Sets the soft limit on the number of feature groups. */
    public Builder maxFeatureGroups(int max) {
      this.maxFeatureGroups = max;
      return this;
    }

    /** Makes every write wait for an fsync of the WAL. */
    public Builder syncWrites(boolean sync) {
      this.syncWrites = sync;
      return this;
    }

    /** Sets the RocksDB block cache size. */
    public Builder blockCacheBytes(long bytes) {
      this.blockCacheBytes = bytes;
      return this;
    }

    /** Sets how often expired records are swept; zero turns the sweep off. */
    public Builder ttlSweepInterval(Duration interval) {
      this.ttlSweepInterval = interval;
      return this;
    }

    /** Sets the clock. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a setting is out of range
     */
    public StoreConfig build() {
      return new StoreConfig(
          dataDir, region, account, maxFeatureGroups, syncWrites, blockCacheBytes, ttlSweepInterval, clock);
    }
  }
}
