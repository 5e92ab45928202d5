package io.quiver.server.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;

/** Maps Quiver's failures to gRPC status codes, keeping SageMaker's code in a trailer. Stateless. */
public final class GrpcErrors {
  /** Trailer carrying SageMaker's error code, e.g. {@code ValidationError}. */
  public static final Metadata.Key<String> ERROR_TYPE = Metadata.Key.of("x-amzn-errortype", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcErrors() {}

  /** The status for {@code code}. */
  public static Status.Code statusCode(ErrorCode code) {
    return switch (code) {
      case VALIDATION -> Status.Code.INVALID_ARGUMENT;
      case RESOURCE_NOT_FOUND -> Status.Code.NOT_FOUND;
      case RESOURCE_IN_USE -> Status.Code.ALREADY_EXISTS;
      case RESOURCE_LIMIT_EXCEEDED, THROTTLING -> Status.Code.RESOURCE_EXHAUSTED;
      case ACCESS_FORBIDDEN -> Status.Code.UNAUTHENTICATED;
      case INTERNAL_FAILURE -> Status.Code.INTERNAL;
    };
  }

  /** The exception that answers {@code failure}. */
  public static StatusRuntimeException toStatus(QuiverException failure) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_TYPE, failure.code().controlPlaneCode());
    return Status.fromCode(statusCode(failure.code())).withDescription(failure.getMessage()).asRuntimeException(trailers);
  }
}
