package io.quiver.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.server.config.Operation;
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
   * Takes the writing {@code operation} into the group commit of {@code loop}, the calling event
   * loop: the writes it takes in one pass over its ready connections are committed together once
   * the pass is over, and each is then answered through {@code answer} on {@code loop}. The request
   * is read before this returns. The default takes nothing.
   *
   * @return false if this API does not group {@code operation} (nothing was done)
   * @throws QuiverException if the request is refused before it is taken (nothing is written, and
   *     {@code answer} is not called)
   */
  default boolean invokeGrouped(
      Operation operation, FullHttpRequest request, EventExecutor loop, WriteAnswer answer) {
    return false;
  }

  /** The reply for {@code failure} of {@code operation} (or of an unknown operation, if null). */
  HttpReply error(@Nullable Operation operation, QuiverException failure);

  /** The reply for a request whose operation this API does not know. */
  HttpReply unknownOperation(HttpRequest request);
}
