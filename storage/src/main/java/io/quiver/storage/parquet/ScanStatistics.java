package io.quiver.storage.parquet;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what scans read and skipped, for plans, tests and operators. Thread-safe. */
public final class ScanStatistics {
  private final AtomicLong filesOpened = new AtomicLong();
  private final AtomicLong filesPruned = new AtomicLong();
  private final AtomicLong rowGroupsRead = new AtomicLong();
  private final AtomicLong rowGroupsSkipped = new AtomicLong();
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong filesFromCache = new AtomicLong();

  /** Files opened and read. */
  public long filesOpened() {
    return filesOpened.get();
  }

  /** Files skipped by partition pruning without being opened. */
  public long filesPruned() {
    return filesPruned.get();
  }

  /** Row groups decoded. */
  public long rowGroupsRead() {
    return rowGroupsRead.get();
  }

  /** Row groups skipped by their statistics. */
  public long rowGroupsSkipped() {
    return rowGroupsSkipped.get();
  }

  /** Rows decoded. */
  public long rowsRead() {
    return rowsRead.get();
  }

  /** Files answered from a {@link DecodedFileCache} without being read. */
  public long filesFromCache() {
    return filesFromCache.get();
  }

  /** Resets every counter to zero. */
  public void reset() {
    filesOpened.set(0);
    filesPruned.set(0);
    rowGroupsRead.set(0);
    rowGroupsSkipped.set(0);
    rowsRead.set(0);
    filesFromCache.set(0);
  }

  void fileOpened() {
    filesOpened.incrementAndGet();
  }

  /** Records a file skipped by partition pruning. */
  public void filePruned() {
    filesPruned.incrementAndGet();
  }

  void rowGroupRead(long rows) {
    rowGroupsRead.incrementAndGet();
    rowsRead.addAndGet(rows);
  }

  void fileFromCache() {
    filesFromCache.incrementAndGet();
  }

  void rowGroupSkipped() {
    rowGroupsSkipped.incrementAndGet();
  }

  @Override
  public String toString() {
    return "ScanStatistics[filesOpened="
        + filesOpened
        + ", filesPruned="
        + filesPruned
        + ", rowGroupsRead="
        + rowGroupsRead
        + ", rowGroupsSkipped="
        + rowGroupsSkipped
        + ", rowsRead="
        + rowsRead
        + ", filesFromCache="
        + filesFromCache
        + "]";
  }
}
