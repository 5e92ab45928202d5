package io.quiver.protocol.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.protocol.codec.GrpcErrors;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;

/**
 * A call to a Quiver server failed: the server refused it (its message, its code) or could not be
 * reached ("Cannot reach Quiver at ...").
 */
public final class RemoteStoreException extends QuiverException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  private RemoteStoreException(String message, ErrorCode code, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The failure {@code e} of a call to {@code endpoint} stands for. */
  public static RemoteStoreException of(GrpcEndpoint endpoint, StatusRuntimeException e) {
    Status status = e.getStatus();
    if (status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return new RemoteStoreException(
          "Cannot reach Quiver at " + endpoint.url() + ": " + detail(status),
          ErrorCode.INTERNAL_FAILURE,
          e);
    }
    return new RemoteStoreException(
        detail(status), GrpcErrors.errorCode(status, e.getTrailers()), e);
  }

  /** The most specific words about a failed call: the transport's cause, else the description. */
  private static String detail(Status status) {
    Throwable cause = status.getCause();
    if (cause != null && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return status.getDescription() != null ? status.getDescription() : status.getCode().toString();
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
