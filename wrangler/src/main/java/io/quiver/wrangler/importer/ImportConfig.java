package io.quiver.wrangler.importer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Settings of an {@link Importer}. Immutable; built with {@link #builder()}, whose defaults are the
 * {@code *_DEFAULT} constants.
 *
 * @param batchSize rows per batch: a batch is checked whole before any of it is written
 * @param writerThreads threads writing batches while the calling thread reads the next one
 * @param onError what to do with a row that breaks a rule
 * @param progressInterval how often the listener hears about progress
 * @param clock the source of time for elapsed times and rates
 * @param skipRows rows at the start of the input passed over unread, to resume an import that
 *     stopped ({@link ImportSummary#resumeAt()})
 * @param bulk whether local CSV files imported into a new or empty group may go through a bulk load
 *     (all rows or none) rather than PutRecords a batch at a time
 */
public record ImportConfig(
    int batchSize,
    int writerThreads,
    OnError onError,
    Duration progressInterval,
    InstantSource clock,
    long skipRows,
    boolean bulk) {
  /** Bulk loads allowed when not set. */
  public static final boolean BULK_DEFAULT = true;

  /** Rows per batch when not set. */
  public static final int BATCH_SIZE_DEFAULT = 1_000;

  /** Writer threads when not set: two, to use both cores of a small machine with the reader. */
  public static final int WRITER_THREADS_DEFAULT = 2;

  /** Stop at the first bad row unless told otherwise. */
  public static final OnError ON_ERROR_DEFAULT = OnError.FAIL;

  /** Progress interval when not set. */
  public static final Duration PROGRESS_INTERVAL_DEFAULT = Duration.ofSeconds(1);

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if a number is out of range
   */
  public ImportConfig {
    requireNonNull(onError, "onError");
    requireNonNull(progressInterval, "progressInterval");
    requireNonNull(clock, "clock");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
    }
    if (writerThreads < 1) {
      throw new IllegalArgumentException("writerThreads: " + writerThreads + " (expected: >= 1)");
    }
    if (skipRows < 0) {
      throw new IllegalArgumentException("skipRows: " + skipRows + " (expected: >= 0)");
    }
    if (progressInterval.isNegative()) {
      throw new IllegalArgumentException(
          "progressInterval: " + progressInterval + " (expected: >= 0)");
    }
  }

  /** The defaults. */
  public static ImportConfig defaults() {
    return builder().build();
  }

  /** Starts a configuration from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link ImportConfig}; not thread-safe. */
  public static final class Builder {
    private int batchSize = BATCH_SIZE_DEFAULT;
    private int writerThreads = WRITER_THREADS_DEFAULT;
    private OnError onError = ON_ERROR_DEFAULT;
    private Duration progressInterval = PROGRESS_INTERVAL_DEFAULT;
    private InstantSource clock = InstantSource.system();
    private long skipRows;
    private boolean bulk = BULK_DEFAULT;

    private Builder() {}

    /** Sets the rows per batch. */
    public Builder batchSize(int rows) {
      this.batchSize = rows;
      return this;
    }

    /** Sets the number of writer threads. */
    public Builder writerThreads(int threads) {
      this.writerThreads = threads;
      return this;
    }

    /** Sets what to do with a bad row. */
    public Builder onError(OnError policy) {
      this.onError = policy;
      return this;
    }

    /** Sets how often progress is reported. */
    public Builder progressInterval(Duration interval) {
      this.progressInterval = interval;
      return this;
    }

    /** Sets the clock. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** Sets how many rows at the start of the input to pass over. */
    public Builder skipRows(long rows) {
      this.skipRows = rows;
      return this;
    }

    /**
     * Sets whether a bulk load may be used (see {@link
     * Importer#create(io.quiver.storage.QuiverStore, ImportConfig)}).
     */
    public Builder bulk(boolean allowed) {
      this.bulk = allowed;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a setting is out of range
     */
    public ImportConfig build() {
      return new ImportConfig(
          batchSize, writerThreads, onError, progressInterval, clock, skipRows, bulk);
    }
  }
}
