package io.quiver.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One connection's writes still to be answered, which keep its responses in request order: a write
 * waiting for its event loop's group commit, or one on the worker pool. While one is out, requests
 * that arrive on the connection (a pipelining client) wait here, and reads stop until they have
 * been answered. Reads do not stop for a group commit alone: that costs two system calls per
 * request and, without pipelining, nothing arrives before the answer. Every method runs on the
 * channel's event loop.
 */
final class ChannelWrites {
  private static final AttributeKey<ChannelWrites> KEY =
      AttributeKey.valueOf(ChannelWrites.class, "writes");

  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private int grouped;
  private boolean onWorker;
  private boolean readsHeld;

  /**
   * Gives the channel its writes, before its first request: created there, every request finds
   * them, and the request path has no branch that only a connection's first request takes (one the
   * compiled code of a warm server would not have seen, and would be thrown away for, when a new
   * connection arrives).
   */
  static void attach(ChannelHandlerContext ctx) {
    ctx.channel().attr(KEY).setIfAbsent(new ChannelWrites());
  }

  /** The channel's writes, given by {@link #attach}. */
  static ChannelWrites of(ChannelHandlerContext ctx) {
    return requireNonNull(ctx.channel().attr(KEY).get(), "attached when the handler was added");
  }

  /** Whether a request arriving now must wait for earlier ones to be answered. */
  boolean busy() {
    return grouped > 0 || onWorker || !waiting.isEmpty();
  }

  /** Keeps {@code request} (retained by the caller) until {@link #nextWaiting}; stops reading. */
  void await(ChannelHandlerContext ctx, FullHttpRequest request) {
    waiting.add(request);
    updateReads(ctx);
  }

  /** A write joined its event loop's group commit. */
  void groupedTaken() {
    grouped++;
  }

  /** A write of the group commit was answered. */
  void groupedAnswered() {
    grouped--;
  }

  /** A write goes to (true) or came back from (false) the worker pool; reads stop meanwhile. */
  void onWorker(ChannelHandlerContext ctx, boolean out) {
    onWorker = out;
    updateReads(ctx);
  }

  /**
   * The worker pool refused the write {@link #onWorker} sent it: it is no longer out, but reads
   * stay as they are until the refusal is written and the caller resumes them ({@link
   * #nextWaiting}); resuming first could deliver the next pipelined request, and its answer, ahead
   * of the refusal.
   */
  void workerRefused() {
    onWorker = false;
  }

  /**
   * The next request that waited, once every earlier one has been answered, for the caller to
   * dispatch before it asks again; {@code null} when there is none or a write is still out. Reading
   * resumes only then (resuming may deliver the next request at once, which must come after the
   * ones that waited).
   */
  @Nullable FullHttpRequest nextWaiting(ChannelHandlerContext ctx) {
    if (grouped == 0 && !onWorker && !waiting.isEmpty()) {
      return waiting.poll();
    }
    updateReads(ctx);
    return null;
  }

  /** Releases the requests still waiting: the channel closed. */
  void discard() {
    FullHttpRequest request;
    while ((request = waiting.poll()) != null) {
      request.release();
    }
  }

  private void updateReads(ChannelHandlerContext ctx) {
    boolean hold = onWorker || !waiting.isEmpty();
    if (hold != readsHeld) {
      readsHeld = hold;
      HttpRequestHandler.holdReads(ctx, hold);
    }
  }
}
