package io.quiver.clarify.monitor;

/** What a monitor checks, named as SageMaker's {@code MonitoringType}. */
public enum MonitorType {
  /** Statistics of the features checked against {@code constraints.json}. */
  DATA_QUALITY("DataQuality"),
  /** Clarify's bias metrics checked against a baseline analysis. */
  MODEL_BIAS("ModelBias");

  private final String sageMakerName;

  MonitorType(String sageMakerName) {
    this.sageMakerName = sageMakerName;
  }

  /** The name SageMaker's API uses. */
  public String sageMakerName() {
    return sageMakerName;
  }

  /**
   * The type SageMaker names {@code name}.
   *
   * @throws IllegalArgumentException if Quiver does not monitor that type
   */
  public static MonitorType ofSageMakerName(String name) {
    for (MonitorType type : values()) {
      if (type.sageMakerName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "MonitoringType: '" + name + "' (expected: DataQuality or ModelBias)");
  }
}
