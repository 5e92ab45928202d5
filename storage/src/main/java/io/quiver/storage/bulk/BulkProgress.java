package io.quiver.storage.bulk;

/**
 * Hears how a bulk load's commit advances, so that a long commit is not silent. Implementations
 * must be thread-safe: the writers of offline files report from their own threads.
 */
@FunctionalInterface
public interface BulkProgress {

  /** The steps of a commit, in order. */
  enum Step {
    /** Choosing the latest record of each identifier and planning the offline files. */
    PLANNING,
    /**
     * Writing the offline Parquet files; counted in files, reported at most about every 200th of
     * them (every file of a load of up to 200) and at the last.
     */
    WRITING_OFFLINE_FILES,
    /**
     * Making the offline files durable (they are written without a sync each, then synced in one
     * pass); counted in files, reported as the writers finish their shares.
     */
    SYNCING_OFFLINE_FILES,
    /**
     * Loading the online store's file, written while the offline files were; counted in records,
     * reported before and after.
     */
    LOADING_ONLINE_STORE,
    /** Done. */
    COMMITTED
  }

  /** {@code done} of {@code total} units of {@code step} are finished. */
  void onProgress(Step step, long done, long total);

  /** A listener that ignores everything. */
  static BulkProgress silent() {
    return (step, done, total) -> {};
  }
}
