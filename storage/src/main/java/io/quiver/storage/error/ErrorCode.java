package io.quiver.storage.error;

/**
 * SageMaker error codes a {@link QuiverException} maps to, with their spelling on each API.
 *
 * <p>The runtime (rest-json) and the control plane (json 1.1) spell validation failures
 * differently, so each code carries both names.
 */
public enum ErrorCode {
  VALIDATION("ValidationError", "ValidationException", 400),
  RESOURCE_NOT_FOUND("ResourceNotFound", "ResourceNotFound", 404),
  RESOURCE_IN_USE("ValidationError", "ResourceInUse", 400),
  RESOURCE_LIMIT_EXCEEDED("ValidationError", "ResourceLimitExceeded", 400),
  THROTTLING("ThrottlingException", "ThrottlingException", 400),
  ACCESS_FORBIDDEN("AccessForbidden", "AccessDeniedException", 403),
  INTERNAL_FAILURE("InternalFailure", "InternalFailure", 500),
  SERVICE_UNAVAILABLE("ServiceUnavailable", "ServiceUnavailable", 503);

  private final String runtimeCode;
  private final String controlPlaneCode;
  private final int httpStatus;

  ErrorCode(String runtimeCode, String controlPlaneCode, int httpStatus) {
    this.runtimeCode = runtimeCode;
    this.controlPlaneCode = controlPlaneCode;
    this.httpStatus = httpStatus;
  }

  /** The code as the Feature Store runtime API spells it (for example {@code ValidationError}). */
  public String runtimeCode() {
    return runtimeCode;
  }

  /**
   * The code as the SageMaker control-plane API spells it (for example {@code
   * ValidationException}).
   */
  public String controlPlaneCode() {
    return controlPlaneCode;
  }

  /** The HTTP status SageMaker answers this code with on the runtime API. */
  public int httpStatus() {
    return httpStatus;
  }
}
