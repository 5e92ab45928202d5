package io.quiver.pipelines.step;

import io.quiver.pipelines.definition.StepType;
import io.quiver.pipelines.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The step runner of every step type the engine runs on a thread. */
public final class StepRunners {
  /**
   * Built-in images that this build knows but cannot run yet, with the reason a definition naming
   * one is refused.
   */
  public static final Map<String, String> UNAVAILABLE_IMAGES = Map.of();

  private StepRunners() {}

  /**
   * The runners of an engine.
   *
   * @param builtins in-process processors by image name ({@value DataQualityProcessor#IMAGE} is
   *     always there)
   * @param functions Java functions for Lambda steps
   * @param lambdaTimeout how long Lambda steps wait
   * @param registry where Model and RegisterModel steps record
   * @param sparkSubmit the spark-submit EMR steps run, or {@code null}
   */
  public static Map<StepType, StepRunner> create(
      Map<String, BuiltinProcessor> builtins,
      Map<String, LambdaFunction> functions,
      Duration lambdaTimeout,
      ModelRegistry registry,
      @Nullable Path sparkSubmit) {
    Map<StepType, StepRunner> runners = new EnumMap<>(StepType.class);
    Map<String, BuiltinProcessor> processors = new HashMap<>(builtins);
    processors.putIfAbsent(DataQualityProcessor.IMAGE, new DataQualityProcessor());
    runners.put(StepType.PROCESSING, new ProcessingStepRunner(processors));
    runners.put(StepType.LAMBDA, new LambdaStepRunner(functions, lambdaTimeout));
    runners.put(StepType.MODEL, new ModelStepRunner(registry));
    runners.put(StepType.REGISTER_MODEL, new RegisterModelStepRunner(registry));
    runners.put(StepType.TRAINING, new TrainingStepRunner());
    runners.put(StepType.TUNING, new TuningStepRunner());
    runners.put(StepType.TRANSFORM, new TransformStepRunner(registry));
    runners.put(StepType.CLARIFY_CHECK, new ClarifyCheckStepRunner(registry));
    runners.put(StepType.QUALITY_CHECK, new QualityCheckStepRunner(registry));
    if (sparkSubmit != null) {
      runners.put(StepType.EMR, new EmrStepRunner(sparkSubmit));
    }
    return runners;
  }
}
