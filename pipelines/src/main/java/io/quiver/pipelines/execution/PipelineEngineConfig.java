package io.quiver.pipelines.execution;

import static java.util.Objects.requireNonNull;

import io.quiver.pipelines.step.BuiltinProcessor;
import io.quiver.pipelines.step.CallbackListener;
import io.quiver.pipelines.step.LambdaFunction;
import io.quiver.storage.objectstore.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link PipelineEngine}. Immutable; built with {@link #builder(Path)}, whose
 * defaults are the {@code *_DEFAULT} constants.
 *
 * @param root the folder the engine owns (a data directory's {@code pipelines} folder)
 * @param region the region placed in ARNs
 * @param account the account placed in ARNs
 * @param s3 how {@code s3://} inputs and outputs are reached
 * @param clock the source of time
 * @param maxParallelStepsDefault steps of one execution run at once when neither the pipeline nor
 *     the start sets {@code MaxParallelExecutionSteps}
 * @param lambdaFunctions Java functions Lambda steps call, by function ARN or name
 * @param lambdaTimeout how long a Lambda step waits for its function
 * @param callbacks where Callback steps' messages go
 * @param delays how retries wait (null: a scheduler thread of the engine)
 * @param builtins in-process processors by Processing image name
 * @param sparkSubmit the {@code spark-submit} executable EMR steps run, or {@code null} if none
 * @param qualityCheckUnavailable why QualityCheck steps cannot run, or empty if they can
 */
public record PipelineEngineConfig(
    Path root,
    String region,
    String account,
    S3Settings s3,
    InstantSource clock,
    int maxParallelStepsDefault,
    Map<String, LambdaFunction> lambdaFunctions,
    Duration lambdaTimeout,
    CallbackListener callbacks,
    @Nullable DelayScheduler delays,
    Map<String, BuiltinProcessor> builtins,
    @Nullable Path sparkSubmit,
    String qualityCheckUnavailable) {

  public static final int MAX_PARALLEL_STEPS_DEFAULT = 10;
  public static final Duration LAMBDA_TIMEOUT_DEFAULT = Duration.ofSeconds(120);
  public static final Duration LAMBDA_TIMEOUT_MAX = Duration.ofMinutes(10);

  /** Checks the settings. */
  public PipelineEngineConfig {
    requireNonNull(root, "root");
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    requireNonNull(s3, "s3");
    requireNonNull(clock, "clock");
    requireNonNull(callbacks, "callbacks");
    requireNonNull(qualityCheckUnavailable, "qualityCheckUnavailable");
    lambdaFunctions = Map.copyOf(lambdaFunctions);
    builtins = Map.copyOf(builtins);
    if (maxParallelStepsDefault < 1) {
      throw new IllegalArgumentException(
          "maxParallelStepsDefault: " + maxParallelStepsDefault + " (expected: >= 1)");
    }
    if (lambdaTimeout.isNegative()
        || lambdaTimeout.isZero()
        || lambdaTimeout.compareTo(LAMBDA_TIMEOUT_MAX) > 0) {
      throw new IllegalArgumentException(
          "lambdaTimeout: " + lambdaTimeout + " (expected: more than 0, at most PT10M)");
    }
  }

  /** A builder for an engine owning {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** Builds a {@link PipelineEngineConfig}. Not thread-safe. */
  public static final class Builder {
    private final Path root;
    private String region = "us-east-1";
    private String account = "000000000000";
    private S3Settings s3 = S3Settings.defaults();
    private InstantSource clock = InstantSource.system();
    private int maxParallelSteps = MAX_PARALLEL_STEPS_DEFAULT;
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private Duration lambdaTimeout = LAMBDA_TIMEOUT_DEFAULT;
    private CallbackListener callbacks = (queue, message) -> {};
    private @Nullable DelayScheduler delays;
    private final Map<String, BuiltinProcessor> builtins = new LinkedHashMap<>();
    private @Nullable Path sparkSubmit = SparkSubmit.find().orElse(null);
    private String qualityCheckUnavailable = "";

    private Builder(Path root) {
      this.root = requireNonNull(root, "root");
    }

    /** The region and account in ARNs. */
    public Builder arnParts(String region, String account) {
      this.region = region;
      this.account = account;
      return this;
    }

    /** How {@code s3://} locations are reached. */
    public Builder s3(S3Settings settings) {
      this.s3 = settings;
      return this;
    }

    /** The source of time. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** The default parallelism of an execution. */
    public Builder maxParallelSteps(int max) {
      this.maxParallelSteps = max;
      return this;
    }

    /**
     * Registers {@code function} for Lambda steps whose {@code FunctionArn} is {@code arnOrName}.
     */
    public Builder lambdaFunction(String arnOrName, LambdaFunction function) {
      functions.put(arnOrName, function);
      return this;
    }

    /** How long Lambda steps wait. */
    public Builder lambdaTimeout(Duration timeout) {
      this.lambdaTimeout = timeout;
      return this;
    }

    /** Where Callback steps' messages go. */
    public Builder callbacks(CallbackListener listener) {
      this.callbacks = listener;
      return this;
    }

    /** How retries wait out their backoff. */
    public Builder delays(DelayScheduler scheduler) {
      this.delays = scheduler;
      return this;
    }

    /** Runs Processing steps whose image is {@code image} with {@code processor}. */
    public Builder builtin(String image, BuiltinProcessor processor) {
      builtins.put(image, processor);
      return this;
    }

    /** The {@code spark-submit} for EMR steps ({@code null}: EMR steps are refused). */
    public Builder sparkSubmit(@Nullable Path executable) {
      this.sparkSubmit = executable;
      return this;
    }

    /** Refuses QualityCheck steps with {@code reason} (empty to accept them). */
    public Builder qualityCheckUnavailable(String reason) {
      this.qualityCheckUnavailable = reason;
      return this;
    }

    /** The settings. */
    public PipelineEngineConfig build() {
      return new PipelineEngineConfig(
          root,
          region,
          account,
          s3,
          clock,
          maxParallelSteps,
          functions,
          lambdaTimeout,
          callbacks,
          delays,
          builtins,
          sparkSubmit,
          qualityCheckUnavailable);
    }
  }
}
