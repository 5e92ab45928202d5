package io.quiver.server.flightsql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One run of a {@link PreparedQuery}: the statement executing and the parameter rows it binds, and
 * whether someone cancelled it. Cancelling sets Calcite's cancel flag, which the scans and the
 * result set check, and wakes a wait for a slow client. Thread-safe.
 */
final class Run {
  private final PreparedStatement statement;
  private final List<VectorSchemaRoot> parameters;
  private volatile boolean cancelled;
  private volatile Runnable onCancel = () -> {};

  Run(PreparedStatement statement, List<VectorSchemaRoot> parameters) {
    this.statement = statement;
    this.parameters = parameters;
  }

  PreparedStatement statement() {
    return statement;
  }

  /** The parameter rows, in batches; empty if none were bound. */
  List<VectorSchemaRoot> parameters() {
    return parameters;
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Runs {@code action} when the run is cancelled (now, if it already is). */
  void onCancel(Runnable action) {
    onCancel = action;
    if (cancelled) {
      action.run();
    }
  }

  void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    try {
      statement.cancel();
    } catch (SQLException e) {
      // A closed statement has nothing left to stop.
    }
    onCancel.run();
  }
}
