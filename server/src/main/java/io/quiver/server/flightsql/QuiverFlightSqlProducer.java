package io.quiver.server.flightsql;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalNotification;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.quiver.query.QuiverSql;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.adapter.jdbc.JdbcParameterBinder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiver's SQL over Flight SQL: statements and prepared statements (with parameter rows) planned by
 * {@link QuiverSql}, results streamed as Arrow batches as fast as the client reads them, catalog
 * calls, and cancellation. Read-only: updates are refused. Thread-safe.
 *
 * <p>Each statement gets its own Calcite connection, so statements never share planner state and
 * closing one frees it all. A query holds at most its memory limit in Arrow buffers at once; {@link
 * #MAX_RUNNING_QUERIES} run at a time, more are refused with RESOURCE_EXHAUSTED.
 */
final class QuiverFlightSqlProducer implements FlightSqlProducer {
  private static final Logger LOG = LoggerFactory.getLogger(QuiverFlightSqlProducer.class);

  /** Queries that may run at once. */
  static final int MAX_RUNNING_QUERIES = 16;

  /** Statements a server keeps prepared; the least recently used beyond are closed. */
  static final int MAX_PREPARED = 1_000;

  /** An idle prepared statement is closed after this long. */
  static final Duration PREPARED_IDLE = Duration.ofMinutes(30);

  /** How long a result waits for a client that reads nothing before it gives up. */
  static final Duration CLIENT_STALL = Duration.ofMinutes(10);

  /** The most parameter data one prepared statement may hold. */
  static final long MAX_PARAMETER_BYTES = 16L << 20;

  private final SqlConnections connections;
  private final Executor queryThreads;
  private final BufferAllocator allocator;
  private final long queryMemoryBytes;
  private final CatalogResults catalog;
  private final Semaphore runningQueries = new Semaphore(MAX_RUNNING_QUERIES);
  private final ReentrantLock idle = new ReentrantLock();
  private final Condition noneRunning = idle.newCondition();
  private final SecureRandom random = new SecureRandom();
  private final Cache<ByteString, PreparedQuery> queries;

  QuiverFlightSqlProducer(
      SqlConnections connections,
      BufferAllocator allocator,
      long queryMemoryBytes,
      Executor queryThreads) {
    this.connections = connections;
    this.queryThreads = queryThreads;
    this.allocator = allocator;
    this.queryMemoryBytes = queryMemoryBytes;
    this.catalog = new CatalogResults(connections, allocator);
    this.queries =
        CacheBuilder.newBuilder()
            .maximumSize(MAX_PREPARED)
            .expireAfterAccess(PREPARED_IDLE.toMinutes(), TimeUnit.MINUTES)
            .removalListener(
                (RemovalNotification<ByteString, PreparedQuery> removed) -> {
                  PreparedQuery query = removed.getValue();
                  if (query != null) {
                    query.close();
                  }
                })
            .build();
  }

  // Statements.

  @Override
  public FlightInfo getFlightInfoStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    PreparedQuery query = prepare(command.getQuery(), context, true);
    Ticket ticket =
        new Ticket(
            Any.pack(TicketStatementQuery.newBuilder().setStatementHandle(query.handle()).build())
                .toByteArray());
    return new FlightInfo(
        query.resultSchema(), descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  @Override
  public SchemaResult getSchemaStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    try (Connection connection = connections.open();
        PreparedStatement statement = connection.prepareStatement(command.getQuery())) {
      return new SchemaResult(ArrowResults.schema(statement.getMetaData(), allocator));
    } catch (SQLException e) {
      throw sqlError(e);
    }
  }

  @Override
  public void getStreamStatement(
      TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    PreparedQuery query = find(ticket.getStatementHandle(), context);
    stream(query, listener, () -> queries.invalidate(query.handle()));
  }

  @Override
  public Runnable acceptPutStatement(
      CommandStatementUpdate command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () -> ackStream.onError(readOnly());
  }

  // Prepared statements.

  @Override
  public void createPreparedStatement(
      ActionCreatePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      PreparedQuery query = prepare(request.getQuery(), context, false);
      ActionCreatePreparedStatementResult result =
          ActionCreatePreparedStatementResult.newBuilder()
              .setPreparedStatementHandle(query.handle())
              .setDatasetSchema(ByteString.copyFrom(query.resultSchema().serializeAsMessage()))
              .setParameterSchema(ByteString.copyFrom(query.parameterSchema().serializeAsMessage()))
              .build();
      listener.onNext(new Result(Any.pack(result).toByteArray()));
      listener.onCompleted();
    } catch (FlightRuntimeException e) {
      listener.onError(e);
    }
  }

  @Override
  public void closePreparedStatement(
      ActionClosePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    PreparedQuery query = queries.getIfPresent(request.getPreparedStatementHandle());
    if (query != null && query.owner().equals(context.peerIdentity())) {
      queries.invalidate(query.handle());
    }
    listener.onCompleted();
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    PreparedQuery query = find(command.getPreparedStatementHandle(), context);
    Ticket ticket = new Ticket(Any.pack(command).toByteArray());
    return new FlightInfo(
        query.resultSchema(), descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return new SchemaResult(find(command.getPreparedStatementHandle(), context).resultSchema());
  }

  @Override
  public void getStreamPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
    stream(find(command.getPreparedStatementHandle(), context), listener, () -> {});
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(
      CommandPreparedStatementQuery command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () -> {
      List<VectorSchemaRoot> rows = new ArrayList<>();
      try {
        PreparedQuery query = find(command.getPreparedStatementHandle(), context);
        long bytes = 0;
        while (flightStream.next()) {
          VectorSchemaRoot batch = flightStream.getRoot();
          bytes += batch.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum();
          if (bytes > MAX_PARAMETER_BYTES) {
            throw CallStatus.RESOURCE_EXHAUSTED
                .withDescription(
                    "The parameters exceed "
                        + (MAX_PARAMETER_BYTES >> 20)
                        + " MiB: bind fewer rows at a time")
                .toRuntimeException();
          }
          rows.add(copy(batch));
        }
        query.bind(rows);
        rows = List.of();
        FlightSql.DoPutPreparedStatementResult result =
            FlightSql.DoPutPreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(query.handle())
                .build();
        try (ArrowBuf metadata = allocator.buffer(result.getSerializedSize())) {
          metadata.writeBytes(result.toByteArray());
          ackStream.onNext(PutResult.metadata(metadata));
        }
        ackStream.onCompleted();
      } catch (FlightRuntimeException e) {
        rows.forEach(VectorSchemaRoot::close);
        ackStream.onError(e);
      } catch (RuntimeException e) {
        rows.forEach(VectorSchemaRoot::close);
        ackStream.onError(
            CallStatus.INVALID_ARGUMENT
                .withDescription("Cannot read the parameters: " + e.getMessage())
                .toRuntimeException());
      }
    };
  }

  @Override
  public Runnable acceptPutPreparedStatementUpdate(
      CommandPreparedStatementUpdate command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () -> ackStream.onError(readOnly());
  }

  // Cancellation.

  @Override
  public void cancelFlightInfo(
      CancelFlightInfoRequest request, CallContext context, StreamListener<CancelStatus> listener) {
    CancelStatus status = CancelStatus.NOT_CANCELLABLE;
    boolean found = false;
    for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
      ByteString handle = handleOf(endpoint.getTicket());
      PreparedQuery query = handle == null ? null : queries.getIfPresent(handle);
      if (query != null && query.owner().equals(context.peerIdentity())) {
        found = true;
        status = query.cancel();
      }
    }
    if (!found) {
      listener.onError(
          CallStatus.NOT_FOUND
              .withDescription("No such query: it finished, was closed or never existed")
              .toRuntimeException());
      return;
    }
    listener.onNext(status);
    listener.onCompleted();
  }

  // Catalog calls.

  @Override
  public FlightInfo getFlightInfoSqlInfo(
      FlightSql.CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_SQL_INFO_SCHEMA);
  }

  @Override
  public void getStreamSqlInfo(
      FlightSql.CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    catalog.sqlInfo(command.getInfoList(), listener);
  }

  @Override
  public FlightInfo getFlightInfoTypeInfo(
      FlightSql.CommandGetXdbcTypeInfo request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_TYPE_INFO_SCHEMA);
  }

  @Override
  public void getStreamTypeInfo(
      FlightSql.CommandGetXdbcTypeInfo request,
      CallContext context,
      ServerStreamListener listener) {
    catalog.typeInfo(request.hasDataType() ? request.getDataType() : null, listener);
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(
      FlightSql.CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_CATALOGS_SCHEMA);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    catalog.catalogs(listener);
  }

  @Override
  public FlightInfo getFlightInfoSchemas(
      FlightSql.CommandGetDbSchemas request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_SCHEMAS_SCHEMA);
  }

  @Override
  public void getStreamSchemas(
      FlightSql.CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    catalog.schemas(
        command.hasCatalog() ? command.getCatalog() : null,
        command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null,
        listener);
  }

  @Override
  public FlightInfo getFlightInfoTables(
      FlightSql.CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(
        request,
        descriptor,
        request.getIncludeSchema()
            ? Schemas.GET_TABLES_SCHEMA
            : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA);
  }

  @Override
  public void getStreamTables(
      FlightSql.CommandGetTables command, CallContext context, ServerStreamListener listener) {
    catalog.tables(command, listener);
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(
      FlightSql.CommandGetTableTypes request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_TABLE_TYPES_SCHEMA);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    catalog.tableTypes(listener);
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(
      FlightSql.CommandGetPrimaryKeys request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_PRIMARY_KEYS_SCHEMA);
  }

  @Override
  public void getStreamPrimaryKeys(
      FlightSql.CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    catalog.empty(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener);
  }

  @Override
  public FlightInfo getFlightInfoExportedKeys(
      FlightSql.CommandGetExportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_EXPORTED_KEYS_SCHEMA);
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(
      FlightSql.CommandGetImportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_IMPORTED_KEYS_SCHEMA);
  }

  @Override
  public FlightInfo getFlightInfoCrossReference(
      FlightSql.CommandGetCrossReference request,
      CallContext context,
      FlightDescriptor descriptor) {
    return catalogInfo(request, descriptor, Schemas.GET_CROSS_REFERENCE_SCHEMA);
  }

  @Override
  public void getStreamExportedKeys(
      FlightSql.CommandGetExportedKeys command,
      CallContext context,
      ServerStreamListener listener) {
    catalog.empty(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamImportedKeys(
      FlightSql.CommandGetImportedKeys command,
      CallContext context,
      ServerStreamListener listener) {
    catalog.empty(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamCrossReference(
      FlightSql.CommandGetCrossReference command,
      CallContext context,
      ServerStreamListener listener) {
    catalog.empty(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
  }

  @Override
  public void listFlights(
      CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
    listener.onCompleted();
  }

  /** Closes every prepared statement, cancelling what runs. */
  @Override
  public void close() {
    queries.invalidateAll();
    queries.cleanUp();
  }

  /** The number of queries running now. */
  int runningQueries() {
    return MAX_RUNNING_QUERIES - runningQueries.availablePermits();
  }

  // Implementation.

  private static <T extends Message> FlightInfo catalogInfo(
      T request, FlightDescriptor descriptor, Schema schema) {
    Ticket ticket = new Ticket(Any.pack(request).toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  private PreparedQuery prepare(String sql, CallContext context, boolean singleRun) {
    Connection connection = null;
    try {
      connection = connections.open();
      PreparedStatement statement = connection.prepareStatement(sql);
      Schema result = ArrowResults.schema(statement.getMetaData(), allocator);
      Schema parameters =
          JdbcToArrowUtils.jdbcToArrowSchema(
              statement.getParameterMetaData(), JdbcToArrowUtils.getUtcCalendar());
      byte[] id = new byte[16];
      random.nextBytes(id);
      PreparedQuery query =
          new PreparedQuery(
              ByteString.copyFrom(id),
              context.peerIdentity(),
              sql,
              singleRun,
              connection,
              statement,
              result,
              parameters);
      queries.put(query.handle(), query);
      return query;
    } catch (SQLException | RuntimeException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e instanceof SQLException failed
          ? sqlError(failed)
          : runtimeError((RuntimeException) e);
    }
  }

  private PreparedQuery find(ByteString handle, CallContext context) {
    PreparedQuery query = queries.getIfPresent(handle);
    if (query == null || !query.owner().equals(context.peerIdentity())) {
      throw CallStatus.NOT_FOUND
          .withDescription(
              "No such statement: it was closed, expired after "
                  + PREPARED_IDLE.toMinutes()
                  + " idle minutes, or never existed")
          .toRuntimeException();
    }
    return query;
  }

  /**
   * Runs {@code query} on a query thread and streams its result to {@code listener}, which it
   * always ends, then runs {@code after}. The gRPC thread returns at once: gRPC tells a stream that
   * its client is ready for more, or has cancelled, on the call's own thread, which must not be the
   * one waiting for it.
   */
  private void stream(PreparedQuery query, ServerStreamListener listener, Runnable after) {
    if (!runningQueries.tryAcquire()) {
      after.run();
      listener.error(
          CallStatus.RESOURCE_EXHAUSTED
              .withDescription(
                  MAX_RUNNING_QUERIES + " queries are running already; try again when one ends")
              .toRuntimeException());
      return;
    }
    // Registered before this call returns, as gRPC requires of its handlers.
    Backpressure backpressure = new Backpressure();
    backpressure.register(listener);
    try {
      queryThreads.execute(
          () -> {
            try {
              run(query, listener, backpressure);
            } finally {
              after.run();
            }
          });
    } catch (RejectedExecutionException e) {
      release();
      after.run();
      listener.error(
          CallStatus.UNAVAILABLE.withDescription("The server is stopping").toRuntimeException());
    }
  }

  /** Runs {@code query}; the run's memory and slot are released before the client hears the end. */
  private void run(PreparedQuery query, ServerStreamListener listener, Backpressure backpressure) {
    Run run = null;
    FlightRuntimeException failure = null;
    try {
      run = query.start();
      backpressure.attach(run);
      streamRun(run, listener, backpressure);
    } catch (RunCancelled e) {
      failure = cancelled();
    } catch (SQLException e) {
      failure = run != null && run.cancelled() ? cancelled() : sqlError(e);
    } catch (OutOfMemoryException e) {
      failure =
          CallStatus.RESOURCE_EXHAUSTED
              .withDescription(
                  "The query needs more than its memory limit of "
                      + (queryMemoryBytes >> 20)
                      + " MiB for one batch of rows; select fewer or narrower columns, or start the server with a larger --query-memory")
              .toRuntimeException();
    } catch (RuntimeException e) {
      failure = run != null && run.cancelled() ? cancelled() : runtimeError(e);
    } finally {
      if (run != null) {
        query.finish(run);
      }
      release();
    }
    if (failure != null) {
      listener.error(failure);
    } else {
      listener.completed();
    }
  }

  private void release() {
    idle.lock();
    try {
      runningQueries.release();
      if (runningQueries.availablePermits() == MAX_RUNNING_QUERIES) {
        noneRunning.signalAll();
      }
    } finally {
      idle.unlock();
    }
  }

  /**
   * Waits until no query runs, at most {@code timeout}; returns whether none does.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    idle.lock();
    try {
      while (runningQueries.availablePermits() < MAX_RUNNING_QUERIES) {
        if (nanos <= 0) {
          return false;
        }
        nanos = noneRunning.awaitNanos(nanos);
      }
      return true;
    } finally {
      idle.unlock();
    }
  }

  private static FlightRuntimeException cancelled() {
    return CallStatus.CANCELLED.withDescription("The query was cancelled").toRuntimeException();
  }

  private void streamRun(Run run, ServerStreamListener listener, Backpressure backpressure)
      throws SQLException {
    PreparedStatement statement = run.statement();
    try (BufferAllocator memory = allocator.newChildAllocator("query", 0, queryMemoryBytes);
        ArrowResults results = new ArrowResults(statement.getMetaData(), memory)) {
      listener.start(results.root());
      List<VectorSchemaRoot> parameters = run.parameters();
      if (parameters.isEmpty()) {
        send(statement, results, listener, backpressure, run);
      }
      for (VectorSchemaRoot batch : parameters) {
        JdbcParameterBinder binder =
            JdbcParameterBinder.builder(statement, batch).bindAll().build();
        while (binder.next()) {
          send(statement, results, listener, backpressure, run);
        }
      }
      if (run.cancelled()) {
        throw new RunCancelled();
      }
    }
  }

  private static void send(
      PreparedStatement statement,
      ArrowResults results,
      ServerStreamListener listener,
      Backpressure backpressure,
      Run run)
      throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      results.readFrom(rs);
      while (results.next()) {
        BackpressureStrategy.WaitResult ready =
            backpressure.waitForListener(CLIENT_STALL.toMillis());
        switch (ready) {
          case READY -> listener.putNext();
          case TIMEOUT ->
              throw CallStatus.TIMED_OUT
                  .withDescription(
                      "The client read nothing for "
                          + CLIENT_STALL.toMinutes()
                          + " minutes; the query was stopped")
                  .toRuntimeException();
          default -> {
            run.cancel();
            throw new RunCancelled();
          }
        }
      }
    }
  }

  /** Copies a parameter batch out of the stream's buffers, which the stream reuses. */
  private VectorSchemaRoot copy(VectorSchemaRoot batch) {
    VectorSchemaRoot copy = VectorSchemaRoot.create(batch.getSchema(), allocator);
    try (ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
      new VectorLoader(copy).load(unloaded);
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
    return copy;
  }

  private static @Nullable ByteString handleOf(Ticket ticket) {
    try {
      Any any = Any.parseFrom(ticket.getBytes());
      if (any.is(TicketStatementQuery.class)) {
        return any.unpack(TicketStatementQuery.class).getStatementHandle();
      }
      if (any.is(CommandPreparedStatementQuery.class)) {
        return any.unpack(CommandPreparedStatementQuery.class).getPreparedStatementHandle();
      }
      return null;
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static FlightRuntimeException readOnly() {
    return CallStatus.INVALID_ARGUMENT
        .withDescription(
            "Quiver's SQL is read-only: write records with PutRecord (REST or gRPC) or quiver import")
        .toRuntimeException();
  }

  /** A query error as the local CLI shows it: Calcite's message with its line and column. */
  static FlightRuntimeException sqlError(SQLException e) {
    return CallStatus.INVALID_ARGUMENT
        .withDescription(QuiverSql.errorMessage(e))
        .toRuntimeException();
  }

  private static FlightRuntimeException runtimeError(RuntimeException e) {
    if (e instanceof FlightRuntimeException flight) {
      return flight;
    }
    if (e instanceof ResourceNotFoundException) {
      return CallStatus.NOT_FOUND.withDescription(e.getMessage()).toRuntimeException();
    }
    if (e instanceof ValidationException || e instanceof IllegalArgumentException) {
      return CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).toRuntimeException();
    }
    if (e instanceof QuiverException || e instanceof UncheckedIOException) {
      return CallStatus.INTERNAL.withDescription(e.getMessage()).toRuntimeException();
    }
    LOG.error("Flight SQL call failed", e);
    return CallStatus.INTERNAL
        .withDescription("Internal error: " + QuiverSql.errorMessage(e))
        .toRuntimeException();
  }

  /** Thrown inside a run to unwind it once it is cancelled. */
  private static final class RunCancelled extends RuntimeException {
    RunCancelled() {
      super("cancelled", null, false, false);
    }
  }

  /**
   * Waits for a client to take more. A client that cancels the stream cancels the run, and a run
   * cancelled otherwise stops the wait at once.
   */
  private static final class Backpressure
      extends BackpressureStrategy.CallbackBackpressureStrategy {
    private volatile @Nullable Run run;
    private volatile boolean clientCancelled;

    /** Ties the stream to {@code started}, cancelling it if the client already went away. */
    void attach(Run started) {
      run = started;
      started.onCancel(this::interruptWait);
      if (clientCancelled) {
        started.cancel();
      }
    }

    @Override
    protected void cancelCallback() {
      clientCancelled = true;
      Run current = run;
      if (current != null) {
        current.cancel();
      }
    }

    @Override
    protected boolean shouldContinueWaiting(ServerStreamListener listener, long remainingTimeout) {
      Run current = run;
      return current == null || !current.cancelled();
    }
  }
}
