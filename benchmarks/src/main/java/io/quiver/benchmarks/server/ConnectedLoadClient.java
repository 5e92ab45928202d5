package io.quiver.benchmarks.server;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A load client over its own connections, one per caller, all on one event loop thread (as {@code
 * redis-benchmark} runs), each framing its replies with its own {@link CallFramer}.
 */
abstract class ConnectedLoadClient<F extends CallFramer> implements LoadClient {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<F> framers = new ArrayList<>();

  ConnectedLoadClient(
      String host, int port, int clients, Supplier<F> newFramer, ClientTransport transport)
      throws InterruptedException {
    this.group = transport.newGroup(1);
    for (int i = 0; i < clients; i++) {
      F framer = newFramer.get();
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(transport.channelType())
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(framer)
              .connect(host, port)
              .sync()
              .channel();
      channels.add(channel);
      framers.add(framer);
    }
  }

  /**
   * The request for each of {@code keys} keys ({@link LoadClient#key}), {@code requestOf} a key's
   * ASCII text, each encoded once in a direct buffer kept for the life of the process and sent as
   * duplicates.
   */
  static ByteBuf[] encodedPerKey(int keys, UnaryOperator<String> requestOf) {
    ByteBuf[] requests = new ByteBuf[keys];
    for (int i = 0; i < keys; i++) {
      String ascii = requestOf.apply(LoadClient.key(i));
      requests[i] =
          Unpooled.unreleasableBuffer(
              Unpooled.directBuffer(ascii.length()).writeBytes(ascii.getBytes(US_ASCII)));
    }
    return requests;
  }

  /**
   * Sends {@code request} on caller {@code client}'s connection; {@code completion} gets its reply.
   */
  final void send(int client, ByteBuf request, Completion completion) {
    framers.get(client).pending = completion;
    Channel channel = channels.get(client);
    channel.writeAndFlush(request, channel.voidPromise());
  }

  /** A buffer for a request of {@code bytes} bytes on caller {@code client}'s connection. */
  final ByteBuf buffer(int client, int bytes) {
    return channels.get(client).alloc().directBuffer(bytes);
  }

  @Override
  public final ScheduledExecutorService scheduler() {
    return group;
  }

  @Override
  public final void close() {
    channels.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
