/**
 * The HTTP port on Netty: pipeline ({@link io.quiver.server.http.HttpServerInitializer}), request
 * size limit before buffering ({@link io.quiver.server.http.BoundedHttpObjectAggregator}), and the
 * dispatcher ({@link io.quiver.server.http.HttpRequestHandler}) that authenticates, admits and
 * routes each request to one {@link io.quiver.server.http.HttpApi} (the runtime REST API or the
 * control plane), answering errors in that API's shape. Handlers are stateless and
 * {@code @Sharable}; per-channel state lives in the channel. Reads run on the event loop, writes on
 * the bounded worker pool.
 */
@NullMarked
package io.quiver.server.http;

import org.jspecify.annotations.NullMarked;
