/**
 * The HTTP face of Quiver on Netty. Handlers run on Netty's event loops; store calls are
 * thread-safe.
 */
@NullMarked
package io.quiver.server.http;

import org.jspecify.annotations.NullMarked;
