/**
 * What the server and its clients both translate: storage's values to and from the generated
 * messages ({@link io.quiver.protocol.codec.GrpcCodec}), and Quiver's error codes to and from gRPC
 * status codes and trailers ({@link io.quiver.protocol.codec.GrpcErrors}). Stateless.
 */
@NullMarked
package io.quiver.protocol.codec;

import org.jspecify.annotations.NullMarked;
