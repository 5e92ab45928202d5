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

/**
 * GetRecord over the SageMaker REST API: one keep-alive HTTP/1.1 connection per client, unsigned
 * (the server under test runs without --access-keys).
 *
 * <p>Built to cost the machine as little as {@code redis-benchmark} does, so that on a small
 * machine the load generator does not take the CPU the server needs: one event loop thread (as
 * redis-benchmark has), every request encoded once up front, and responses framed by their status
 * line and {@code Content-Length} without building HTTP objects.
 */
final class RestGetClient implements LoadClient {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<HttpResponseFramer> framers = new ArrayList<>();
  private final ByteBuf[] requests;

  RestGetClient(
      String host, int port, String featureGroup, int clients, int keys, ClientTransport transport)
      throws InterruptedException {
    this.group = transport.newGroup(1);
    this.requests = new ByteBuf[keys];
    for (int i = 0; i < keys; i++) {
      String request =
          "GET /FeatureGroup/"
              + featureGroup
              + "?RecordIdentifierValueAsString="
              + LoadClient.key(i)
              + " HTTP/1.1\r\n"
              + "Host: "
              + host
              + ":"
              + port
              + "\r\n\r\n";
      requests[i] =
          Unpooled.unreleasableBuffer(
              Unpooled.directBuffer(request.length()).writeBytes(request.getBytes(US_ASCII)));
    }
    for (int i = 0; i < clients; i++) {
      HttpResponseFramer framer = new HttpResponseFramer(true);
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

  @Override
  public void call(int client, int key, Completion completion) {
    framers.get(client).pending = completion;
    channels
        .get(client)
        .writeAndFlush(requests[key].duplicate(), channels.get(client).voidPromise());
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return group;
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
