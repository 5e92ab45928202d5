package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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

  /**
   * An error in the runtime API's shape ({@code {"__type":..,"message":..}} and {@code
   * x-amzn-ErrorType}), for answers given before a request is known to belong to an API.
   */
  public static HttpReply error(HttpResponseStatus status, String type, String message) {
    String body =
        "{\"__type\":\""
            + type
            + "\",\"message\":\""
            + new String(JsonStringEncoder.getInstance().quoteAsString(message))
            + "\"}";
    return new HttpReply(status, "application/json", body.getBytes(UTF_8), type, type);
  }

  /** A copy with another status. */
  public HttpReply withStatus(HttpResponseStatus newStatus) {
    return new HttpReply(newStatus, contentType, body, errorType, outcome);
  }
}
