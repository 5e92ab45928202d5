package io.quiver.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates request bodies up to {@code maxContentLength} bytes and refuses larger ones before
 * buffering them, with 413 and the owning API's {@code ValidationError}/{@code ValidationException}
 * so SDKs report a typed error. A declared {@code Content-Length} over the limit is refused as soon
 * as the head arrives, and {@code Expect: 100-continue} is answered with the refusal instead of
 * {@code 100 Continue}, so the client never sends the body; an expectation other than {@code
 * 100-continue} is refused with 417. Responses are written as bytes by {@link ReplyEncoder}, as the
 * dispatcher's are. One instance per channel (the aggregator has per-message state).
 */
final class BoundedHttpObjectAggregator extends HttpObjectAggregator {
  private final HttpRequestHandler dispatcher;
  private final ServerMetrics metrics;

  /** Whether the last response returned by {@link #newContinueResponse} refuses the request. */
  private boolean refusing;

  BoundedHttpObjectAggregator(
      int maxContentLength, HttpRequestHandler dispatcher, ServerMetrics metrics) {
    super(maxContentLength, true);
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  @Override
  protected @Nullable Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    refusing = false;
    if (!(start instanceof HttpRequest request) || start.decoderResult().isFailure()) {
      return null; // the dispatcher answers a head that did not parse with 400
    }
    if (HttpUtil.getContentLength(start, -1L) > maxContentLength) {
      metrics.recordRejected(HttpRequestHandler.PROTOCOL, "size");
      refusing = true;
      return tooLarge(pipeline.firstContext(), request, maxContentLength);
    }
    if (isUnsupportedExpectation(start)) {
      metrics.recordRejected(HttpRequestHandler.PROTOCOL, "malformed");
      refusing = true;
      ValidationException failure =
          new ValidationException(
              "Cannot meet expectation: "
                  + start.headers().get(HttpHeaderNames.EXPECT)
                  + " (expected: 100-continue or no Expect header)");
      return refusal(
          pipeline.firstContext(), request, HttpResponseStatus.EXPECTATION_FAILED, failure);
    }
    return HttpUtil.is100ContinueExpected(start)
        ? ReplyEncoder.continueResponse(pipeline.firstContext().alloc())
        : null;
  }

  /** An {@code Expect} header other than {@code 100-continue}, which HTTP/1.1 says to refuse. */
  private static boolean isUnsupportedExpectation(HttpMessage start) {
    String expect = start.headers().get(HttpHeaderNames.EXPECT);
    return expect != null
        && start.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
        && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);
  }

  @Override
  protected boolean closeAfterContinueResponse(Object msg) {
    return refusing;
  }

  @Override
  protected boolean ignoreContentAfterContinueResponse(Object msg) {
    return refusing;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    metrics.recordRejected(HttpRequestHandler.PROTOCOL, "size");
    if (oversized instanceof HttpRequest request) {
      // Close afterwards: the rest of the body may still be arriving and cannot be skipped safely.
      ctx.writeAndFlush(tooLarge(ctx, request, maxContentLength()))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private ByteBuf tooLarge(ChannelHandlerContext ctx, HttpRequest request, int maxContentLength) {
    ValidationException failure =
        new ValidationException(
            "Cannot accept request: body of "
                + HttpUtil.getContentLength(request, -1L)
                + " bytes is too large (expected: at most "
                + maxContentLength
                + " bytes)");
    return refusal(ctx, request, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, failure);
  }

  /** A refusal in the owning API's error shape, with {@code connection: close}. */
  private ByteBuf refusal(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpResponseStatus status,
      QuiverException failure) {
    HttpApi api = dispatcher.apiFor(request);
    HttpReply reply =
        api == null
            ? new HttpReply(
                status, "application/json", new byte[0], "ValidationError", "ValidationError")
            : api.error(null, failure).withStatus(status);
    return ReplyEncoder.encode(ctx.alloc(), reply, dispatcher.nextRequestId(), false, false);
  }
}
