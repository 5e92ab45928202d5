package io.quiver.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.quiver.protocol.signing.RawMessages;
import io.quiver.server.auth.RequestAuthenticator;
import io.quiver.server.config.ServerConfig;
import io.quiver.server.http.ConnectionLimit;
import io.quiver.server.http.Transport;
import io.quiver.server.limits.CreationLimit;
import io.quiver.server.limits.ThroughputLimits;
import io.quiver.server.limits.WorkerPool;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.QuiverStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The listening gRPC port. Closing drains calls in progress (up to 30 s); idempotent. Thread-safe.
 */
public final class GrpcServer implements AutoCloseable {
  /** Request metadata (headers) accepted per call, as on the HTTP port. */
  public static final int MAX_METADATA_BYTES = 16384;

  /** Calls one connection may have open at once. */
  public static final int MAX_CALLS_PER_CONNECTION = 128;

  private final Server server;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private boolean closed;

  private GrpcServer(Server server, EventLoopGroup boss, EventLoopGroup workers) {
    this.server = server;
    this.boss = boss;
    this.workers = workers;
  }

  /**
   * Starts the FeatureStore service on {@code config.host():config.grpcPort()}.
   *
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalArgumentException if the TLS files cannot be used
   */
  public static GrpcServer start(
      QuiverStore store,
      ServerConfig config,
      RequestAuthenticator authenticator,
      ThroughputLimits limits,
      WorkerPool pool,
      CreationLimit creations,
      ServerMetrics metrics) {
    // Own event loops, sized like the HTTP port's (--event-loops), instead of grpc-java's shared
    // default.
    Transport transport = Transport.best();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(
            config.eventLoopThreads(), transport.ioHandlerFactory(config.busyPoll()));
    try {
      GrpcCalls calls = new GrpcCalls(limits, pool, metrics);
      FeatureStoreService service = new FeatureStoreService(store, calls, creations);
      ConnectionLimit connections = new ConnectionLimit(config.maxConnections());
      metrics.registerGauge(
          "quiver_grpc_connections", "Open connections on the gRPC port.", connections::open);
      AcceptedConnectionLimiter limiter =
          new AcceptedConnectionLimiter(connections, metrics, GrpcCalls.PROTOCOL);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.grpcPort()))
              .channelFactory(
                  () -> {
                    ServerChannel listening = transport.newServerChannel();
                    listening.pipeline().addLast(limiter);
                    return listening;
                  })
              // Bounds like the HTTP port's: idle connections close, a connection must finish its
              // HTTP/2 handshake within the request timeout, headers are bounded, and one
              // connection cannot open unbounded concurrent calls.
              .maxConnectionIdle(config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS)
              .handshakeTimeout(config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS)
              .maxInboundMetadataSize(MAX_METADATA_BYTES)
              .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
              .bossEventLoopGroup(boss)
              .workerEventLoopGroup(workers)
              .directExecutor()
              .maxInboundMessageSize(config.maxRequestBytes())
              .addService(
                  authenticator.enabled()
                      // Signatures cover the messages as sent: check them on the serialized bytes.
                      ? ServerInterceptors.intercept(
                          ServerInterceptors.useMarshalledMessages(
                              service.bindService(), RawMessages.INSTANCE),
                          new SigV4ServerInterceptor(authenticator, metrics))
                      : service.bindService());
      if (config.tls()) {
        try {
          builder.sslContext(
              GrpcSslContexts.forServer(
                      requireNonNull(config.tlsCert()).toFile(),
                      requireNonNull(config.tlsKey()).toFile())
                  .build());
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
      try {
        return new GrpcServer(builder.build().start(), boss, workers);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot listen for gRPC on " + config.host() + ":" + config.grpcPort(), e);
      }
    } catch (RuntimeException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The port listened on. */
  public int port() {
    return server.getPort();
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
    server.shutdown();
    try {
      if (!server.awaitTermination(30, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
