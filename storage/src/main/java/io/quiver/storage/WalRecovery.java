package io.quiver.storage;

/**
 * What opening a data directory does when its RocksDB write-ahead log is damaged: the WAL holds
 * every acknowledged write not yet in a table file, so a damaged WAL means acknowledged writes that
 * cannot all be replayed.
 */
public enum WalRecovery {
  /**
   * Refuse to open, naming the damaged file and the ways out. An incomplete last record (a write
   * cut short by a crash, never acknowledged) is not damage and is dropped with a warning.
   */
  STRICT,

  /**
   * Open with every write before the damage and drop the rest of the log, logging each dropped
   * range (file and bytes) and reporting it in {@link QuiverStore#walRecoveryLosses()}. After such
   * an open the damaged log is gone: later opens are clean. For {@code quiver repair} and {@code
   * quiver serve --accept-wal-loss}, after a backup of the directory.
   */
  POINT_IN_TIME
}
