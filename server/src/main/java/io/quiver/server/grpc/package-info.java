/**
 * The gRPC port ({@code quiver.featurestore.v1.FeatureStore}): the same operations as the SageMaker
 * HTTP API plus client-streaming PutRecords, with standard status codes ({@link
 * io.quiver.server.grpc.GrpcErrors}), the same limits, and SigV4 signatures covering the request
 * messages ({@link io.quiver.server.grpc.SigV4ClientInterceptor}, checked by {@link
 * io.quiver.server.grpc.SigV4ServerInterceptor}). Calls are dispatched on the transport's event
 * loop (direct executor); writes hop to the shared bounded worker pool. The client side lives here
 * too, next to the codec it shares: {@link io.quiver.server.grpc.GrpcRecordSink} sends an import to
 * a running server ({@code quiver import --endpoint}). All types are thread-safe unless stated
 * otherwise.
 */
@NullMarked
package io.quiver.server.grpc;

import org.jspecify.annotations.NullMarked;
