package io.quiver.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.AccessForbiddenException;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ServiceUnavailableException;
import io.quiver.storage.error.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates request bodies, deciding from each request's head, before a byte of its body is read,
 * whether to read it at all. Refusals, in the owning API's error shape and each followed by closing
 * the connection (the body may already be on its way): a declared length over {@code
 * maxContentLength} (413), a body without a declared length (411), an expectation other than {@code
 * 100-continue} (417), a head that fails the authenticator's head check (403), and a body that does
 * not fit in the port's {@link BodyBudget} (503, which SDKs retry). A request that passes reserves
 * its declared length in the budget; the body buffer ({@link BudgetedBody}) gives it back when
 * freed. With {@code Expect: 100-continue} the refusal replaces {@code 100 Continue}, so the client
 * never sends the body.
 *
 * <p>A head that did not parse (a malformed {@code Content-Length}, say) is passed on for the
 * dispatcher to answer 400. Responses are written as bytes by {@link ReplyEncoder}, as the
 * dispatcher's are. One instance per channel (the aggregator has per-message state).
 */
final class BoundedHttpObjectAggregator extends HttpObjectAggregator {
  private final HttpRequestHandler dispatcher;
  private final BodyBudget budget;
  private final ServerMetrics metrics;

  /** Whether the last response returned by {@link #newContinueResponse} refuses the request. */
  private boolean refusing;

  /** Whether that refusal closes the connection (else the body is read and thrown away). */
  private boolean closing;

  /** Bytes reserved for the message whose aggregation begins next. */
  private long reservation;

  BoundedHttpObjectAggregator(
      int maxContentLength,
      HttpRequestHandler dispatcher,
      BodyBudget budget,
      ServerMetrics metrics) {
    super(maxContentLength, true);
    this.dispatcher = dispatcher;
    this.budget = budget;
    this.metrics = metrics;
  }

  @Override
  protected @Nullable Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    refusing = false;
    closing = false;
    reservation = 0;
    if (!(start instanceof HttpRequest request) || start.decoderResult().isFailure()) {
      return null; // the dispatcher answers a head that did not parse with 400
    }
    ChannelHandlerContext ctx = pipeline.context(this);
    long length = HttpUtil.getContentLength(start, -1L);
    if (length > maxContentLength) {
      return refuse(
          ctx,
          request,
          "size",
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          tooLarge(length, maxContentLength));
    }
    if (length < 0 && HttpUtil.isTransferEncodingChunked(start)) {
      return refuse(
          ctx,
          request,
          "malformed",
          HttpResponseStatus.LENGTH_REQUIRED,
          new ValidationException(
              "Cannot accept request: its body has no Content-Length (expected: a Content-Length"
                  + " header, not Transfer-Encoding: chunked)"));
    }
    if (isUnsupportedExpectation(start)) {
      return refuse(
          ctx,
          request,
          "malformed",
          HttpResponseStatus.EXPECTATION_FAILED,
          new ValidationException(
              "Cannot meet expectation: "
                  + start.headers().get(HttpHeaderNames.EXPECT)
                  + " (expected: 100-continue or no Expect header)"));
    }
    if (length > 0) {
      try {
        dispatcher.authenticateHead(request);
      } catch (AccessForbiddenException e) {
        return refuseKeepingConnection(ctx, request, "auth", HttpResponseStatus.FORBIDDEN, e);
      }
      if (!budget.tryReserve(length)) {
        return refuseKeepingConnection(
            ctx,
            request,
            "memory",
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            new ServiceUnavailableException(
                "Cannot accept a request body of "
                    + length
                    + " bytes now: the server already holds "
                    + budget.reserved()
                    + " bytes of request bodies, its limit being "
                    + budget.limit()
                    + "; retry shortly"));
      }
      reservation = length;
    }
    return HttpUtil.is100ContinueExpected(start)
        ? ReplyEncoder.continueResponse(ctx.alloc())
        : null;
  }

  /** An {@code Expect} header other than {@code 100-continue}, which HTTP/1.1 says to refuse. */
  private static boolean isUnsupportedExpectation(HttpMessage start) {
    String expect = start.headers().get(HttpHeaderNames.EXPECT);
    return expect != null
        && start.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
        && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);
  }

  /** A refusal after which the connection closes: the body may be huge or of unknown length. */
  private ByteBuf refuse(
      ChannelHandlerContext ctx,
      HttpRequest request,
      String reason,
      HttpResponseStatus status,
      QuiverException failure) {
    metrics.recordRejected(HttpRequestHandler.PROTOCOL, reason);
    refusing = true;
    closing = true;
    return refusal(ctx, request, status, failure, false);
  }

  /**
   * A refusal of a body no larger than the limit. Without {@code Expect: 100-continue} the client
   * is already sending it; closing with unread bytes would reset the connection and could lose the
   * answer, so the body is read and thrown away (never held) and the connection stays open, its
   * guard timing the rest of the body like a new request. With {@code 100-continue} the client
   * waits, and the connection closes.
   */
  private ByteBuf refuseKeepingConnection(
      ChannelHandlerContext ctx,
      HttpRequest request,
      String reason,
      HttpResponseStatus status,
      QuiverException failure) {
    if (HttpUtil.is100ContinueExpected(request) || !HttpUtil.isKeepAlive(request)) {
      return refuse(ctx, request, reason, status, failure);
    }
    metrics.recordRejected(HttpRequestHandler.PROTOCOL, reason);
    refusing = true;
    ConnectionGuard guard = ConnectionGuard.of(ctx);
    if (guard != null) {
      guard.requestReceived();
      guard.responseWritten();
    }
    return refusal(ctx, request, status, failure, true);
  }

  @Override
  protected boolean closeAfterContinueResponse(Object msg) {
    return closing;
  }

  @Override
  protected boolean ignoreContentAfterContinueResponse(Object msg) {
    return refusing;
  }

  @Override
  protected FullHttpMessage beginAggregation(HttpMessage start, ByteBuf content) throws Exception {
    long reserved = reservation;
    reservation = 0;
    if (reserved > 0 && content instanceof CompositeByteBuf composite) {
      // Gather the body into a buffer that gives the reservation back when it is freed.
      BudgetedBody body =
          new BudgetedBody(composite.alloc(), maxCumulationBufferComponents(), budget, reserved);
      if (composite.isReadable()) {
        body.addComponent(true, composite);
      } else {
        composite.release();
      }
      content = body;
    }
    return super.beginAggregation(start, content);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    metrics.recordRejected(HttpRequestHandler.PROTOCOL, "size");
    if (oversized instanceof HttpRequest request) {
      // Close afterwards: the rest of the body may still be arriving and cannot be skipped safely.
      ctx.writeAndFlush(
              refusal(
                  ctx,
                  request,
                  HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                  tooLarge(HttpUtil.getContentLength(request, -1L), maxContentLength()),
                  false))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private static ValidationException tooLarge(long length, int maxContentLength) {
    return new ValidationException(
        "Cannot accept request: body of "
            + length
            + " bytes is too large (expected: at most "
            + maxContentLength
            + " bytes)");
  }

  /** A refusal in the owning API's error shape, with {@code connection: close} unless kept. */
  private ByteBuf refusal(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpResponseStatus status,
      QuiverException failure,
      boolean keepAlive) {
    HttpApi api = dispatcher.apiFor(request);
    HttpReply reply =
        api == null
            ? HttpReply.error(status, failure.code().runtimeCode(), failure.getMessage())
            : api.error(null, failure).withStatus(status);
    return ReplyEncoder.encode(ctx.alloc(), reply, dispatcher.nextRequestId(), keepAlive, false);
  }
}
