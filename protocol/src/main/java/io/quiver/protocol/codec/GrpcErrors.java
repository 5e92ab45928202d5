package io.quiver.protocol.codec;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import org.jspecify.annotations.Nullable;

/**
 * Maps Quiver's failures to gRPC status codes, keeping SageMaker's code in a trailer. Stateless.
 */
public final class GrpcErrors {
  /** Trailer carrying SageMaker's error code, e.g. {@code ValidationError}. */
  public static final Metadata.Key<String> ERROR_TYPE =
      Metadata.Key.of("x-amzn-errortype", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Trailer of a failed PutRecords stream: how many of its records were written before it failed.
   */
  public static final Metadata.Key<String> RECORDS_WRITTEN =
      Metadata.Key.of("x-quiver-records-written", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Trailer of a PutRecords stream refused by the PutRecord rate limit: in how many milliseconds
   * the server expects to admit the next records.
   */
  public static final Metadata.Key<String> RETRY_AFTER_MILLIS =
      Metadata.Key.of("x-quiver-retry-after-millis", Metadata.ASCII_STRING_MARSHALLER);

  /** Trailer of a throttled PutRecords stream: the PutRecord limit, in records per second. */
  public static final Metadata.Key<String> PUT_RECORD_LIMIT =
      Metadata.Key.of("x-quiver-put-record-limit", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcErrors() {}

  /**
   * The decimal value of trailer {@code key} ({@link #RECORDS_WRITTEN}, {@link
   * #RETRY_AFTER_MILLIS}, {@link #PUT_RECORD_LIMIT}); 0 when absent or not a number (a call refused
   * before its stream started wrote nothing and said no limit).
   */
  public static long number(@Nullable Metadata trailers, Metadata.Key<String> key) {
    String value = trailers == null ? null : trailers.get(key);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The code a failed call reports: the {@link #ERROR_TYPE} trailer when it names one, else the
   * nearest to its status.
   */
  public static ErrorCode errorCode(Status status, @Nullable Metadata trailers) {
    String type = trailers == null ? null : trailers.get(ERROR_TYPE);
    for (ErrorCode code : ErrorCode.values()) {
      if (code.controlPlaneCode().equals(type)) {
        return code;
      }
    }
    return switch (status.getCode()) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> ErrorCode.VALIDATION;
      case NOT_FOUND -> ErrorCode.RESOURCE_NOT_FOUND;
      case ALREADY_EXISTS -> ErrorCode.RESOURCE_IN_USE;
      case RESOURCE_EXHAUSTED -> ErrorCode.THROTTLING;
      case UNAUTHENTICATED, PERMISSION_DENIED -> ErrorCode.ACCESS_FORBIDDEN;
      case UNAVAILABLE -> ErrorCode.SERVICE_UNAVAILABLE;
      default -> ErrorCode.INTERNAL_FAILURE;
    };
  }

  /** The status for {@code code}. */
  public static Status.Code statusCode(ErrorCode code) {
    return switch (code) {
      case VALIDATION -> Status.Code.INVALID_ARGUMENT;
      case RESOURCE_NOT_FOUND -> Status.Code.NOT_FOUND;
      case RESOURCE_IN_USE -> Status.Code.ALREADY_EXISTS;
      case RESOURCE_LIMIT_EXCEEDED, THROTTLING -> Status.Code.RESOURCE_EXHAUSTED;
      case ACCESS_FORBIDDEN -> Status.Code.UNAUTHENTICATED;
      case INTERNAL_FAILURE -> Status.Code.INTERNAL;
      case SERVICE_UNAVAILABLE -> Status.Code.UNAVAILABLE;
    };
  }

  /** The exception that answers {@code failure}. */
  public static StatusRuntimeException toStatus(QuiverException failure) {
    return toStatus(failure, new Metadata());
  }

  /** The exception that answers {@code failure}, with {@code extra} trailers as well. */
  public static StatusRuntimeException toStatus(QuiverException failure, Metadata extra) {
    Metadata trailers = new Metadata();
    trailers.merge(extra);
    trailers.put(ERROR_TYPE, failure.code().controlPlaneCode());
    return Status.fromCode(statusCode(failure.code()))
        .withDescription(failure.getMessage())
        .asRuntimeException(trailers);
  }
}
