package io.quiver.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.Unpooled;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.ValidationException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates request bodies up to {@code maxContentLength} bytes and refuses larger ones before
 * buffering them, with 413 and the owning API's {@code ValidationError}/{@code
 * ValidationException} so SDKs report a typed error. A declared {@code Content-Length} over the
 * limit is refused as soon as the head arrives, and {@code Expect: 100-continue} is answered with
 * the refusal instead of {@code 100 Continue}, so the client never sends the body. One instance per
 * channel (the aggregator has per-message state).
 */
final class BoundedHttpObjectAggregator extends HttpObjectAggregator {
  private final HttpRequestHandler dispatcher;
  private final ServerMetrics metrics;

  BoundedHttpObjectAggregator(int maxContentLength, HttpRequestHandler dispatcher, ServerMetrics metrics) {
    super(maxContentLength, true);
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  @Override
  protected @Nullable Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    if (HttpUtil.getContentLength(start, -1L) > maxContentLength && start instanceof HttpRequest request) {
      metrics.recordRejected(HttpRequestHandler.PROTOCOL, "size");
      return tooLarge(request, maxContentLength);
    }
    return super.newContinueResponse(start, maxContentLength, pipeline);
  }

  @Override
  protected boolean closeAfterContinueResponse(Object msg) {
    return msg instanceof FullHttpResponse response && response.status() != HttpResponseStatus.CONTINUE;
  }

  @Override
  protected boolean ignoreContentAfterContinueResponse(Object msg) {
    return msg instanceof FullHttpResponse response && response.status() != HttpResponseStatus.CONTINUE;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    metrics.recordRejected(HttpRequestHandler.PROTOCOL, "size");
    if (oversized instanceof HttpRequest request) {
      // Close afterwards: the rest of the body may still be arriving and cannot be skipped safely.
      ctx.writeAndFlush(tooLarge(request, maxContentLength())).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private FullHttpResponse tooLarge(HttpRequest request, int maxContentLength) {
    ValidationException failure =
        new ValidationException(
            "Cannot accept request: body of "
                + HttpUtil.getContentLength(request, -1L)
                + " bytes is too large (expected: at most "
                + maxContentLength
                + " bytes)");
    HttpApi api = dispatcher.apiFor(request);
    HttpReply reply =
        api == null
            ? new HttpReply(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "application/json", new byte[0], null, "ValidationError")
            : api.error(null, failure).withStatus(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), Unpooled.wrappedBuffer(reply.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    response.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (reply.errorType() != null) {
      response.headers().set("x-amzn-ErrorType", reply.errorType());
    }
    HttpUtil.setContentLength(response, reply.body().length);
    HttpUtil.setKeepAlive(response, false);
    return response;
  }
}
