/**
 * The HTTP port on Netty: pipeline ({@link io.quiver.server.http.HttpServerInitializer}), per
 * connection timeouts and back-pressure ({@link io.quiver.server.http.ConnectionGuard}), a cap on
 * connections ({@link io.quiver.server.http.ConnectionLimit}), request size, credentials and the
 * port-wide body memory budget checked on each head before its body is read ({@link
 * io.quiver.server.http.BoundedHttpObjectAggregator}), strict decoding of request targets and JSON
 * bodies ({@link io.quiver.server.http.RequestTarget}, {@link
 * io.quiver.server.http.JsonBodyReader}), and the dispatcher ({@link
 * io.quiver.server.http.HttpRequestHandler}) that authenticates, admits and routes each request to
 * one {@link io.quiver.server.http.HttpApi} (the runtime REST API or the control plane), answering
 * errors in that API's shape. Handlers are stateless and {@code @Sharable}; per-channel state lives
 * in the channel. Reads run on the event loop, writes on the bounded worker pool.
 */
@NullMarked
package io.quiver.server.http;

import org.jspecify.annotations.NullMarked;
