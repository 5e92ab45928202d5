package io.quiver.benchmarks.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GetRecord over the SageMaker REST API: one keep-alive HTTP/1.1 connection per client, Netty
 * codecs on both ends, unsigned (the server under test runs without --access-keys).
 */
final class RestGetClient implements GetClient {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<Handler> handlers = new ArrayList<>();
  private final String host;
  private final String featureGroup;

  RestGetClient(String host, int port, String featureGroup, int clients, int threads) throws InterruptedException {
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    this.host = host + ":" + port;
    this.featureGroup = featureGroup;
    for (int i = 0; i < clients; i++) {
      Handler handler = new Handler();
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(new HttpClientCodec()).addLast(new HttpObjectAggregator(1 << 20)).addLast(handler);
                    }
                  })
              .connect(host, port)
              .sync()
              .channel();
      channels.add(channel);
      handlers.add(handler);
    }
  }

  @Override
  public void get(int client, String key, Completion completion) {
    QueryStringEncoder uri = new QueryStringEncoder("/FeatureGroup/" + featureGroup);
    uri.addParam("RecordIdentifierValueAsString", key);
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri.toString());
    request.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE).set(HttpHeaderNames.CONTENT_LENGTH, 0);
    handlers.get(client).pending = completion;
    channels.get(client).writeAndFlush(request);
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One connection's response handler; confined to its event loop. */
  private static final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {
    volatile Completion pending;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      pending.done(response.status().equals(HttpResponseStatus.OK) && response.content().readableBytes() > 2);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
      Completion c = pending;
      if (c != null) {
        c.done(false);
      }
    }
  }
}
