package io.quiver.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.server.metrics.ServerMetrics;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one connection from holding the server's resources for long: first in the pipeline (before
 * TLS, so a handshake counts as part of a request), it closes a connection idle between requests
 * for longer than the idle timeout, answers 408 and closes one whose request has not fully arrived
 * within the request timeout of its first byte (a slowloris), and stops reading from a client that
 * does not read its responses, closing it if it still has not after the request timeout.
 *
 * <p>States: IDLE (between requests), RECEIVING (a request has begun arriving), HANDLING (a request
 * is being answered; no clock runs, as the server is the slow party). The dispatcher reports the
 * transitions ({@link #requestReceived()}, {@link #responseWritten()}). Deadlines are read by one
 * periodic check per connection, every quarter of the shorter timeout, so a request costs two clock
 * reads and no timer: a timeout is acted on between 1 and 1.25 times its length.
 *
 * <p>Reading: off while the dispatcher holds it ({@link #holdReads()}, a write on the worker pool)
 * or while the channel is not writable (the client is not reading); on otherwise. One instance per
 * channel; every method runs on the channel's event loop.
 */
final class ConnectionGuard extends ChannelDuplexHandler {
  private enum State {
    IDLE,
    RECEIVING,
    HANDLING,
    CLOSING
  }

  private final long idleNanos;
  private final long requestNanos;
  private final Supplier<String> requestIds;
  private final ServerMetrics metrics;

  private State state = State.IDLE;
  private long deadline;
  private int pending;
  private boolean bytesSinceRequest;
  private boolean held;
  private long unwritableSince = -1;
  private @Nullable ScheduledFuture<?> check;

  ConnectionGuard(HttpLimits limits, Supplier<String> requestIds, ServerMetrics metrics) {
    this.idleNanos = limits.idleTimeout().toNanos();
    this.requestNanos = limits.requestTimeout().toNanos();
    this.requestIds = requestIds;
    this.metrics = metrics;
  }

  /** The guard of the channel {@code ctx} belongs to, or {@code null} if it has none. */
  static @Nullable ConnectionGuard of(ChannelHandlerContext ctx) {
    return ctx.pipeline().get(ConnectionGuard.class);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  private void start(ChannelHandlerContext ctx) {
    if (check != null) {
      return;
    }
    deadline = System.nanoTime() + idleNanos;
    long period = Math.max(1, Math.min(idleNanos, requestNanos) / 4);
    check =
        ctx.executor()
            .scheduleWithFixedDelay(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    bytesSinceRequest = true;
    if (state == State.IDLE) {
      state = State.RECEIVING;
      deadline = System.nanoTime() + requestNanos;
    }
    ctx.fireChannelRead(msg);
  }

  /** A whole request reached the dispatcher: its clock stops. */
  void requestReceived() {
    pending++;
    bytesSinceRequest = false;
    if (state != State.CLOSING) {
      state = State.HANDLING;
    }
  }

  /** A response was written: the connection waits for the next request. */
  void responseWritten() {
    if (pending > 0) {
      pending--;
    }
    if (pending == 0 && state == State.HANDLING) {
      // Bytes of a next request may already be in: its clock starts now.
      state = bytesSinceRequest ? State.RECEIVING : State.IDLE;
      deadline = System.nanoTime() + (bytesSinceRequest ? requestNanos : idleNanos);
    }
  }

  /** Stops reading until {@link #releaseReads}, so responses leave in request order. */
  void holdReads(ChannelHandlerContext ctx) {
    held = true;
    updateAutoRead(ctx);
  }

  void releaseReads(ChannelHandlerContext ctx) {
    held = false;
    updateAutoRead(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    boolean writable = ctx.channel().isWritable();
    unwritableSince = writable ? -1 : System.nanoTime();
    updateAutoRead(ctx);
    super.channelWritabilityChanged(ctx);
  }

  private void updateAutoRead(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(!held && unwritableSince < 0);
  }

  private void check(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      stop();
      return;
    }
    long now = System.nanoTime();
    if (state == State.CLOSING) {
      ctx.close(); // the 408 could not be delivered in a whole period
      return;
    }
    if (unwritableSince >= 0 && now - unwritableSince >= requestNanos) {
      metrics.recordRejected(HttpRequestHandler.PROTOCOL, "timeout");
      ctx.close(); // the client has not read its responses for a whole request timeout
      return;
    }
    if (now - deadline < 0) {
      return;
    }
    if (state == State.IDLE) {
      ctx.close();
    } else if (state == State.RECEIVING) {
      requestTimedOut(ctx);
    }
  }

  private void requestTimedOut(ChannelHandlerContext ctx) {
    state = State.CLOSING;
    metrics.recordRejected(HttpRequestHandler.PROTOCOL, "timeout");
    HttpReply reply =
        HttpReply.error(
            HttpResponseStatus.REQUEST_TIMEOUT,
            "RequestTimeout",
            "Cannot read request: it did not arrive in full within "
                + TimeUnit.NANOSECONDS.toMillis(requestNanos)
                + " ms of its first byte (expected: the whole request, then wait for the answer)");
    ctx.channel()
        .writeAndFlush(ReplyEncoder.encode(ctx.alloc(), reply, requestIds.get(), false, false))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
