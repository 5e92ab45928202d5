/**
 * The Quiver network server: {@link io.quiver.server.QuiverServer} starts the SageMaker-compatible
 * HTTP port and the gRPC port over one {@link io.quiver.storage.QuiverStore}, sharing limits,
 * authentication and metrics between them. Priorities: SDK compatibility first, then bounded
 * resources, then latency. Every public type here is immutable or thread-safe as documented.
 */
@NullMarked
package io.quiver.server;

import org.jspecify.annotations.NullMarked;
