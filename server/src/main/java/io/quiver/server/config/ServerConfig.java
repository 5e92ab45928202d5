package io.quiver.server.config;

import static java.util.Objects.requireNonNull;

import io.quiver.clarify.monitor.schedule.ScheduleRunner;
import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.server.auth.AccessKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link QuiverServer}. Immutable; built with {@link #builder()}, whose defaults are
 * the {@code *_DEFAULT} constants.
 *
 * @param host the address both ports bind to
 * @param httpPort the SageMaker HTTP port (0 picks a free one)
 * @param grpcPort the gRPC port (0 picks a free one, -1 turns gRPC off)
 * @param flightSqlPort the Arrow Flight SQL port (0 picks a free one, -1 turns it off)
 * @param queryMemoryBytes the most memory one Flight SQL query may hold in Arrow batches
 * @param tpsLimits per-operation requests per second overriding the defaults
 * @param accessKeys the keys SigV4 signatures must be made with, or {@code null} to accept anyone
 * @param tlsCert PEM certificate chain for TLS on both ports, or {@code null}
 * @param tlsKey PEM private key (PKCS#8) matching {@code tlsCert}, or {@code null}
 * @param maxRequestBytes the largest HTTP request body (and gRPC message) accepted
 * @param maxConnections connections each port keeps open at once; more are refused
 * @param maxBufferedBodyBytes bytes of HTTP request bodies held at once across all connections (see
 *     {@link HttpLimits#maxBufferedBodyBytes()})
 * @param idleTimeout how long a connection may sit idle between requests before it is closed
 * @param requestTimeout how long a request may take to arrive in full once it has begun
 * @param workerThreads threads running store writes
 * @param workerQueue writes that may wait for a worker before ThrottlingException
 * @param eventLoops Netty event loop threads of each port (HTTP and gRPC); 0 means {@link
 *     #defaultEventLoops}
 * @param busyPoll how long a busy event loop polls its connections before it blocks on them; zero
 *     blocks at once (see {@link #BUSY_POLL_DEFAULT})
 * @param maxConcurrentCreations feature groups that may be created at once
 * @param clock the clock SigV4 dates are checked against
 * @param nanoClock the monotonic clock token buckets refill by
 * @param monitoringLag how long after a monitoring window ends it is evaluated again for late
 *     ground truth
 */
public record ServerConfig(
    String host,
    int httpPort,
    int grpcPort,
    int flightSqlPort,
    long queryMemoryBytes,
    Map<Operation, Integer> tpsLimits,
    @Nullable AccessKeys accessKeys,
    @Nullable Path tlsCert,
    @Nullable Path tlsKey,
    int maxRequestBytes,
    int maxConnections,
    long maxBufferedBodyBytes,
    Duration idleTimeout,
    Duration requestTimeout,
    int workerThreads,
    int workerQueue,
    int eventLoops,
    Duration busyPoll,
    int maxConcurrentCreations,
    InstantSource clock,
    LongSupplier nanoClock,
    Duration monitoringLag) {
  /**
   * Event loop threads of a port when none are asked for: one per core but one, at least one. The
   * core left over runs what would otherwise preempt a loop in the middle of its pass over its
   * connections (RocksDB's flushes and compactions, the offline store's Parquet flushes, the WAL
   * sync, the collector) and, on a machine shared with its clients, the clients; a loop preempted
   * mid-pass holds back every request of that pass ({@code docs/operations/server.md}).
   */
  public static int defaultEventLoops(int cores) {
    return Math.max(1, cores - 1);
  }

  /** The event loop threads each port runs: {@link #eventLoops()}, or the default for 0. */
  public int eventLoopThreads() {
    return eventLoops == 0
        ? defaultEventLoops(Runtime.getRuntime().availableProcessors())
        : eventLoops;
  }

  /**
   * 50 µs: longer than a loop usually waits between passes under load, so a busy loop is never put
   * to sleep and woken, and short enough that a loop going idle spends little on its last poll. A
   * loop that blocks is woken by the next request, and the kernel may run it on the core of the
   * thread that woke it, behind that thread, while the other core idles; with a client on the same
   * two cores that cost a third of the loop's time ({@code docs/operations/server.md}).
   */
  public static final Duration BUSY_POLL_DEFAULT = Duration.ofNanos(50_000);

  /** The longest poll before blocking: beyond this a loop going idle wastes more than it saves. */
  public static final Duration BUSY_POLL_MAX = Duration.ofMillis(10);

  /** SageMaker's limit on concurrent feature group creations. */
  public static final int MAX_CONCURRENT_CREATIONS_DEFAULT = 4;

  public static final String HOST_DEFAULT = "127.0.0.1";
  public static final int HTTP_PORT_DEFAULT = 8080;
  public static final int GRPC_PORT_DEFAULT = GrpcEndpoint.DEFAULT_PORT;
  public static final int FLIGHT_SQL_PORT_DEFAULT = 9091;

  /**
   * 256 MiB: room for batches of wide rows; a result larger than this streams in smaller batches.
   */
  public static final long QUERY_MEMORY_BYTES_DEFAULT = 256L << 20;

  /** The smallest per-query memory limit: one batch of a few wide rows. */
  public static final long QUERY_MEMORY_BYTES_MIN = 1L << 20;

  /** 1 MiB: a 350 KB record encoded as JSON, plus headroom; BatchGetRecord needs far less. */
  public static final int MAX_REQUEST_BYTES_DEFAULT = 1 << 20;

  /**
   * Connections per port: a quarter of the process's open-file limit (two ports and RocksDB's files
   * share it), between 64 and 10,000.
   */
  public static final int MAX_CONNECTIONS_DEFAULT = defaultMaxConnections();

  /**
   * Request bodies held at once: a quarter of the JVM's maximum heap (Netty's direct memory is
   * capped at the same size by default), between 16 MiB and 256 MiB.
   */
  public static final long MAX_BUFFERED_BODY_BYTES_DEFAULT =
      Math.max(16L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));

  /**
   * Decoded offline files kept for repeated SQL and dataset queries: an eighth of the JVM's maximum
   * heap, at most 256 MiB (a million rows of an identifier and two numbers take about 40 MiB).
   */
  public static final long OFFLINE_READ_CACHE_BYTES_DEFAULT =
      Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

  /** Longer than the AWS SDKs keep an idle pooled connection (60 s), so they close first. */
  public static final Duration IDLE_TIMEOUT_DEFAULT = Duration.ofSeconds(75);

  /** Time for a whole request to arrive once its first byte has: 1 MiB at 35 KB/s. */
  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(30);

  public static final int WORKER_THREADS_DEFAULT = 2 * Runtime.getRuntime().availableProcessors();
  public static final int WORKER_QUEUE_DEFAULT = 1024;

  /** Checks the settings. */
  public ServerConfig {
    requireNonNull(host, "host");
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(clock, "clock");
    requireNonNull(nanoClock, "nanoClock");
    requireNonNull(monitoringLag, "monitoringLag");
    if (monitoringLag.isNegative()) {
      throw new IllegalArgumentException("monitoringLag: " + monitoringLag + " (expected: >= 0)");
    }
    // Checks sizes, connections and timeouts with their own messages.
    httpLimits(maxRequestBytes, maxConnections, maxBufferedBodyBytes, idleTimeout, requestTimeout);
    tpsLimits = Map.copyOf(tpsLimits);
    checkPort("httpPort", httpPort, 0);
    checkPort("grpcPort", grpcPort, -1);
    checkPort("flightSqlPort", flightSqlPort, -1);
    if (queryMemoryBytes < QUERY_MEMORY_BYTES_MIN) {
      throw new IllegalArgumentException(
          "queryMemoryBytes: "
              + queryMemoryBytes
              + " (expected: at least "
              + QUERY_MEMORY_BYTES_MIN
              + ")");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException(
          "tlsCert/tlsKey: " + tlsCert + "/" + tlsKey + " (expected: both or neither)");
    }
    tpsLimits.forEach(
        (op, tps) -> {
          if (tps <= 0) {
            throw new IllegalArgumentException("tpsLimits: " + op + "=" + tps + " (expected: > 0)");
          }
        });
    if (workerThreads <= 0 || workerQueue <= 0 || eventLoops < 0 || maxConcurrentCreations <= 0) {
      throw new IllegalArgumentException(
          "workerThreads/workerQueue/eventLoops/maxConcurrentCreations: "
              + workerThreads
              + "/"
              + workerQueue
              + "/"
              + eventLoops
              + "/"
              + maxConcurrentCreations
              + " (expected: > 0, > 0, >= 0, > 0)");
    }
    if (busyPoll.isNegative() || busyPoll.compareTo(BUSY_POLL_MAX) > 0) {
      throw new IllegalArgumentException(
          "busyPoll: " + busyPoll + " (expected: 0 to " + BUSY_POLL_MAX + ")");
    }
  }

  /** The HTTP port's share of these settings. */
  public HttpLimits httpLimits() {
    return httpLimits(
        maxRequestBytes, maxConnections, maxBufferedBodyBytes, idleTimeout, requestTimeout);
  }

  private static HttpLimits httpLimits(
      int maxRequestBytes,
      int maxConnections,
      long maxBufferedBodyBytes,
      Duration idleTimeout,
      Duration requestTimeout) {
    return new HttpLimits(
        maxRequestBytes, maxConnections, maxBufferedBodyBytes, idleTimeout, requestTimeout);
  }

  private static int defaultMaxConnections() {
    long files = FileDescriptorLimit.of(40_000);
    return (int) Math.max(64, Math.min(10_000, files / 4));
  }

  private static void checkPort(String name, int port, int min) {
    if (port < min || port > 65535) {
      throw new IllegalArgumentException(name + ": " + port + " (expected: " + min + " to 65535)");
    }
  }

  /** Whether TLS is on. */
  public boolean tls() {
    return tlsCert != null;
  }

  /** Starts a configuration with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ServerConfig}; not thread-safe. */
  public static final class Builder {
    private String host = HOST_DEFAULT;
    private int httpPort = HTTP_PORT_DEFAULT;
    private int grpcPort = GRPC_PORT_DEFAULT;
    private int flightSqlPort = FLIGHT_SQL_PORT_DEFAULT;
    private long queryMemoryBytes = QUERY_MEMORY_BYTES_DEFAULT;
    private final Map<Operation, Integer> tpsLimits = new EnumMap<>(Operation.class);
    private @Nullable AccessKeys accessKeys;
    private @Nullable Path tlsCert;
    private @Nullable Path tlsKey;
    private int maxRequestBytes = MAX_REQUEST_BYTES_DEFAULT;
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private long maxBufferedBodyBytes = -1;
    private Duration idleTimeout = IDLE_TIMEOUT_DEFAULT;
    private Duration requestTimeout = REQUEST_TIMEOUT_DEFAULT;
    private int workerThreads = WORKER_THREADS_DEFAULT;
    private int workerQueue = WORKER_QUEUE_DEFAULT;
    private int eventLoops;
    private Duration busyPoll = BUSY_POLL_DEFAULT;
    private int maxConcurrentCreations = MAX_CONCURRENT_CREATIONS_DEFAULT;
    private InstantSource clock = InstantSource.system();
    private LongSupplier nanoClock = System::nanoTime;
    private Duration monitoringLag = ScheduleRunner.LAG_DEFAULT;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /** Sets the gRPC port; -1 turns gRPC off. */
    public Builder grpcPort(int port) {
      this.grpcPort = port;
      return this;
    }

    /**
     * Overrides one operation's requests per second.
     *
     * @throws IllegalArgumentException if the operation already has an override
     */
    public Builder tpsLimit(Operation operation, int tps) {
      if (tpsLimits.put(operation, tps) != null) {
        throw new IllegalArgumentException(
            "tpsLimit: " + operation + " (expected: set at most once)");
      }
      return this;
    }

    /** Sets the Arrow Flight SQL port; -1 turns Flight SQL off. */
    public Builder flightSqlPort(int port) {
      this.flightSqlPort = port;
      return this;
    }

    /** Sets the most memory one Flight SQL query may hold in Arrow batches. */
    public Builder queryMemoryBytes(long bytes) {
      this.queryMemoryBytes = bytes;
      return this;
    }

    public Builder accessKeys(@Nullable AccessKeys keys) {
      this.accessKeys = keys;
      return this;
    }

    /** Turns on TLS with a PEM certificate chain and PKCS#8 PEM key. */
    public Builder tls(@Nullable Path cert, @Nullable Path key) {
      this.tlsCert = cert;
      this.tlsKey = key;
      return this;
    }

    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    /** Sets how many connections each port keeps open at once. */
    public Builder maxConnections(int max) {
      this.maxConnections = max;
      return this;
    }

    /**
     * Sets the bytes of HTTP request bodies held at once (default: the larger of {@link
     * #MAX_BUFFERED_BODY_BYTES_DEFAULT} and {@code maxRequestBytes}).
     */
    public Builder maxBufferedBodyBytes(long bytes) {
      this.maxBufferedBodyBytes = bytes;
      return this;
    }

    /** Sets how long a connection may sit idle between requests. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /** Sets how long a request may take to arrive in full once it has begun. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder workerThreads(int threads) {
      this.workerThreads = threads;
      return this;
    }

    public Builder workerQueue(int capacity) {
      this.workerQueue = capacity;
      return this;
    }

    public Builder eventLoops(int threads) {
      this.eventLoops = threads;
      return this;
    }

    /** How long a busy event loop polls before it blocks; zero blocks at once. */
    public Builder busyPoll(Duration window) {
      this.busyPoll = window;
      return this;
    }

    public Builder maxConcurrentCreations(int max) {
      this.maxConcurrentCreations = max;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** Sets the monotonic nanosecond clock of the token buckets. */
    public Builder nanoClock(LongSupplier nanoClock) {
      this.nanoClock = nanoClock;
      return this;
    }

    /** How long after a monitoring window ends it is evaluated again for late ground truth. */
    public Builder monitoringLag(Duration lag) {
      this.monitoringLag = lag;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a setting is out of range or TLS is half configured
     */
    public ServerConfig build() {
      return new ServerConfig(
          host,
          httpPort,
          grpcPort,
          flightSqlPort,
          queryMemoryBytes,
          tpsLimits,
          accessKeys,
          tlsCert,
          tlsKey,
          maxRequestBytes,
          maxConnections,
          maxBufferedBodyBytes >= 0
              ? maxBufferedBodyBytes
              : Math.max(MAX_BUFFERED_BODY_BYTES_DEFAULT, maxRequestBytes),
          idleTimeout,
          requestTimeout,
          workerThreads,
          workerQueue,
          eventLoops,
          busyPoll,
          maxConcurrentCreations,
          clock,
          nanoClock,
          monitoringLag);
    }
  }
}
