package io.quiver.storage.offline;

/**
 * Hears how a flush of staged records to offline files advances, so that a long flush (at close,
 * after a large import) is not silent. Implementations must be thread-safe: files are written by
 * several threads.
 */
@FunctionalInterface
public interface FlushProgress {

  /**
   * Another file was written.
   *
   * @param files files written so far by this flush
   * @param rows rows in them
   * @param fraction an estimate of the share of the staged records written, 0 to 1
   */
  void onProgress(long files, long rows, double fraction);

  /** A listener that ignores everything. */
  static FlushProgress silent() {
    return (files, rows, fraction) -> {};
  }
}
