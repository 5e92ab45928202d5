/**
 * The Java client of a Quiver server's gRPC port: {@link
 * io.quiver.protocol.client.FeatureStoreClient} for single calls, {@link
 * io.quiver.protocol.client.PutRecordsUpload} for one client-streaming PutRecords call, {@link
 * io.quiver.protocol.client.PutRecordPacing} to stay within the server's PutRecord limit and back
 * off when throttled, and {@link io.quiver.protocol.client.GrpcEndpoint} saying where the server is
 * and how to reach it. All types are thread-safe unless stated otherwise.
 */
@NullMarked
package io.quiver.protocol.client;

import org.jspecify.annotations.NullMarked;
