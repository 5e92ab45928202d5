package io.quiver.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.server.config.HttpLimits;
import io.quiver.server.config.ServerConfig;
import io.quiver.server.metrics.ServerMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The listening HTTP port. Closing stops accepting connections, lets the event loops finish what
 * they hold (including responses of writes handed back by the worker pool) and releases them;
 * idempotent. Thread-safe.
 */
public final class HttpServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private boolean closed;

  private HttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
  }

  /**
   * Starts listening on {@code host:port} ({@code port} 0 picks a free port).
   *
   * @param ssl TLS for every connection, or {@code null} for plain HTTP
   * @param eventLoops event loop threads, at least one ({@link ServerConfig#eventLoopThreads};
   *     reads run on them, so more threads than cores only adds context switches)
   * @param busyPoll how long a busy event loop polls before it blocks ({@link
   *     ServerConfig#busyPoll})
   * @param limits connections, body memory, sizes and timeouts
   * @throws InterruptedException if interrupted while binding
   */
  public static HttpServer start(
      String host,
      int port,
      @Nullable SslContext ssl,
      int eventLoops,
      Duration busyPoll,
      HttpLimits limits,
      HttpRequestHandler dispatcher,
      ServerMetrics metrics)
      throws InterruptedException {
    ConnectionLimit connections = new ConnectionLimit(limits.maxConnections());
    BodyBudget budget = new BodyBudget(limits.maxBufferedBodyBytes());
    metrics.registerGauge(
        "quiver_http_connections", "Open connections on the HTTP port.", connections::open);
    metrics.registerGauge(
        "quiver_http_buffered_body_bytes",
        "Bytes of request bodies held (reserved when a head announces a body, until it is answered).",
        budget::reserved);
    Transport transport = Transport.best();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(eventLoops, transport.ioHandlerFactory(busyPoll));
    try {
      Channel channel =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new HttpServerInitializer(ssl, limits, connections, budget, dispatcher, metrics))
              .bind(host, port)
              .sync()
              .channel();
      return new HttpServer(boss, workers, channel);
    } catch (RuntimeException | InterruptedException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The port listened on. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops accepting new connections; open ones keep being served until {@link #close()}. */
  public void stopAccepting() {
    channel.close().syncUninterruptibly();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAccepting();
    // A write that finished on the worker pool hands its response to its channel's event loop as a
    // task. Shutting a loop down closes its channels before it runs the tasks still queued, so
    // first let each loop run what is queued: a no-op task returns once those ahead of it have.
    for (EventExecutor loop : workers) {
      loop.submit(() -> {}).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(100, 10_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }
}
