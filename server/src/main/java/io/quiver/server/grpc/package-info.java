/**
 * The gRPC port ({@code quiver.featurestore.v1.FeatureStore}, defined and generated in the {@code
 * protocol} module): the same operations as the SageMaker HTTP API plus client-streaming
 * PutRecords, with standard status codes ({@link io.quiver.protocol.codec.GrpcErrors}), the same
 * limits, and SigV4 signatures covering the request messages ({@link
 * io.quiver.protocol.signing.SigV4ClientInterceptor}, checked by {@link
 * io.quiver.server.grpc.SigV4ServerInterceptor}). Calls are dispatched on the transport's event
 * loop (direct executor); writes hop to the shared bounded worker pool. {@link
 * io.quiver.server.grpc.GrpcRecordSink} sends an import to a running server ({@code quiver import
 * --endpoint}) through the protocol module's client. All types are thread-safe unless stated
 * otherwise.
 */
@NullMarked
package io.quiver.server.grpc;

import org.jspecify.annotations.NullMarked;
