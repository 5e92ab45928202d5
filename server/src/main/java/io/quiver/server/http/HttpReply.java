package io.quiver.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * A response before it is written: status, body and, for errors, the code sent in {@code
 * x-amzn-ErrorType}.
 *
 * @param status the HTTP status
 * @param contentType the body's content type
 * @param body the body bytes (may be empty)
 * @param errorType the error code for the {@code x-amzn-ErrorType} header, or {@code null}
 * @param outcome {@code OK} or the error code, for metrics
 */
public record HttpReply(
    HttpResponseStatus status,
    String contentType,
    byte[] body,
    @Nullable String errorType,
    String outcome) {
  private static final byte[] EMPTY = new byte[0];

  /** Checks that the parts are present. */
  public HttpReply {
    requireNonNull(status, "status");
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    requireNonNull(outcome, "outcome");
  }

  /** A 200 with {@code body}. */
  public static HttpReply ok(String contentType, byte[] body) {
    return new HttpReply(HttpResponseStatus.OK, contentType, body, null, "OK");
  }

  /** A 200 with an empty body. */
  public static HttpReply empty(String contentType) {
    return ok(contentType, EMPTY);
  }

  /** A copy with another status. */
  public HttpReply withStatus(HttpResponseStatus newStatus) {
    return new HttpReply(newStatus, contentType, body, errorType, outcome);
  }
}
