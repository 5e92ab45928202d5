package io.quiver.benchmarks.server;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Frames one connection's replies for a load client, each a head and a body of the length the head
 * gives, without building objects, and completes the call in flight with each; a broken connection
 * fails it. Confined to its event loop, but for {@link #pending}, which the caller sets before each
 * request.
 */
abstract class CallFramer extends ByteToMessageDecoder {
  volatile LoadClient.@Nullable Completion pending;
  private int bodyRemaining = -1; // -1: reading a reply's head

  /** Set by {@link #readHead}: whether the reply being read is a success. */
  boolean succeeded;

  /**
   * Consumes a reply's head if all of it has arrived, setting {@link #succeeded}; returns the bytes
   * of body that follow it, or -1, consuming nothing, until the rest of the head arrives.
   */
  abstract int readHead(ByteBuf in);

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      if (bodyRemaining < 0) {
        bodyRemaining = readHead(in);
        if (bodyRemaining < 0) {
          return;
        }
      }
      int skip = Math.min(bodyRemaining, in.readableBytes());
      in.skipBytes(skip);
      bodyRemaining -= skip;
      if (bodyRemaining > 0) {
        return;
      }
      bodyRemaining = -1;
      // a reply arrives only for a request sent after its completion was set
      requireNonNull(pending).done(succeeded);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
    LoadClient.Completion c = pending;
    if (c != null) {
      c.done(false);
    }
  }
}
