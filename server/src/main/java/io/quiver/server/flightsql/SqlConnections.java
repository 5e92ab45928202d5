package io.quiver.server.flightsql;

import io.quiver.query.QuiverSql;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/**
 * Opens SQL connections over the live store, all reading files on one shared pool and counting in
 * one set of statistics. Thread-safe.
 */
final class SqlConnections {
  private final OfflineHistory history;
  private final ScanStatistics statistics;
  private final Executor readers;

  SqlConnections(OfflineHistory history, ScanStatistics statistics, Executor readers) {
    this.history = history;
    this.statistics = statistics;
    this.readers = readers;
  }

  /**
   * A new connection; the caller closes it.
   *
   * @throws SQLException if Calcite cannot open one
   */
  Connection open() throws SQLException {
    return QuiverSql.connect(history, statistics, readers);
  }
}
