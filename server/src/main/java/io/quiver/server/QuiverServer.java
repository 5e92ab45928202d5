package io.quiver.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.quiver.clarify.monitor.schedule.MonitoringService;
import io.quiver.pipelines.execution.PipelineEngine;
import io.quiver.pipelines.execution.PipelineEngineConfig;
import io.quiver.pipelines.step.BiasProcessor;
import io.quiver.pipelines.step.DatasetProcessor;
import io.quiver.pipelines.step.FeatureIngestProcessor;
import io.quiver.pipelines.step.FlowProcessor;
import io.quiver.server.auth.RequestAuthenticator;
import io.quiver.server.auth.SigV4Authenticator;
import io.quiver.server.config.ServerConfig;
import io.quiver.server.control.ControlPlaneApi;
import io.quiver.server.flightsql.FlightSqlServer;
import io.quiver.server.grpc.GrpcServer;
import io.quiver.server.http.HttpRequestHandler;
import io.quiver.server.http.HttpServer;
import io.quiver.server.http.RequestIds;
import io.quiver.server.http.SageMakerJson;
import io.quiver.server.limits.CreationLimit;
import io.quiver.server.limits.ThroughputLimits;
import io.quiver.server.limits.WorkerPool;
import io.quiver.server.metrics.MonitoringGauges;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.server.metrics.StoreGauges;
import io.quiver.server.runtime.RuntimeApi;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the SageMaker HTTP port, the gRPC port and the Arrow Flight SQL port over one
 * store, sharing authentication, limits, the worker pool and metrics. Thread-safe.
 *
 * <p>Lifecycle: {@link #start} binds every port and only then reports ready on {@code /health}.
 * {@link #close()} drains: it stops accepting, lets accepted requests finish (writes on the pool,
 * reads on the event loops), then releases threads. It does not close the store, which the caller
 * owns and closes afterwards (try-with-resources order does this).
 */
public final class QuiverServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuiverServer.class);

  private final ServerMetrics metrics;
  private final WorkerPool workers;
  private final HttpServer http;
  private final @Nullable GrpcServer grpc;
  private final @Nullable FlightSqlServer flightSql;
  private final AtomicBoolean ready;
  private final PipelineEngine pipelines;
  private final MonitoringService monitoring;
  private boolean closed;

  private QuiverServer(
      AtomicBoolean ready,
      ServerMetrics metrics,
      WorkerPool workers,
      HttpServer http,
      @Nullable GrpcServer grpc,
      @Nullable FlightSqlServer flightSql,
      PipelineEngine pipelines,
      MonitoringService monitoring) {
    this.monitoring = monitoring;
    this.grpc = grpc;
    this.flightSql = flightSql;
    this.pipelines = pipelines;
    this.ready = ready;
    this.metrics = metrics;
    this.workers = workers;
    this.http = http;
  }

  /**
   * Starts serving {@code store}.
   *
   * @throws IllegalArgumentException if the TLS files cannot be used
   * @throws InterruptedException if interrupted while binding
   */
  public static QuiverServer start(QuiverStore store, ServerConfig config)
      throws InterruptedException {
    ServerMetrics metrics = new ServerMetrics();
    StoreGauges.register(metrics, store);
    ObjectMapper mapper = SageMakerJson.newMapper();
    RequestAuthenticator authenticator =
        config.accessKeys() == null
            ? RequestAuthenticator.allowAll()
            : new SigV4Authenticator(config.accessKeys(), config.clock());
    ThroughputLimits limits = new ThroughputLimits(config.tpsLimits(), config.nanoClock());
    CreationLimit creations = new CreationLimit(config.maxConcurrentCreations());
    WorkerPool workers = new WorkerPool(config.workerThreads(), config.workerQueue());
    metrics.registerGauge(
        "quiver_worker_queue_depth",
        "Store calls waiting for a worker thread (at the queue's capacity, requests are throttled).",
        workers::queued);
    SslContext ssl = httpSsl(config);
    PipelineEngine pipelines = PipelineEngine.open(pipelineConfig(store));
    MonitoringService monitoring = monitoring(store, config.monitoringLag(), true);
    MonitoringGauges.register(metrics, monitoring);
    AtomicBoolean ready = new AtomicBoolean();
    HttpRequestHandler dispatcher =
        new HttpRequestHandler(
            List.of(
                new ControlPlaneApi(store, pipelines, monitoring, mapper, creations),
                new RuntimeApi(store, mapper)),
            authenticator,
            limits,
            workers,
            metrics,
            new RequestIds(new SecureRandom().nextLong()),
            ready::get);
    HttpServer http;
    try {
      http =
          HttpServer.start(
              config.host(),
              config.httpPort(),
              ssl,
              config.eventLoopThreads(),
              config.busyPoll(),
              config.httpLimits(),
              dispatcher,
              metrics);
    } catch (InterruptedException e) {
      workers.close();
      pipelines.close();
      monitoring.close();
      throw e;
    } catch (Exception e) { // Netty rethrows a failed bind's IOException unchecked
      workers.close();
      pipelines.close();
      monitoring.close();
      throw bindFailure(e, config.host(), config.httpPort(), "HTTP", "--port");
    }
    GrpcServer grpc = null;
    if (config.grpcPort() >= 0) {
      try {
        grpc = GrpcServer.start(store, config, authenticator, limits, workers, creations, metrics);
      } catch (Exception e) {
        http.close();
        workers.close();
        pipelines.close();
        monitoring.close();
        throw bindFailure(e, config.host(), config.grpcPort(), "gRPC", "--grpc-port");
      }
    }
    FlightSqlServer flightSql = null;
    if (config.flightSqlPort() >= 0) {
      try {
        flightSql = FlightSqlServer.start(store, config, metrics);
      } catch (Exception e) {
        if (grpc != null) {
          grpc.close();
        }
        http.close();
        workers.close();
        pipelines.close();
        monitoring.close();
        throw bindFailure(
            e, config.host(), config.flightSqlPort(), "Flight SQL", "--flight-sql-port");
      }
    }
    QuiverServer server =
        new QuiverServer(ready, metrics, workers, http, grpc, flightSql, pipelines, monitoring);
    ready.set(true);
    if (!authenticator.enabled()) {
      LOG.warn(
          "Authentication is off: any caller is accepted (start with --access-keys FILE to require SigV4 signatures)");
    }
    return server;
  }

  /**
   * {@code failure} of a port's start as the operator should read it: a port that cannot be bound
   * names the address and the option that chooses it; anything else passes unchanged.
   */
  private static RuntimeException bindFailure(
      Exception failure, String host, int port, String protocol, String option) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof BindException
          || message.contains("Address already in use")
          || message.contains("bind(..) failed")) {
        String reason =
            message.contains("already in use")
                ? "the address is in use, perhaps by another quiver serve"
                : message;
        return new UncheckedIOException(
            "Cannot listen on "
                + host
                + ":"
                + port
                + " for "
                + protocol
                + ": "
                + reason
                + "; stop what holds it, or choose another port with "
                + option,
            t instanceof IOException io ? io : new IOException(message, t));
      }
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("Cannot start the " + protocol + " port", failure);
  }

  /**
   * The pipelines of {@code store}: they live in its data directory, reach S3 as its offline store
   * does, and their built-in processors ingest into it and read its offline store.
   */
  public static PipelineEngineConfig pipelineConfig(QuiverStore store) {
    StoreConfig c = store.config();
    return PipelineEngineConfig.builder(c.dataDir().resolve("pipelines"))
        .arnParts(c.region(), c.account())
        .s3(c.s3())
        .clock(c.clock())
        .builtin(BiasProcessor.IMAGE, new BiasProcessor())
        .builtin(FeatureIngestProcessor.IMAGE, new FeatureIngestProcessor(store))
        .builtin(DatasetProcessor.IMAGE, new DatasetProcessor(store))
        .builtin(FlowProcessor.IMAGE, new FlowProcessor(store))
        .build();
  }

  /**
   * The monitoring of {@code store}'s data directory: windows read its offline store as of each run
   * (staged rows included), and, with {@code schedule}, a thread runs the schedules.
   */
  public static MonitoringService monitoring(QuiverStore store, Duration lag, boolean schedule) {
    StoreConfig c = store.config();
    return MonitoringService.open(
        c.dataDir(), c.region(), c.account(), c.clock(), store::offlineHistory, lag, schedule);
  }

  private static @Nullable SslContext httpSsl(ServerConfig config) {
    if (!config.tls()) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(
              requireNonNull(config.tlsCert()).toFile(), requireNonNull(config.tlsKey()).toFile())
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tlsCert/tlsKey: "
              + config.tlsCert()
              + "/"
              + config.tlsKey()
              + " (expected: a PEM certificate chain and its PKCS#8 PEM key)",
          e);
    }
  }

  /** The HTTP port listened on. */
  public int httpPort() {
    return http.port();
  }

  /** The gRPC port listened on, or -1 if gRPC is off. */
  public int grpcPort() {
    return grpc == null ? -1 : grpc.port();
  }

  /** The pipelines and model registry the server serves. */
  public PipelineEngine pipelines() {
    return pipelines;
  }

  /** The monitoring schedules the server runs. */
  public MonitoringService monitoring() {
    return monitoring;
  }

  /** The Flight SQL port listened on, or -1 if Flight SQL is off. */
  public int flightSqlPort() {
    return flightSql == null ? -1 : flightSql.port();
  }

  /** The Flight SQL queries running now (0 if Flight SQL is off). */
  public int runningSqlQueries() {
    return flightSql == null ? 0 : flightSql.runningQueries();
  }

  /**
   * Waits until no Flight SQL query runs, at most {@code timeout}; returns whether none does.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitNoRunningSqlQueries(java.time.Duration timeout) throws InterruptedException {
    return flightSql == null || flightSql.awaitNoRunningQueries(timeout);
  }

  /** The server's metrics, for registering store gauges. */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** Drains and stops every port; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready.set(false);
    http.stopAccepting();
    if (grpc != null) {
      grpc.stopAccepting();
    }
    if (flightSql != null) {
      flightSql.stopAccepting();
    }
    workers.close();
    if (grpc != null) {
      grpc.close();
    }
    if (flightSql != null) {
      flightSql.close();
    }
    http.close();
    monitoring.close();
    pipelines.close();
    LOG.info("Quiver server stopped");
  }
}
