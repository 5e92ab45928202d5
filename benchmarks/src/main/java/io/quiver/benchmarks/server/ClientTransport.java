package io.quiver.benchmarks.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The load clients' transport: native epoll where it loads, NIO elsewhere.
 *
 * <p>With {@code busyPoll}, the epoll threads spin on {@code epoll_wait} instead of sleeping in it.
 * A client thread that never sleeps is what {@code redis-benchmark} is at 50 clients (one thread at
 * 100% of a core): the server's responses then reach a running thread instead of waking a sleeping
 * one, so the server is measured without the cost of waking its client.
 */
record ClientTransport(boolean epoll, boolean busyPoll) {
  /** The best transport here; {@code busyPoll} applies only to epoll. */
  static ClientTransport best(boolean busyPoll) {
    boolean epoll = Epoll.isAvailable();
    return new ClientTransport(epoll, busyPoll && epoll);
  }

  EventLoopGroup newGroup(int threads) {
    IoHandlerFactory handlers =
        !epoll
            ? NioIoHandler.newFactory()
            : busyPoll
                ? EpollIoHandler.newFactory(
                    0, () -> (selectNow, hasTasks) -> SelectStrategy.BUSY_WAIT)
                : EpollIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, handlers);
  }

  Class<? extends Channel> channelType() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
