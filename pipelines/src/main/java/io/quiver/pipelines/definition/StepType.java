package io.quiver.pipelines.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The step types of a 2020-12-01 pipeline definition, with their wire spelling, whether they may be
 * cached and retried, and the request attributes their cache key is made of.
 */
public enum StepType {
  PROCESSING(
      "Processing", true, true, List.of("AppSpecification", "Environment", "ProcessingInputs")),
  TRAINING(
      "Training",
      true,
      true,
      List.of(
          "AlgorithmSpecification",
          "CheckpointConfig",
          "DebugHookConfig",
          "DebugRuleConfigurations",
          "Environment",
          "HyperParameters",
          "InputDataConfig")),
  TUNING(
      "Tuning",
      true,
      true,
      List.of(
          "HyperParameterTuningJobConfig",
          "TrainingJobDefinition",
          "TrainingJobDefinitions",
          "WarmStartConfig")),
  MODEL("Model", false, true, List.of()),
  REGISTER_MODEL("RegisterModel", false, true, List.of()),
  TRANSFORM(
      "Transform",
      true,
      true,
      List.of("DataProcessing", "Environment", "ModelName", "TransformInput")),
  CONDITION("Condition", false, false, List.of()),
  CALLBACK("Callback", true, false, List.of("Arguments", "SqsQueueUrl", "OutputParameters")),
  LAMBDA("Lambda", true, false, List.of("Arguments", "FunctionArn", "OutputParameters")),
  CLARIFY_CHECK(
      "ClarifyCheck",
      true,
      true,
      List.of(
          "Arguments",
          "CheckType",
          "SkipCheck",
          "RegisterNewBaseline",
          "ModelPackageGroupName",
          "SuppliedBaselineConstraints")),
  QUALITY_CHECK(
      "QualityCheck",
      true,
      true,
      List.of(
          "Arguments",
          "CheckType",
          "SkipCheck",
          "RegisterNewBaseline",
          "ModelPackageGroupName",
          "SuppliedBaselineConstraints",
          "SuppliedBaselineStatistics")),
  EMR("EMR", true, true, List.of("ClusterId", "StepConfig")),
  FAIL("Fail", false, false, List.of());

  private final String wireName;
  private final boolean cacheable;
  private final boolean retryable;
  private final List<String> cacheKeyAttributes;

  StepType(String wireName, boolean cacheable, boolean retryable, List<String> cacheKeyAttributes) {
    this.wireName = wireName;
    this.cacheable = cacheable;
    this.retryable = retryable;
    this.cacheKeyAttributes = cacheKeyAttributes;
  }

  /** The {@code Type} string of a definition, for example {@code RegisterModel}. */
  public String wireName() {
    return wireName;
  }

  /** Whether {@code CacheConfig} may turn caching on for this type. */
  public boolean cacheable() {
    return cacheable;
  }

  /** Whether {@code RetryPolicies} are allowed on this type. */
  public boolean retryable() {
    return retryable;
  }

  /**
   * The top-level attributes of the resolved request that make the cache key; for Lambda, Callback
   * and the check steps they are step fields rather than request fields.
   */
  public List<String> cacheKeyAttributes() {
    return cacheKeyAttributes;
  }

  /** The type spelled {@code wireName}, if any. */
  public static Optional<StepType> of(String wireName) {
    for (StepType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Every wire name, comma separated, for error messages. */
  static String allWireNames() {
    return Arrays.stream(values()).map(StepType::wireName).collect(Collectors.joining(", "));
  }
}
