package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.quiver.protocol.signing.SignedRequest;
import io.quiver.server.auth.RequestAuthenticator;
import io.quiver.server.config.Operation;
import io.quiver.server.limits.ThroughputLimits;
import io.quiver.server.limits.WorkerPool;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.AccessForbiddenException;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ServiceUnavailableException;
import io.quiver.storage.error.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each aggregated request: {@code /health} and {@code /metrics} directly; anything else
 * to the {@link HttpApi} that claims it, after the stopping check (503 once the server is
 * stopping), authentication and throughput admission, in that order and before any store work.
 * Stateless and {@code @Sharable}.
 *
 * <p>Threading: reads run on the event loop that decoded them. Writes an API can group ({@link
 * HttpApi#invokeGrouped}) are committed together by the event loop after its pass over the ready
 * connections, and answered then; the rest, and grouped ones the store could not take without
 * waiting, go to the {@link WorkerPool}. While a connection's write is out, requests arriving on it
 * wait ({@link ChannelWrites}), so responses stay in request order and a client cannot pile up
 * work. Responses are written on the channel's event loop.
 */
@ChannelHandler.Sharable
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
  static final String PROTOCOL = "http";
  private static final byte[] NO_PAYLOAD = new byte[0];

  private final HttpApi[] apis; // an array: iterated on every request
  private final RequestAuthenticator authenticator;
  private final ThroughputLimits limits;
  private final WorkerPool workers;
  private final ServerMetrics metrics;
  private final Supplier<String> requestIds;
  private final BooleanSupplier ready;

  /** Creates the dispatcher; {@code apis} are asked in order which one claims a request. */
  public HttpRequestHandler(
      List<HttpApi> apis,
      RequestAuthenticator authenticator,
      ThroughputLimits limits,
      WorkerPool workers,
      ServerMetrics metrics,
      Supplier<String> requestIds,
      BooleanSupplier ready) {
    this.apis = apis.toArray(new HttpApi[0]);
    this.authenticator = authenticator;
    this.limits = limits;
    this.workers = workers;
    this.metrics = metrics;
    this.requestIds = requestIds;
    this.ready = ready;
  }

  /** The API that owns {@code request}, or {@code null} if none does. */
  @Nullable HttpApi apiFor(HttpRequest request) {
    for (HttpApi api : apis) {
      if (api.claims(request)) {
        return api;
      }
    }
    return null;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    ConnectionGuard guard = ConnectionGuard.of(ctx);
    if (guard != null) {
      guard.requestReceived();
    }
    ChannelWrites writes = ChannelWrites.of(ctx);
    if (writes.busy()) {
      writes.await(ctx, request.retain()); // answered after the writes before it
      return;
    }
    dispatch(ctx, request);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ChannelWrites.attach(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    ChannelWrites.of(ctx).discard();
    super.channelInactive(ctx);
  }

  private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
    long start = System.nanoTime();
    String requestId = requestIds.get();
    if (request.decoderResult().isFailure()) {
      badRequest(ctx, request, requestId);
      return;
    }
    if (request.method() == HttpMethod.GET && serveOperational(ctx, request, requestId)) {
      return;
    }
    HttpApi api = apiFor(request);
    if (api == null) {
      write(ctx, request, requestId, notFound());
      return;
    }
    Operation operation = api.operationOf(request);
    if (operation == null) {
      write(ctx, request, requestId, api.unknownOperation(request));
      return;
    }
    try {
      if (!ready.getAsBoolean()) {
        throw new ServiceUnavailableException(
            "Cannot serve "
                + operation
                + ": the server is stopping; retry, against another endpoint if there is one");
      }
      if (authenticator.enabled()) {
        authenticator.authenticate(signedRequest(request));
      }
      limits.acquire(operation);
      if (operation.writes()) {
        // A write the store can take at once is made on this event loop: a hand-off to a worker
        // and back costs two thread switches, more than the write, and on a busy machine each may
        // wait long. Writes that can be grouped are committed together after this pass over the
        // ready connections (one WAL write for all of them).
        if (takeGrouped(ctx, api, operation, request, requestId, start)) {
          return;
        }
        request.retain();
        toWorker(ctx, api, operation, request, requestId, start);
        return;
      }
      HttpReply reply = invoke(api, operation, request);
      finish(ctx, request, requestId, operation, reply, start);
    } catch (QuiverException e) {
      countRefusal(operation, e);
      finish(ctx, request, requestId, operation, api.error(operation, e), start);
    }
  }

  /**
   * Offers the write to its API's group commit; true if it was taken (it is answered later, through
   * a {@link GroupedWrite}).
   *
   * @throws QuiverException if the API refused the request before taking it
   */
  private boolean takeGrouped(
      ChannelHandlerContext ctx,
      HttpApi api,
      Operation operation,
      FullHttpRequest request,
      String requestId,
      long start) {
    GroupedWrite answer = new GroupedWrite(ctx, api, operation, request, requestId, start);
    boolean taken;
    try {
      taken = api.invokeGrouped(operation, request, ctx.executor(), answer);
    } catch (QuiverException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("{} failed unexpectedly", operation, e);
      throw new StorageException("Internal failure; see the server log", e);
    }
    if (taken) {
      request.retain(); // kept for a write that must be made on a worker after all
      ChannelWrites.of(ctx).groupedTaken();
    }
    return taken;
  }

  /**
   * Hands a write ({@code request} retained, released by the worker's answer) to the worker pool;
   * reads stop meanwhile. If the pool is full, answers the refusal, releases the request, and only
   * then resumes reads: resuming first would deliver the next pipelined request, and its answer,
   * ahead of the refusal.
   */
  private void toWorker(
      ChannelHandlerContext ctx,
      HttpApi api,
      Operation operation,
      FullHttpRequest request,
      String requestId,
      long start) {
    ChannelWrites writes = ChannelWrites.of(ctx);
    writes.onWorker(ctx, true);
    try {
      workers.execute(() -> invokeOnWorker(ctx, api, operation, request, requestId, start));
    } catch (QuiverException e) {
      writes.workerRefused();
      countRefusal(operation, e);
      try {
        finish(ctx, request, requestId, operation, api.error(operation, e), start);
      } finally {
        request.release();
        dispatchWaiting(ctx);
      }
    }
  }

  private void invokeOnWorker(
      ChannelHandlerContext ctx,
      HttpApi api,
      Operation operation,
      FullHttpRequest request,
      String requestId,
      long start) {
    HttpReply reply;
    try {
      reply = invoke(api, operation, request);
    } catch (QuiverException e) {
      reply = api.error(operation, e);
    }
    HttpReply answer = reply;
    ctx.executor()
        .execute(
            () -> {
              try {
                finish(ctx, request, requestId, operation, answer, start);
              } finally {
                request.release();
                ChannelWrites.of(ctx).onWorker(ctx, false);
                dispatchWaiting(ctx);
              }
            });
  }

  /** Dispatches the requests that arrived while writes of the channel were out, in order. */
  private void dispatchWaiting(ChannelHandlerContext ctx) {
    ChannelWrites writes = ChannelWrites.of(ctx);
    FullHttpRequest next;
    while ((next = writes.nextWaiting(ctx)) != null) {
      try {
        dispatch(ctx, next);
      } finally {
        next.release();
      }
    }
  }

  /** The end of one write taken into a group commit, answered on the channel's event loop. */
  private final class GroupedWrite implements WriteAnswer {
    private final ChannelHandlerContext ctx;
    private final HttpApi api;
    private final Operation operation;
    private final FullHttpRequest request;
    private final String requestId;
    private final long start;

    GroupedWrite(
        ChannelHandlerContext ctx,
        HttpApi api,
        Operation operation,
        FullHttpRequest request,
        String requestId,
        long start) {
      this.ctx = ctx;
      this.api = api;
      this.operation = operation;
      this.request = request;
      this.requestId = requestId;
      this.start = start;
    }

    @Override
    public void written(HttpReply reply) {
      answer(reply);
    }

    @Override
    public void refused(QuiverException failure) {
      if (failure.code() == ErrorCode.INTERNAL_FAILURE) {
        LOG.error("{} failed in the store", operation, failure);
      }
      answer(api.error(operation, failure));
    }

    @Override
    public void mustWait() {
      ChannelWrites.of(ctx).groupedAnswered();
      toWorker(ctx, api, operation, request, requestId, start);
    }

    private void answer(HttpReply reply) {
      try {
        finish(ctx, request, requestId, operation, reply, start);
      } finally {
        request.release();
        ChannelWrites.of(ctx).groupedAnswered();
        dispatchWaiting(ctx);
      }
    }
  }

  /**
   * Stops (or resumes) reading from the channel while a write runs on the pool, through its guard,
   * which also stops reading from a client that does not read its responses.
   */
  static void holdReads(ChannelHandlerContext ctx, boolean hold) {
    ConnectionGuard guard = ConnectionGuard.of(ctx);
    if (guard == null) {
      ctx.channel().config().setAutoRead(!hold);
    } else if (hold) {
      guard.holdReads(ctx);
    } else {
      guard.releaseReads(ctx);
    }
  }

  private static HttpReply invoke(HttpApi api, Operation operation, FullHttpRequest request) {
    HttpReply reply = guarded(api, operation, () -> api.invoke(operation, request));
    return requireNonNull(reply, "reply");
  }

  /** Runs {@code call}, turning every failure into the API's error reply (and a log line). */
  private static @Nullable HttpReply guarded(
      HttpApi api, Operation operation, Supplier<@Nullable HttpReply> call) {
    try {
      return call.get();
    } catch (QuiverException e) {
      if (e.code() == ErrorCode.INTERNAL_FAILURE) {
        LOG.error("{} failed in the store", operation, e);
      }
      return api.error(operation, e);
    } catch (RuntimeException e) {
      LOG.error("{} failed unexpectedly", operation, e);
      return api.error(operation, new StorageException("Internal failure; see the server log", e));
    }
  }

  private void countRefusal(Operation operation, QuiverException e) {
    if (e.code() == ErrorCode.THROTTLING) {
      metrics.recordThrottled(PROTOCOL, operation);
    } else if (e instanceof AccessForbiddenException) {
      metrics.recordRejected(PROTOCOL, "auth");
    } else if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
      metrics.recordRejected(PROTOCOL, "stopping");
    }
  }

  private void finish(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      String requestId,
      Operation operation,
      HttpReply reply,
      long start) {
    write(ctx, request, requestId, reply);
    metrics.recordRequest(PROTOCOL, operation, reply.outcome(), System.nanoTime() - start);
  }

  /**
   * Answers {@code /health} and {@code /metrics}, which need no signature; false for other paths.
   */
  private boolean serveOperational(
      ChannelHandlerContext ctx, FullHttpRequest request, String requestId) {
    String uri = request.uri();
    if (!uri.startsWith("/health") && !uri.startsWith("/metrics")) {
      return false; // the common case, decided without parsing the URI
    }
    String path = RequestTarget.parse(uri).rawPath();
    if (path.equals("/health")) {
      boolean up = ready.getAsBoolean();
      byte[] body = (up ? "{\"status\":\"ok\"}" : "{\"status\":\"stopping\"}").getBytes(UTF_8);
      HttpReply reply = HttpReply.ok("application/json", body);
      write(
          ctx,
          request,
          requestId,
          up ? reply : reply.withStatus(HttpResponseStatus.SERVICE_UNAVAILABLE));
      return true;
    }
    if (path.equals("/metrics")) {
      write(
          ctx,
          request,
          requestId,
          HttpReply.ok(
              "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(UTF_8)));
      return true;
    }
    return false;
  }

  /** The request line or headers could not be parsed (or were too long): 400, then close. */
  private void badRequest(ChannelHandlerContext ctx, FullHttpRequest request, String requestId) {
    metrics.recordRejected(PROTOCOL, "malformed");
    String message = "Cannot parse request: " + request.decoderResult().cause().getMessage();
    HttpUtil.setKeepAlive(request, false);
    write(
        ctx,
        request,
        requestId,
        HttpReply.error(HttpResponseStatus.BAD_REQUEST, "ValidationError", message));
  }

  private static HttpReply notFound() {
    return HttpReply.error(
        HttpResponseStatus.NOT_FOUND,
        "UnknownOperationException",
        "No operation is served at this path");
  }

  /** Writes {@code reply} with SageMaker's headers, honouring keep-alive. */
  static void write(
      ChannelHandlerContext ctx, HttpRequest request, String requestId, HttpReply reply) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    ByteBuf response =
        ReplyEncoder.encode(
            ctx.alloc(), reply, requestId, keepAlive, request.method() == HttpMethod.HEAD);
    if (request instanceof FullHttpRequest full && full.content() instanceof BudgetedBody body) {
      body.answered();
    }
    if (keepAlive) {
      ctx.writeAndFlush(response, ctx.voidPromise());
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
    ConnectionGuard guard = ConnectionGuard.of(ctx);
    if (guard != null) {
      guard.responseWritten();
    }
  }

  /**
   * Checks the head of a request with a body before the body is read (see {@link
   * RequestAuthenticator#authenticateHead}); requests no API claims need no credentials.
   *
   * @throws AccessForbiddenException if the head alone shows the request will be refused
   */
  void authenticateHead(HttpRequest head) {
    if (!authenticator.enabled() || apiFor(head) == null) {
      return;
    }
    authenticator.authenticateHead(
        new SignedRequest(
            head.method().name(),
            RequestTarget.parse(head.uri()).rawPath(),
            Map.of(),
            headersOf(head),
            NO_PAYLOAD));
  }

  /** A fresh request id, for responses written before a request reaches this handler. */
  String nextRequestId() {
    return requestIds.get();
  }

  private static SignedRequest signedRequest(FullHttpRequest request) {
    RequestTarget target = RequestTarget.parse(request.uri());
    return new SignedRequest(
        request.method().name(),
        target.rawPath(),
        target.parameters(),
        headersOf(request),
        ByteBufUtil.getBytes(request.content()));
  }

  /** The headers by name, values in order of appearance. */
  static Map<String, List<String>> headersOf(HttpRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>(1)).add(header.getValue());
    }
    return headers;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Closing HTTP connection {} after an error", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
