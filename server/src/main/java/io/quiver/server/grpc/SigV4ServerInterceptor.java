package io.quiver.server.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quiver.server.auth.RequestAuthenticator;
import io.quiver.server.auth.SignedRequest;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.AccessForbiddenException;
import java.util.List;
import java.util.Map;

/**
 * Checks each call's SigV4 credentials (see {@link SigV4CallCredentials} for what is signed) before
 * any message is read; refused calls end with UNAUTHENTICATED. Thread-safe.
 */
final class SigV4ServerInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AMZ_DATE =
      Metadata.Key.of("x-amz-date", Metadata.ASCII_STRING_MARSHALLER);
  private static final byte[] NO_PAYLOAD = new byte[0];

  private final RequestAuthenticator authenticator;
  private final ServerMetrics metrics;

  SigV4ServerInterceptor(RequestAuthenticator authenticator, ServerMetrics metrics) {
    this.authenticator = authenticator;
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    try {
      authenticator.authenticate(
          signedRequest(
              call.getAuthority(), call.getMethodDescriptor().getFullMethodName(), headers));
    } catch (AccessForbiddenException e) {
      metrics.recordRejected(GrpcCalls.PROTOCOL, "auth");
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  static SignedRequest signedRequest(String authority, String fullMethodName, Metadata headers) {
    Map<String, List<String>> signed = new java.util.HashMap<>();
    signed.put("host", List.of(authority == null ? "" : authority));
    String date = headers.get(AMZ_DATE);
    if (date != null) {
      signed.put("x-amz-date", List.of(date));
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization != null) {
      signed.put("authorization", List.of(authorization));
    }
    return new SignedRequest("POST", "/" + fullMethodName, Map.of(), signed, NO_PAYLOAD);
  }
}
