package io.quiver.server.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The bounds of the HTTP port, which keep any one client, signed or not, from taking all of the
 * server's memory, connections or event loop time.
 *
 * @param maxRequestBytes the largest request body accepted (413 beyond it)
 * @param maxConnections connections open at once; one more is answered 503 and closed
 * @param maxBufferedBodyBytes bytes of request bodies held at once across all connections, from the
 *     moment a request's head announces its body until the request is answered; a body that would
 *     go over is refused with 503 before it is read
 * @param idleTimeout how long a connection may wait between requests before it is closed
 * @param requestTimeout how long a request may take to arrive in full once its first byte has (or a
 *     TLS handshake, or a client to read a response); 408 and close beyond it
 */
public record HttpLimits(
    int maxRequestBytes,
    int maxConnections,
    long maxBufferedBodyBytes,
    Duration idleTimeout,
    Duration requestTimeout) {

  /** Checks the bounds. */
  public HttpLimits {
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBytes: " + maxRequestBytes + " (expected: > 0)");
    }
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
    }
    if (maxBufferedBodyBytes < maxRequestBytes) {
      throw new IllegalArgumentException(
          "maxBufferedBodyBytes: "
              + maxBufferedBodyBytes
              + " (expected: >= maxRequestBytes, "
              + maxRequestBytes
              + ")");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
    }
  }
}
