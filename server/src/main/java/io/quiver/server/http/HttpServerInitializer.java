package io.quiver.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.quiver.server.metrics.ServerMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Builds each connection's pipeline: connection guard (timeouts, back-pressure), TLS (optional),
 * request decoder, bounded aggregator, flow control, dispatcher. There is no response encoder:
 * responses leave as bytes ({@link ReplyEncoder}). A connection over the port's {@link
 * ConnectionLimit} gets a pipeline that answers 503 and closes.
 */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Longest accepted request line plus headers, per Netty's defaults raised for SigV4 headers. */
  private static final int MAX_INITIAL_LINE_BYTES = 8192;

  private static final int MAX_HEADER_BYTES = 16384;

  private final @Nullable SslContext ssl;
  private final HttpLimits limits;
  private final ConnectionLimit connections;
  private final BodyBudget budget;
  private final HttpRequestHandler dispatcher;
  private final ServerMetrics metrics;

  HttpServerInitializer(
      @Nullable SslContext ssl,
      HttpLimits limits,
      ConnectionLimit connections,
      BodyBudget budget,
      HttpRequestHandler dispatcher,
      ServerMetrics metrics) {
    this.ssl = ssl;
    this.limits = limits;
    this.connections = connections;
    this.budget = budget;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline pipeline = ch.pipeline();
    pipeline.addLast(new ConnectionGuard(limits, dispatcher::nextRequestId, metrics));
    if (ssl != null) {
      pipeline.addLast(ssl.newHandler(ch.alloc()));
    }
    if (!connections.tryOpen()) {
      metrics.recordRejected(HttpRequestHandler.PROTOCOL, "connections");
      pipeline.addLast(new ConnectionRefusal(dispatcher, connections.max()));
      return;
    }
    ch.closeFuture().addListener(f -> connections.closed());
    addHttpHandlers(pipeline, limits, budget, dispatcher, metrics);
  }

  /** Appends the plain-HTTP part of the pipeline, after the guard and TLS if any. */
  static void addHttpHandlers(
      ChannelPipeline pipeline,
      HttpLimits limits,
      BodyBudget budget,
      HttpRequestHandler dispatcher,
      ServerMetrics metrics) {
    pipeline
        .addLast(
            new HttpRequestDecoder(
                new HttpDecoderConfig()
                    .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                    .setMaxHeaderSize(MAX_HEADER_BYTES)
                    .setMaxChunkSize(8192)))
        .addLast(
            new BoundedHttpObjectAggregator(limits.maxRequestBytes(), dispatcher, budget, metrics))
        // Holds pipelined requests already decoded while a write is in flight (the dispatcher
        // turns auto-read off), so responses leave in request order.
        .addLast(new FlowControlHandler())
        .addLast(dispatcher);
  }

  /** Answers 503 on a connection over the limit, reads nothing, and closes. */
  private static final class ConnectionRefusal extends ChannelInboundHandlerAdapter {
    private final HttpRequestHandler dispatcher;
    private final int max;

    ConnectionRefusal(HttpRequestHandler dispatcher, int max) {
      this.dispatcher = dispatcher;
      this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      HttpReply reply =
          HttpReply.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "ServiceUnavailable",
              "Cannot accept the connection: the server has "
                  + max
                  + " open, its limit; retry shortly");
      ByteBuf response =
          ReplyEncoder.encode(ctx.alloc(), reply, dispatcher.nextRequestId(), false, false);
      ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }
  }
}
