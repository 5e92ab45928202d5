package io.quiver.server.flightsql;

import com.google.protobuf.ByteString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One statement a client prepared, or one query it sent for a single run: its SQL planned on its
 * own connection, the schemas of its result and parameters, the parameter rows bound to it, and the
 * run in progress. Thread-safe; one run at a time.
 */
final class PreparedQuery implements AutoCloseable {
  private final ByteString handle;
  private final String owner;
  private final String sql;
  private final boolean singleRun;
  private final Connection connection;
  private final Schema resultSchema;
  private final Schema parameterSchema;
  private @Nullable PreparedStatement statement;
  private List<VectorSchemaRoot> parameters = List.of();
  private @Nullable Run running;
  private boolean ran;
  private boolean cancelled;
  private boolean closed;

  PreparedQuery(
      ByteString handle,
      String owner,
      String sql,
      boolean singleRun,
      Connection connection,
      PreparedStatement statement,
      Schema resultSchema,
      Schema parameterSchema) {
    this.handle = handle;
    this.owner = owner;
    this.sql = sql;
    this.singleRun = singleRun;
    this.connection = connection;
    this.statement = statement;
    this.resultSchema = resultSchema;
    this.parameterSchema = parameterSchema;
  }

  ByteString handle() {
    return handle;
  }

  /** The peer identity of the client that prepared it; only that client may use it. */
  String owner() {
    return owner;
  }

  String sql() {
    return sql;
  }

  Schema resultSchema() {
    return resultSchema;
  }

  Schema parameterSchema() {
    return parameterSchema;
  }

  /** Replaces the bound parameter rows; this query owns and closes them. */
  synchronized void bind(List<VectorSchemaRoot> rows) {
    if (closed) {
      rows.forEach(VectorSchemaRoot::close);
      throw CallStatus.NOT_FOUND
          .withDescription("The prepared statement was closed")
          .toRuntimeException();
    }
    parameters.forEach(VectorSchemaRoot::close);
    parameters = List.copyOf(rows);
  }

  /**
   * Starts a run: the statement to execute (planned again if a cancelled run left it unusable) and
   * the parameter rows, which stay owned by this query.
   *
   * @throws org.apache.arrow.flight.FlightRuntimeException if the query is closed, running,
   *     cancelled or already ran once
   * @throws SQLException if planning it again fails
   */
  synchronized Run start() throws SQLException {
    if (closed) {
      throw CallStatus.NOT_FOUND
          .withDescription("The statement was closed; prepare it again")
          .toRuntimeException();
    }
    if (cancelled && singleRun) {
      throw CallStatus.CANCELLED.withDescription("The query was cancelled").toRuntimeException();
    }
    if (running != null) {
      throw CallStatus.ALREADY_EXISTS
          .withDescription("The statement is already running; wait for its results first")
          .toRuntimeException();
    }
    if (ran && singleRun) {
      throw CallStatus.NOT_FOUND
          .withDescription("The query's results were already fetched; run it again")
          .toRuntimeException();
    }
    if (statement == null) {
      statement = connection.prepareStatement(sql);
    }
    ran = true;
    running = new Run(statement, new ArrayList<>(parameters));
    return running;
  }

  /** Ends {@code run}; a cancelled run's statement is not reused (Calcite's cancel is final). */
  synchronized void finish(Run run) {
    if (running != run) {
      return;
    }
    running = null;
    if (run.cancelled()) {
      closeQuietly(run.statement());
      statement = null;
    }
    if (closed) {
      closeResources();
    }
  }

  /** Cancels the run in progress, or a single-run query that has not started. */
  synchronized CancelStatus cancel() {
    if (running != null) {
      running.cancel();
      return CancelStatus.CANCELLING;
    }
    if (singleRun && !ran && !closed) {
      cancelled = true;
      return CancelStatus.CANCELLED;
    }
    return CancelStatus.NOT_CANCELLABLE;
  }

  /** Closes the statement now, or when the run in progress ends (after cancelling it). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (running != null) {
      running.cancel();
      return;
    }
    closeResources();
  }

  private void closeResources() {
    parameters.forEach(VectorSchemaRoot::close);
    parameters = List.of();
    if (statement != null) {
      closeQuietly(statement);
      statement = null;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a Calcite connection releases memory only; nothing to report.
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // As above: nothing is left open that a failed close would leak.
    }
  }
}
