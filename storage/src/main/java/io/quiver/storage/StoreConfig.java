package io.quiver.storage;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.objectstore.S3Settings;
import io.quiver.storage.offline.OfflineStoreSettings;
import io.quiver.storage.offline.ParquetCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

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
 * @param ttlSweepInterval how often expired online records are removed; {@link Duration#ZERO} turns
 *     the background sweep off (expired records are never returned either way)
 * @param clock the source of time for TTL, invocation times and the offline {@code write_time}
 * @param offlineStoreBaseUri the base location of offline stores created with {@link
 *     io.quiver.storage.catalog.OfflineStoreConfig#storeDefault()}: a {@code file://} folder or
 *     {@code s3://bucket/prefix}; by default the {@code offline-store} folder of the data directory
 * @param offlineFlushAge how long a staged record may wait before it is in a Parquet file
 * @param offlineMaxFileRows the most rows in one offline Parquet file
 * @param offlineMaxFileBytes about the most record bytes (uncompressed) in one offline file; also
 *     the amount of staged records that starts a flush before {@code offlineFlushAge}
 * @param offlineCodec the Parquet compression codec of offline files
 * @param s3 how to reach {@code s3://} offline stores (endpoint, region, credentials)
 * @param walRecovery what opening does when the RocksDB write-ahead log is damaged
 * @param offlineReadCacheBytes the most heap, in bytes, kept by the cache of decoded offline files
 *     that SQL and dataset reads go through (files are immutable, so a long-lived store answers
 *     repeated queries from memory; staged records are always read afresh); 0 turns it off
 */
public record StoreConfig(
    Path dataDir,
    String region,
    String account,
    int maxFeatureGroups,
    boolean syncWrites,
    long blockCacheBytes,
    Duration ttlSweepInterval,
    InstantSource clock,
    String offlineStoreBaseUri,
    Duration offlineFlushAge,
    int offlineMaxFileRows,
    long offlineMaxFileBytes,
    ParquetCodec offlineCodec,
    S3Settings s3,
    WalRecovery walRecovery,
    long offlineReadCacheBytes) {

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

  /** Folder of the data directory holding offline stores created at the default location. */
  public static final String OFFLINE_STORE_FOLDER_DEFAULT = "offline-store";

  /** Offline flush age used when none is set. */
  public static final Duration OFFLINE_FLUSH_AGE_DEFAULT = Duration.ofSeconds(60);

  /** Most rows per offline file when none is set. */
  public static final int OFFLINE_MAX_FILE_ROWS_DEFAULT = 1_000_000;

  /** Most record bytes per offline file when none is set: 64 MiB. */
  public static final long OFFLINE_MAX_FILE_BYTES_DEFAULT = 64L << 20;

  /**
   * Decoded-file cache budget used when none is set: off, since an embedded store shares its heap
   * with the application; the server turns it on ({@code quiver serve --offline-read-cache}).
   */
  public static final long OFFLINE_READ_CACHE_BYTES_DEFAULT = 0;

  /** Offline codec used when none is set. */
  public static final ParquetCodec OFFLINE_CODEC_DEFAULT = ParquetCodec.SNAPPY;

  /** Checks the settings. */
  public StoreConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    requireNonNull(ttlSweepInterval, "ttlSweepInterval");
    requireNonNull(clock, "clock");
    requireNonNull(offlineStoreBaseUri, "offlineStoreBaseUri");
    requireNonNull(offlineFlushAge, "offlineFlushAge");
    requireNonNull(offlineCodec, "offlineCodec");
    requireNonNull(s3, "s3");
    requireNonNull(walRecovery, "walRecovery");
    if (!account.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("account: " + account + " (expected: 12 digits)");
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "region: " + region + " (expected: lower-case letters, digits and '-')");
    }
    if (maxFeatureGroups < 1) {
      throw new IllegalArgumentException(
          "maxFeatureGroups: " + maxFeatureGroups + " (expected: >= 1)");
    }
    if (blockCacheBytes < 0) {
      throw new IllegalArgumentException(
          "blockCacheBytes: " + blockCacheBytes + " (expected: >= 0)");
    }
    if (offlineReadCacheBytes < 0) {
      throw new IllegalArgumentException(
          "offlineReadCacheBytes: " + offlineReadCacheBytes + " (expected: >= 0)");
    }
    if (ttlSweepInterval.isNegative()) {
      throw new IllegalArgumentException(
          "ttlSweepInterval: " + ttlSweepInterval + " (expected: >= 0)");
    }
    try {
      ObjectStoreResolver.check(offlineStoreBaseUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "offlineStoreBaseUri: "
              + offlineStoreBaseUri
              + " (expected: file:///folder or s3://bucket/prefix)",
          e);
    }
    // Checks flush age, file rows and bytes with their own messages.
    offlineSettings(
        offlineFlushAge, offlineMaxFileRows, offlineMaxFileBytes, offlineCodec, s3, clock);
  }

  /** The offline store's share of these settings. */
  public OfflineStoreSettings offlineSettings() {
    return new OfflineStoreSettings(
        offlineFlushAge,
        offlineMaxFileRows,
        offlineMaxFileBytes,
        offlineCodec,
        s3,
        clock,
        offlineReadCacheBytes);
  }

  private static OfflineStoreSettings offlineSettings(
      Duration age, int rows, long bytes, ParquetCodec codec, S3Settings s3, InstantSource clock) {
    return new OfflineStoreSettings(age, rows, bytes, codec, s3, clock, 0);
  }

  /**
   * The {@code file://} URI of the {@link #OFFLINE_STORE_FOLDER_DEFAULT} folder of {@code dataDir}:
   * the default base of offline stores, and the one the catalog keeps relative to the directory.
   */
  public static String dataDirOfflineUri(Path dataDir) {
    String uri =
        dataDir
            .toAbsolutePath()
            .normalize()
            .resolve(OFFLINE_STORE_FOLDER_DEFAULT)
            .toUri()
            .toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
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
    private @Nullable String offlineStoreBaseUri;
    private Duration offlineFlushAge = OFFLINE_FLUSH_AGE_DEFAULT;
    private int offlineMaxFileRows = OFFLINE_MAX_FILE_ROWS_DEFAULT;
    private long offlineMaxFileBytes = OFFLINE_MAX_FILE_BYTES_DEFAULT;
    private ParquetCodec offlineCodec = OFFLINE_CODEC_DEFAULT;
    private S3Settings s3 = S3Settings.defaults();
    private WalRecovery walRecovery = WalRecovery.STRICT;
    private long offlineReadCacheBytes = OFFLINE_READ_CACHE_BYTES_DEFAULT;

    private Builder(Path dataDir) {
      this.dataDir = requireNonNull(dataDir, "dataDir");
    }

    /**
     * Sets the base location of offline stores created at the default location ({@code
     * file:///folder} or {@code s3://bucket/prefix}).
     */
    public Builder offlineStoreBaseUri(String uri) {
      this.offlineStoreBaseUri = uri;
      return this;
    }

    /** Sets how long a staged record may wait before it is in a Parquet file. */
    public Builder offlineFlushAge(Duration age) {
      this.offlineFlushAge = age;
      return this;
    }

    /** Sets the most rows per offline file. */
    public Builder offlineMaxFileRows(int rows) {
      this.offlineMaxFileRows = rows;
      return this;
    }

    /**
     * Sets about the most record bytes per offline file, and the staged amount that starts a flush.
     */
    public Builder offlineMaxFileBytes(long bytes) {
      this.offlineMaxFileBytes = bytes;
      return this;
    }

    /** Sets the Parquet compression codec of offline files. */
    public Builder offlineCodec(ParquetCodec codec) {
      this.offlineCodec = codec;
      return this;
    }

    /** Sets how to reach {@code s3://} offline stores. */
    public Builder s3(S3Settings settings) {
      this.s3 = settings;
      return this;
    }

    /**
     * Sets what opening does when the write-ahead log is damaged (default {@link
     * WalRecovery#STRICT}: refuse to open).
     */
    public Builder walRecovery(WalRecovery recovery) {
      this.walRecovery = recovery;
      return this;
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

    /** Sets the budget of the cache of decoded offline files, in bytes; 0 turns it off. */
    public Builder offlineReadCacheBytes(long bytes) {
      this.offlineReadCacheBytes = bytes;
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
      String baseUri =
          offlineStoreBaseUri != null ? offlineStoreBaseUri : dataDirOfflineUri(dataDir);
      return new StoreConfig(
          dataDir,
          region,
          account,
          maxFeatureGroups,
          syncWrites,
          blockCacheBytes,
          ttlSweepInterval,
          clock,
          baseUri,
          offlineFlushAge,
          offlineMaxFileRows,
          offlineMaxFileBytes,
          offlineCodec,
          s3,
          walRecovery,
          offlineReadCacheBytes);
    }
  }
}
