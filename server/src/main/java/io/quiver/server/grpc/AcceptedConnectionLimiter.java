package io.quiver.server.grpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quiver.server.http.ConnectionLimit;
import io.quiver.server.metrics.ServerMetrics;

/**
 * Sits in the listening channel's pipeline, where each accepted connection passes as a message
 * before it is set up: a connection over the {@link ConnectionLimit} is closed at once, before gRPC
 * allocates anything for it. {@code @Sharable} and thread-safe.
 */
@ChannelHandler.Sharable
public final class AcceptedConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final ConnectionLimit connections;
  private final ServerMetrics metrics;
  private final String protocol;

  /** Closes connections beyond {@code connections}, counted as rejected for {@code protocol}. */
  public AcceptedConnectionLimiter(
      ConnectionLimit connections, ServerMetrics metrics, String protocol) {
    this.connections = connections;
    this.metrics = metrics;
    this.protocol = protocol;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel child) {
      if (!connections.tryOpen()) {
        metrics.recordRejected(protocol, "connections");
        child.unsafe().closeForcibly();
        return;
      }
      child.closeFuture().addListener(f -> connections.closed());
    }
    ctx.fireChannelRead(msg);
  }
}
