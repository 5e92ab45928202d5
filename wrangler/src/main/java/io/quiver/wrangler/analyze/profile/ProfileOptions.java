package io.quiver.wrangler.analyze.profile;

import java.time.Duration;

/**
 * How to profile.
 *
 * @param threads worker threads reading and profiling batches
 * @param sampleRows rows kept in the uniform sample for the row-wise analyses
 * @param seed the seed of the sample
 * @param kllK the KLL sketch's k (accuracy against size: rank error about 1.33% at 200)
 * @param progressInterval how often the listener hears of progress
 */
public record ProfileOptions(
    int threads, int sampleRows, long seed, int kllK, Duration progressInterval) {
  /** Threads by default: the machine's cores. */
  public static final int THREADS_DEFAULT = Runtime.getRuntime().availableProcessors();

  /** Sampled rows by default, as many as Data Wrangler's analyses use. */
  public static final int SAMPLE_ROWS_DEFAULT = 100_000;

  /** The KLL k by default (DataSketches' own default). */
  public static final int KLL_K_DEFAULT = 200;

  /** Checks the values. */
  public ProfileOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
    }
    if (sampleRows < 0) {
      throw new IllegalArgumentException("sampleRows: " + sampleRows + " (expected: >= 0)");
    }
    if (kllK < 8 || kllK > 65_535) {
      throw new IllegalArgumentException("kllK: " + kllK + " (expected: 8 to 65535)");
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException(
          "progressInterval: " + progressInterval + " (expected: > 0)");
    }
  }

  /** The defaults: every core, 100,000 sampled rows, seed 42, k = 200, progress each second. */
  public static ProfileOptions defaults() {
    return new ProfileOptions(
        THREADS_DEFAULT, SAMPLE_ROWS_DEFAULT, 42, KLL_K_DEFAULT, Duration.ofSeconds(1));
  }

  /** A copy with {@code threads} workers. */
  public ProfileOptions withThreads(int threads) {
    return new ProfileOptions(threads, sampleRows, seed, kllK, progressInterval);
  }

  /** A copy keeping {@code sampleRows} sampled rows. */
  public ProfileOptions withSampleRows(int sampleRows) {
    return new ProfileOptions(threads, sampleRows, seed, kllK, progressInterval);
  }

  /** A copy reporting progress every {@code interval}. */
  public ProfileOptions withProgressInterval(Duration interval) {
    return new ProfileOptions(threads, sampleRows, seed, kllK, interval);
  }
}
