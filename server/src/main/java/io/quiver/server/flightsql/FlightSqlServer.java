package io.quiver.server.flightsql;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.quiver.server.auth.AccessKeys;
import io.quiver.server.config.ServerConfig;
import io.quiver.server.grpc.AcceptedConnectionLimiter;
import io.quiver.server.grpc.GrpcServer;
import io.quiver.server.http.ConnectionLimit;
import io.quiver.server.http.Transport;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.parquet.ScanStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Arrow Flight SQL port: Quiver's SQL over the live store for JDBC tools ({@code
 * jdbc:arrow-flight-sql://}), ADBC and Arrow clients. TLS and the access keys are the server's:
 * with keys, a client logs in with an access key id as user and its secret as password and gets a
 * bearer token. Closing cancels running queries and stops; idempotent. Thread-safe.
 */
public final class FlightSqlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlightSqlServer.class);

  /** Bearer tokens kept at once; the least recently used beyond must log in again. */
  private static final int MAX_TOKENS = 10_000;

  /** The largest message accepted: parameter batches, not results, travel to the server. */
  private static final int MAX_MESSAGE_BYTES = 32 << 20;

  /** The protocol's name in metrics. */
  static final String PROTOCOL = "flight_sql";

  private final FlightServer server;
  private final QuiverFlightSqlProducer producer;
  private final BufferAllocator allocator;
  private final ExecutorService calls;
  private final ExecutorService queries;
  private final ExecutorService readers;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private boolean closed;

  private FlightSqlServer(
      FlightServer server,
      QuiverFlightSqlProducer producer,
      BufferAllocator allocator,
      ExecutorService calls,
      ExecutorService queries,
      ExecutorService readers,
      EventLoopGroup boss,
      EventLoopGroup workers) {
    this.queries = queries;
    this.boss = boss;
    this.workers = workers;
    this.server = server;
    this.producer = producer;
    this.allocator = allocator;
    this.calls = calls;
    this.readers = readers;
  }

  /**
   * Starts serving {@code store}'s SQL on {@code config.host():config.flightSqlPort()}.
   *
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalArgumentException if the TLS files cannot be used
   */
  public static FlightSqlServer start(
      QuiverStore store, ServerConfig config, ServerMetrics metrics) {
    requireArrowMemory();
    Transport transport = Transport.best();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(
            config.eventLoopThreads(), transport.ioHandlerFactory(config.busyPoll()));
    ConnectionLimit connections = new ConnectionLimit(config.maxConnections());
    metrics.registerGauge(
        "quiver_flight_sql_connections",
        "Open connections on the Flight SQL port.",
        connections::open);
    AcceptedConnectionLimiter limiter =
        new AcceptedConnectionLimiter(connections, metrics, PROTOCOL);
    BufferAllocator allocator = new RootAllocator();
    ExecutorService calls = Executors.newCachedThreadPool(threads("quiver-flight-sql"));
    ExecutorService readers =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), threads("quiver-flight-sql-reader"));
    ExecutorService queries =
        Executors.newFixedThreadPool(
            QuiverFlightSqlProducer.MAX_RUNNING_QUERIES, threads("quiver-flight-sql-query"));
    QuiverFlightSqlProducer producer =
        new QuiverFlightSqlProducer(
            new SqlConnections(store.offlineHistory(), new ScanStatistics(), readers),
            allocator,
            config.queryMemoryBytes(),
            queries);
    try {
      Location location =
          config.tls()
              ? Location.forGrpcTls(config.host(), config.flightSqlPort())
              : Location.forGrpcInsecure(config.host(), config.flightSqlPort());
      FlightServer.Builder builder =
          FlightServer.builder(allocator, location, producer)
              .executor(calls)
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .setMaxHeaderListSize(GrpcServer.MAX_METADATA_BYTES)
              .headerAuthenticator(authenticator(config.accessKeys()))
              // The gRPC port's bounds: connections over the limit close at once, idle ones close,
              // the HTTP/2 handshake must finish in time, one connection opens a bounded number of
              // calls. Own event loops, sized like the other ports'.
              .transportHint(
                  "grpc.builderConsumer",
                  (Consumer<NettyServerBuilder>)
                      netty ->
                          netty
                              .channelFactory(
                                  () -> {
                                    ServerChannel listening = transport.newServerChannel();
                                    listening.pipeline().addLast(limiter);
                                    return listening;
                                  })
                              .bossEventLoopGroup(boss)
                              .workerEventLoopGroup(workers)
                              .maxConnectionIdle(
                                  config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS)
                              .handshakeTimeout(
                                  config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS)
                              .maxConcurrentCallsPerConnection(
                                  GrpcServer.MAX_CALLS_PER_CONNECTION));
      if (config.tls()) {
        try {
          builder.useTls(
              requireNonNull(config.tlsCert()).toFile(), requireNonNull(config.tlsKey()).toFile());
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "tlsCert/tlsKey: "
                  + config.tlsCert()
                  + "/"
                  + config.tlsKey()
                  + " (expected: a PEM certificate chain and its PKCS#8 PEM key)",
              e);
        }
      }
      FlightServer server = builder.build();
      try {
        server.start();
      } catch (IOException e) {
        server.close();
        throw new UncheckedIOException(
            "Cannot listen for Flight SQL on " + config.host() + ":" + config.flightSqlPort(), e);
      }
      return new FlightSqlServer(
          server, producer, allocator, calls, queries, readers, boss, workers);
    } catch (RuntimeException | InterruptedException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      producer.close();
      calls.shutdownNow();
      queries.shutdownNow();
      readers.shutdownNow();
      allocator.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting Flight SQL", e);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Arrow's memory module reads {@code java.nio.Buffer}'s address field, so {@code java.nio} must
   * be open to it; checked first, because Arrow prints a stack trace when it is not.
   *
   * @throws IllegalStateException if the JVM was started without it
   */
  public static void requireArrowMemory() {
    if (!Object.class.getModule().isOpen("java.nio", FlightSqlServer.class.getModule())) {
      throw new IllegalStateException(
          "Flight SQL needs the JVM option --add-opens=java.base/java.nio=ALL-UNNAMED "
              + "(java -jar quiver.jar sets it); add it, or turn Flight SQL off with --flight-sql-port -1");
    }
  }

  /**
   * Without access keys, every caller; with them, basic credentials checked against the keys and
   * traded for a bearer token.
   */
  private static CallHeaderAuthenticator authenticator(@Nullable AccessKeys keys) {
    if (keys == null) {
      return CallHeaderAuthenticator.NO_OP;
    }
    BasicCallHeaderAuthenticator basic =
        new BasicCallHeaderAuthenticator(new AccessKeyValidator(keys));
    CallHeaderAuthenticator withMessage =
        headers -> {
          if (!headers.containsKey(Auth2Constants.AUTHORIZATION_HEADER)) {
            throw CallStatus.UNAUTHENTICATED
                .withDescription(
                    "Missing credentials: log in with an access key id as user and its secret access key as password")
                .toRuntimeException();
          }
          return basic.authenticate(headers);
        };
    return new GeneratedBearerTokenAuthenticator(
        withMessage,
        com.google.common.cache.CacheBuilder.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterAccess(2, TimeUnit.HOURS));
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The port listened on. */
  public int port() {
    return server.getPort();
  }

  /** The number of queries running now. */
  public int runningQueries() {
    return producer.runningQueries();
  }

  /**
   * Waits until no query runs, at most {@code timeout}; returns whether none does.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitNoRunningQueries(java.time.Duration timeout) throws InterruptedException {
    return producer.awaitIdle(timeout);
  }

  /** Stops accepting new calls; calls in progress continue. */
  public void stopAccepting() {
    server.shutdown();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    producer.close();
    server.shutdown();
    try {
      if (!producer.awaitIdle(java.time.Duration.ofSeconds(30))) {
        LOG.warn("Flight SQL queries still running after 30 s; stopping anyway");
      }
      if (!server.awaitTermination(30, TimeUnit.SECONDS)) {
        server.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    calls.shutdownNow();
    queries.shutdownNow();
    readers.shutdownNow();
    boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      LOG.warn("Flight SQL closed with Arrow memory still held: {}", e.getMessage());
    }
  }
}
