/**
 * What a server is set up with: {@link io.quiver.server.config.ServerConfig} (ports, limits,
 * credentials, TLS) and {@link io.quiver.server.config.Operation}, the operations it answers, by
 * which limits, metrics and handlers are keyed. Both are immutable.
 */
@NullMarked
package io.quiver.server.config;

import org.jspecify.annotations.NullMarked;
