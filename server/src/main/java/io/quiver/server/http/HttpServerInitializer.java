package io.quiver.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.quiver.server.metrics.ServerMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Builds each connection's pipeline: TLS (optional), request decoder, bounded aggregator, flow
 * control, dispatcher. There is no response encoder: responses leave as bytes ({@link
 * ReplyEncoder}).
 */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Longest accepted request line plus headers, per Netty's defaults raised for SigV4 headers. */
  private static final int MAX_INITIAL_LINE_BYTES = 8192;

  private static final int MAX_HEADER_BYTES = 16384;

  private final @Nullable SslContext ssl;
  private final int maxRequestBytes;
  private final HttpRequestHandler dispatcher;
  private final ServerMetrics metrics;

  HttpServerInitializer(
      @Nullable SslContext ssl,
      int maxRequestBytes,
      HttpRequestHandler dispatcher,
      ServerMetrics metrics) {
    this.ssl = ssl;
    this.maxRequestBytes = maxRequestBytes;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (ssl != null) {
      ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
    }
    addHttpHandlers(ch.pipeline(), maxRequestBytes, dispatcher, metrics);
  }

  /** Appends the plain-HTTP part of the pipeline, after TLS if any. */
  static void addHttpHandlers(
      ChannelPipeline pipeline,
      int maxRequestBytes,
      HttpRequestHandler dispatcher,
      ServerMetrics metrics) {
    pipeline
        .addLast(
            new HttpRequestDecoder(
                new HttpDecoderConfig()
                    .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                    .setMaxHeaderSize(MAX_HEADER_BYTES)
                    .setMaxChunkSize(8192)))
        .addLast(new BoundedHttpObjectAggregator(maxRequestBytes, dispatcher, metrics))
        // Holds pipelined requests already decoded while a write is in flight (the dispatcher
        // turns auto-read off), so responses leave in request order.
        .addLast(new FlowControlHandler())
        .addLast(dispatcher);
  }
}
