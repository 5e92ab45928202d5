package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.server.Operation;
import io.quiver.server.auth.RequestAuthenticator;
import io.quiver.server.limits.ThroughputLimits;
import io.quiver.server.limits.WorkerPool;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.QuiverException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP pipeline fed one byte at a time through an {@link EmbeddedChannel}. */
class HttpPipelineFragmentTest {
  private final WorkerPool workers = new WorkerPool(1, 1);

  @AfterEach
  void closePool() {
    workers.close();
  }

  /** Answers every request as GetRecord with the request's body echoed. */
  private static final class EchoApi implements HttpApi {
    @Override
    public boolean claims(HttpRequest request) {
      return true;
    }

    @Override
    public Operation operationOf(HttpRequest request) {
      return Operation.GetRecord;
    }

    @Override
    public HttpReply invoke(Operation operation, FullHttpRequest request) {
      return HttpReply.ok(
          "application/json",
          ("{\"echo\":\"" + request.content().toString(UTF_8) + "\"}").getBytes(UTF_8));
    }

    @Override
    public HttpReply error(@Nullable Operation operation, QuiverException failure) {
      String type = failure.code().runtimeCode();
      return new HttpReply(
          HttpResponseStatus.valueOf(failure.code().httpStatus()),
          "application/json",
          new byte[0],
          type,
          type);
    }

    @Override
    public HttpReply unknownOperation(HttpRequest request) {
      throw new AssertionError(request);
    }
  }

  private EmbeddedChannel channel(int maxRequestBytes) {
    return channel(maxRequestBytes, true);
  }

  private EmbeddedChannel channel(int maxRequestBytes, boolean ready) {
    ServerMetrics metrics = new ServerMetrics();
    HttpRequestHandler dispatcher =
        new HttpRequestHandler(
            List.of(new EchoApi()),
            RequestAuthenticator.allowAll(),
            new ThroughputLimits(Map.of(), System::nanoTime),
            workers,
            metrics,
            () -> "req-1",
            () -> ready);
    EmbeddedChannel channel = new EmbeddedChannel();
    HttpLimits limits =
        new HttpLimits(maxRequestBytes, 10, 1 << 20, Duration.ofMinutes(1), Duration.ofMinutes(1));
    channel.pipeline().addLast(new ConnectionGuard(limits, () -> "req-0", metrics));
    HttpServerInitializer.addHttpHandlers(
        channel.pipeline(),
        limits,
        new BodyBudget(limits.maxBufferedBodyBytes()),
        dispatcher,
        metrics);
    return channel;
  }

  private static String drainOutbound(EmbeddedChannel channel) {
    StringBuilder out = new StringBuilder();
    for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
      out.append(buf.toString(UTF_8));
      buf.release();
    }
    return out.toString();
  }

  @Test
  void requestFedInOneByteFragmentsIsAnsweredOnceWithNothingLeftOver() {
    EmbeddedChannel channel = channel(1024);
    byte[] request =
        "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello".getBytes(UTF_8);
    for (byte b : request) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    String response = drainOutbound(channel);
    assertThat(response)
        .startsWith("HTTP/1.1 200 OK")
        .contains("x-amzn-RequestId: req-1")
        .endsWith("{\"echo\":\"hello\"}");
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void bodyOverTheLimitIsRefusedBeforeItIsBuffered() {
    EmbeddedChannel channel = channel(4);
    channel.writeInbound(
        Unpooled.copiedBuffer("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n", UTF_8));
    String response = drainOutbound(channel);
    assertThat(response).startsWith("HTTP/1.1 413").contains("x-amzn-ErrorType: ValidationError");
    assertThat(channel.isOpen()).isFalse();
    channel.finishAndReleaseAll();
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() {
    EmbeddedChannel channel = channel(1024);
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
            UTF_8));
    assertThat(drainOutbound(channel)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    channel.writeInbound(Unpooled.copiedBuffer("hi", UTF_8));
    assertThat(drainOutbound(channel))
        .startsWith("HTTP/1.1 200 OK\r\n")
        .endsWith("\r\n\r\n{\"echo\":\"hi\"}");
    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void unsupportedExpectationIsRefusedWith417AndTheConnectionClosed() {
    EmbeddedChannel channel = channel(1024);
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "POST /x HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n", UTF_8));
    assertThat(drainOutbound(channel))
        .startsWith("HTTP/1.1 417 Expectation Failed\r\n")
        .contains("connection: close\r\n");
    assertThat(channel.isOpen()).isFalse();
    channel.finishAndReleaseAll();
  }

  @Test
  void responseToHeadAnnouncesTheBodyLengthWithoutTheBody() {
    EmbeddedChannel channel = channel(1024);
    channel.writeInbound(Unpooled.copiedBuffer("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n", UTF_8));
    String response = drainOutbound(channel);
    assertThat(response)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("content-length: 11\r\n")
        .endsWith("\r\n\r\n");
    channel.finishAndReleaseAll();
  }

  @Test
  void http10RequestWithoutKeepAliveIsAnsweredAndClosed() {
    EmbeddedChannel channel = channel(1024);
    channel.writeInbound(Unpooled.copiedBuffer("GET /x HTTP/1.0\r\n\r\n", UTF_8));
    assertThat(drainOutbound(channel))
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("connection: close\r\n");
    assertThat(channel.isOpen()).isFalse();
    channel.finishAndReleaseAll();
  }

  @Test
  void requestToAStoppingServerIsServiceUnavailable() {
    EmbeddedChannel channel = channel(1024, false);
    channel.writeInbound(Unpooled.copiedBuffer("GET /x HTTP/1.1\r\nHost: h\r\n\r\n", UTF_8));
    assertThat(drainOutbound(channel))
        .startsWith("HTTP/1.1 503 Service Unavailable")
        .contains("x-amzn-ErrorType: ServiceUnavailable");
    channel.finishAndReleaseAll();
  }
}
