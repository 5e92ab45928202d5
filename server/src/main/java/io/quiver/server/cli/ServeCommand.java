package io.quiver.server.cli;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ResourceLeakDetector;
import io.quiver.clarify.monitor.schedule.ScheduleRunner;
import io.quiver.server.QuiverServer;
import io.quiver.server.auth.AccessKeys;
import io.quiver.server.config.Operation;
import io.quiver.server.config.ServerConfig;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.WalRecovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver serve}: opens a data directory and serves it until stopped. SIGTERM (or Ctrl-C)
 * drains in-flight requests, then closes the server and the store, which flushes what it holds.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the Quiver server on a data directory.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
  // Redis's appendfsync everysec: a sync a second costs little and bounds what a power loss takes.
  private static final Duration WAL_SYNC_INTERVAL_DEFAULT = Duration.ofSeconds(1);

  @Option(
      names = "--data-dir",
      defaultValue = "quiver-data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--host",
      defaultValue = ServerConfig.HOST_DEFAULT,
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "SageMaker HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--grpc-port",
      defaultValue = "9090",
      description = "gRPC port; -1 turns gRPC off (default: ${DEFAULT-VALUE}).")
  int grpcPort;

  @Option(
      names = "--flight-sql-port",
      defaultValue = "9091",
      description =
          "Arrow Flight SQL port (JDBC jdbc:arrow-flight-sql://, ADBC, quiver sql --endpoint); -1 turns it off (default: ${DEFAULT-VALUE}).")
  int flightSqlPort;

  @Option(
      names = "--query-memory",
      paramLabel = "MiB",
      defaultValue = "256",
      description =
          "Most memory one Flight SQL query may hold in Arrow batches, in MiB; larger results stream in smaller batches (default: ${DEFAULT-VALUE}).")
  long queryMemoryMib;

  @Option(
      names = "--offline-read-cache",
      paramLabel = "MiB",
      description =
          "MiB of decoded offline files kept in memory for repeated SQL and dataset queries; 0 turns"
              + " the cache off (default: an eighth of the heap, at most 256: ${DEFAULT-VALUE}).")
  long offlineReadCacheMib = ServerConfig.OFFLINE_READ_CACHE_BYTES_DEFAULT >> 20;

  @Option(
      names = "--tps-limit",
      paramLabel = "API=N",
      description =
          "Requests per second allowed for one API, e.g. GetRecord=200; repeatable (default: 10000 per API, BatchGetRecord=500).")
  List<String> tpsLimits = new ArrayList<>();

  @Option(
      names = "--access-keys",
      paramLabel = "FILE",
      description =
          "Require SigV4 signatures made with a key in FILE (lines of ACCESS_KEY_ID SECRET_ACCESS_KEY).")
  Path accessKeys;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Certificate chain (PEM); with --tls-key turns on TLS for every port.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "Private key (PKCS#8 PEM) of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--event-loops",
      paramLabel = "N",
      description =
          "Threads serving the connections of each port; 0 means one per core but one, at least one,"
              + " leaving a core to the store's background work (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int eventLoops;

  @Option(
      names = "--busy-poll",
      paramLabel = "INTERVAL",
      converter = IntervalConverter.class,
      description =
          "How long a busy event loop keeps polling its connections before it blocks on them (50us,"
              + " 1ms, at most 10ms; off blocks at once): a loop that is never put to sleep is never"
              + " woken on a core another thread holds (default: 50us).")
  Duration busyPoll = ServerConfig.BUSY_POLL_DEFAULT;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Connections each port keeps open at once; more are refused (default: a quarter of the"
              + " open-file limit, at most 10000: ${DEFAULT-VALUE}).")
  int maxConnections = ServerConfig.MAX_CONNECTIONS_DEFAULT;

  @Option(
      names = "--max-body-memory",
      paramLabel = "MIB",
      description =
          "MiB of HTTP request bodies held at once across all connections; a body that would go"
              + " over is refused with 503 before it is read (default: a quarter of the heap,"
              + " 16 to 256: ${DEFAULT-VALUE}).")
  long maxBodyMemoryMib = ServerConfig.MAX_BUFFERED_BODY_BYTES_DEFAULT >> 20;

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      description =
          "Close a connection idle this long between requests (default: ${DEFAULT-VALUE}).")
  long idleTimeoutSeconds = ServerConfig.IDLE_TIMEOUT_DEFAULT.toSeconds();

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      description =
          "Answer 408 and close when a request has not arrived in full this long after its first"
              + " byte (default: ${DEFAULT-VALUE}).")
  long requestTimeoutSeconds = ServerConfig.REQUEST_TIMEOUT_DEFAULT.toSeconds();

  @CommandLine.Mixin S3Options s3;

  @Option(
      names = "--monitoring-lag",
      paramLabel = "HOURS",
      description =
          "Evaluate a monitoring schedule's windows again at each run for this long after they end,"
              + " so that ground truth arriving late is joined (default: ${DEFAULT-VALUE}).")
  long monitoringLagHours = ScheduleRunner.LAG_DEFAULT.toHours();

  @Option(
      names = "--wal-sync-interval",
      paramLabel = "INTERVAL",
      converter = IntervalConverter.class,
      description =
          "Sync the write-ahead log to the disk this often (250ms, 1s, 2m; off leaves it to the"
              + " operating system): an acknowledged write survives a crash of the process at once"
              + " and a power loss after at most this interval (default: 1s).")
  Duration walSyncInterval = WAL_SYNC_INTERVAL_DEFAULT;

  @Option(
      names = "--accept-wal-loss",
      description =
          "Open even if the write-ahead log is damaged, keeping every write before the damage and"
              + " logging the dropped ranges (what `quiver repair` does); back the directory up first.")
  boolean acceptWalLoss;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = serverConfig();
    if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
      // Netty samples buffer allocations for leak reports by default, recording a stack trace for
      // each sampled buffer: measured at a fifth of GetRecord's throughput over REST and over half
      // over gRPC. Tests run with it on; setting the property turns it back on here.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              LOG.info("Stopping: draining in-flight requests");
              stopRequested.countDown();
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "quiver-shutdown");
    try {
      serve(config, hook, stopRequested);
      LOG.info("Quiver stopped cleanly");
    } finally {
      stopped.countDown();
    }
    return 0;
  }

  /**
   * Serves until {@code stopRequested}, then closes the server (draining) and the store, in that
   * order.
   */
  private void serve(ServerConfig config, Thread hook, CountDownLatch stopRequested)
      throws InterruptedException {
    try (QuiverStore store =
            QuiverStore.open(
                StoreConfig.builder(dataDir)
                    .s3(s3.settings(spec.commandLine()))
                    .walRecovery(acceptWalLoss ? WalRecovery.POINT_IN_TIME : WalRecovery.STRICT)
                    .offlineReadCacheBytes(offlineReadCacheMib << 20)
                    .walSyncInterval(walSyncInterval)
                    .build());
        QuiverServer server = QuiverServer.start(store, config)) {
      Runtime.getRuntime().addShutdownHook(hook);
      LOG.info(
          "Quiver is serving {} on {}://{}:{} (SageMaker API){}{}; {} per port, {}",
          dataDir.toAbsolutePath(),
          config.tls() ? "https" : "http",
          host,
          server.httpPort(),
          server.grpcPort() < 0
              ? ""
              : ", " + host + ":" + server.grpcPort() + " (gRPC" + (config.tls() ? ", TLS)" : ")"),
          server.flightSqlPort() < 0
              ? ""
              : " and "
                  + (config.tls() ? "grpc+tls://" : "grpc://")
                  + host
                  + ":"
                  + server.flightSqlPort()
                  + " (Flight SQL)",
          config.eventLoopThreads() == 1
              ? "1 event loop"
              : config.eventLoopThreads() + " event loops",
          busyPollSummary(config.busyPoll()));
      stopRequested.await();
    }
  }

  /** How the event loops wait, in the start-up line, in the words of {@code --busy-poll}. */
  static String busyPollSummary(Duration window) {
    if (window.isZero()) {
      return "blocking when idle (--busy-poll off)";
    }
    return "polling up to " + IntervalConverter.format(window) + " before blocking (--busy-poll)";
  }

  /** Both TLS files or neither, each readable, together a certificate chain and its key. */
  private void checkTls() {
    CommandLine line = spec.commandLine();
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CommandLine.ParameterException(
          line, "--tls-cert and --tls-key go together: give both to turn TLS on, or neither");
    }
    if (tlsCert == null) {
      return;
    }
    for (Path file : List.of(tlsCert, tlsKey)) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new CommandLine.ParameterException(
            line,
            (file == tlsCert ? "--tls-cert: " : "--tls-key: ") + file + " is not a readable file");
      }
    }
    try {
      SslContextBuilder.forServer(tlsCert.toFile(), tlsKey.toFile()).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          line,
          "--tls-cert "
              + tlsCert
              + " and --tls-key "
              + tlsKey
              + " cannot serve TLS ("
              + e.getMessage()
              + "; expected: a PEM certificate chain and the PKCS#8 PEM private key of its first"
              + " certificate)");
    }
  }

  private void positive(String option, long value) {
    if (value <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " " + value + ": expected a number above 0");
    }
  }

  private ServerConfig serverConfig() {
    if (queryMemoryMib < 1 || queryMemoryMib > (1L << 30)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--query-memory " + queryMemoryMib + ": expected 1 MiB or more");
    }
    if (offlineReadCacheMib < 0 || offlineReadCacheMib > (1L << 30)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--offline-read-cache " + offlineReadCacheMib + ": expected 0 (off) or more MiB");
    }
    if (eventLoops < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--event-loops " + eventLoops + ": expected 0 (one per core but one) or more");
    }
    if (busyPoll.compareTo(ServerConfig.BUSY_POLL_MAX) > 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--busy-poll "
              + spec.findOption("--busy-poll").originalStringValues().get(0)
              + ": expected off or at most "
              + IntervalConverter.format(ServerConfig.BUSY_POLL_MAX));
    }
    ServerConfig.Builder builder =
        ServerConfig.builder()
            .host(host)
            .httpPort(port)
            .grpcPort(grpcPort)
            .flightSqlPort(flightSqlPort)
            .queryMemoryBytes(queryMemoryMib << 20)
            .eventLoops(eventLoops)
            .busyPoll(busyPoll);
    checkTls();
    if (tlsCert != null) {
      builder.tls(tlsCert, tlsKey);
    }
    positive("--max-connections", maxConnections);
    positive("--max-body-memory", maxBodyMemoryMib);
    positive("--idle-timeout", idleTimeoutSeconds);
    positive("--request-timeout", requestTimeoutSeconds);
    builder
        .maxConnections(maxConnections)
        .maxBufferedBodyBytes(maxBodyMemoryMib << 20)
        .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
        .requestTimeout(Duration.ofSeconds(requestTimeoutSeconds));
    if (monitoringLagHours < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--monitoring-lag: " + monitoringLagHours + " (expected: >= 0)");
    }
    builder.monitoringLag(Duration.ofHours(monitoringLagHours));
    for (String limit : tpsLimits) {
      int eq = limit.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--tps-limit " + limit + ": expected API=N, e.g. GetRecord=200");
      }
      Operation operation;
      int tps;
      try {
        operation = Operation.valueOf(limit.substring(0, eq));
        tps = Integer.parseInt(limit.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--tps-limit "
                + limit
                + ": expected API=N with API one of "
                + List.of(Operation.values())
                + " and N > 0");
      }
      builder.tpsLimit(operation, tps);
    }
    if (accessKeys != null) {
      builder.accessKeys(AccessKeys.load(accessKeys));
    }
    return builder.build();
  }
}
