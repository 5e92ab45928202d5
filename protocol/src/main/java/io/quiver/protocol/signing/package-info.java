/**
 * AWS Signature Version 4 as Quiver's gRPC port uses it ({@code docs/protocol/grpc.md}): the
 * signature of a call's metadata, computed with the AWS SDK's own signer ({@link
 * io.quiver.protocol.signing.SigV4Signer}), the chained signatures of a stream's later messages
 * ({@link io.quiver.protocol.signing.MessageSignatureChain}), and the client interceptor that adds
 * both ({@link io.quiver.protocol.signing.SigV4ClientInterceptor}). The server verifies with the
 * same parts. All types are thread-safe unless stated otherwise.
 */
@NullMarked
package io.quiver.protocol.signing;

import org.jspecify.annotations.NullMarked;
