package io.quiver.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.quiver.server.Operation;
import io.quiver.storage.error.QuiverException;
import org.jspecify.annotations.Nullable;

/**
 * One API served on the HTTP port: which requests it owns, which operation each is, how to run it
 * and how its errors look. Implementations are stateless and thread-safe.
 */
public interface HttpApi {
  /** Whether this API owns {@code request} (looking at its head only). */
  boolean claims(HttpRequest request);

  /** The operation {@code request} invokes, or {@code null} if this API has no such operation. */
  @Nullable Operation operationOf(HttpRequest request);

  /**
   * Runs {@code operation}; may block on the store when {@link Operation#writes()}.
   *
   * @throws QuiverException for every failure the client should see as a SageMaker error
   */
  HttpReply invoke(Operation operation, FullHttpRequest request);

  /**
   * Runs the writing {@code operation} on the calling thread, an event loop, if it can finish
   * without waiting (no write stall, no fsync): its reply, or {@code null} when it would have to
   * wait and nothing was written, for {@link #invoke} on a worker instead. The default runs nothing
   * inline.
   *
   * @throws QuiverException for every failure the client should see as a SageMaker error
   */
  default @Nullable HttpReply invokeWithoutWaiting(Operation operation, FullHttpRequest request) {
    return null;
  }

  /** The reply for {@code failure} of {@code operation} (or of an unknown operation, if null). */
  HttpReply error(@Nullable Operation operation, QuiverException failure);

  /** The reply for a request whose operation this API does not know. */
  HttpReply unknownOperation(HttpRequest request);
}
