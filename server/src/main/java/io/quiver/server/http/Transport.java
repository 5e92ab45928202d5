package io.quiver.server.http;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;

/**
 * The socket transport of both ports: native epoll where Netty's native library loads (Linux
 * x86-64), NIO elsewhere or with {@code -Dio.netty.transport.noNative=true}. Stateless strategy.
 */
public enum Transport {
  EPOLL,
  NIO;

  /** The best transport available in this process. */
  public static Transport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** Creates event loop I/O handlers of this transport that block as soon as they are idle. */
  public IoHandlerFactory ioHandlerFactory() {
    return ioHandlerFactory(Duration.ZERO);
  }

  /**
   * Creates event loop I/O handlers of this transport that, while busy, poll for up to {@code
   * busyPoll} before they block ({@link PollBeforeBlocking}); zero blocks at once.
   */
  public IoHandlerFactory ioHandlerFactory(Duration busyPoll) {
    long window = busyPoll.toNanos();
    SelectStrategyFactory strategies =
        window == 0
            ? DefaultSelectStrategyFactory.INSTANCE
            : () -> new PollBeforeBlocking(window, System::nanoTime);
    return this == EPOLL
        ? EpollIoHandler.newFactory(0, strategies)
        : NioIoHandler.newFactory(SelectorProvider.provider(), strategies);
  }

  /** A new listening channel of this transport. */
  public ServerChannel newServerChannel() {
    return this == EPOLL ? new EpollServerSocketChannel() : new NioServerSocketChannel();
  }

  /** The listening channel class of this transport. */
  public Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
