package io.quiver.benchmarks.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PutRecord over the SageMaker REST API, built like {@link RestGetClient} (one event loop thread,
 * responses framed without HTTP objects). Each put writes the record of its key with an event time
 * a microsecond later than this client's previous put, so every put replaces the stored record, as
 * the {@code wrk} script of {@code run-wrk-load.sh} does; the request is encoded per call, since
 * its event time differs.
 */
final class RestPutClient implements LoadClient {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<HttpResponseFramer> framers = new ArrayList<>();
  private final String head;
  private final String payload;
  private final long startSeconds = Instant.now().getEpochSecond();
  private final AtomicLong sequence = new AtomicLong();

  RestPutClient(
      String host,
      int port,
      String featureGroup,
      int clients,
      int valueBytes,
      ClientTransport transport)
      throws InterruptedException {
    this.group = transport.newGroup(1);
    this.head =
        "PUT /FeatureGroup/"
            + featureGroup
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nContent-Type: application/json\r\nContent-Length: ";
    this.payload = "v".repeat(valueBytes);
    for (int i = 0; i < clients; i++) {
      HttpResponseFramer framer = new HttpResponseFramer(false);
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
    long n = sequence.incrementAndGet();
    String body =
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\""
            + LoadClient.key(key)
            + "\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\""
            + (startSeconds + n / 1_000_000)
            + "."
            + Long.toString(1_000_000 + n % 1_000_000).substring(1)
            + "\"},{\"FeatureName\":\"payload\",\"ValueAsString\":\""
            + payload
            + "\"}]}";
    String request = head + body.length() + "\r\n\r\n" + body;
    Channel channel = channels.get(client);
    ByteBuf bytes = channel.alloc().directBuffer(request.length());
    ByteBufUtil.writeAscii(bytes, request);
    framers.get(client).pending = completion;
    channel.writeAndFlush(bytes, channel.voidPromise());
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
