package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.definition.PipelineDefinition;
import io.quiver.pipelines.definition.RetryPolicy;
import io.quiver.pipelines.definition.StepDefinition;
import io.quiver.pipelines.definition.StepType;
import io.quiver.pipelines.expression.Condition;
import io.quiver.pipelines.expression.ExpressionContext;
import io.quiver.pipelines.expression.ExpressionException;
import io.quiver.pipelines.expression.ExpressionResolver;
import io.quiver.pipelines.step.StepFailedException;
import io.quiver.pipelines.step.StepOutcome;
import io.quiver.pipelines.step.StepRunner;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.ValidationException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: one runner per execution owns its state and journal; every transition is an event that
 * is appended (and forced) to the journal first and then applied to the state, under the runner's
 * monitor, so the state on disk never lags what any caller was told. Job steps run on the shared
 * step threads and report back through the monitor; Condition, Fail and Callback steps need no
 * thread. schedule() is the only place steps start and the execution ends: it starts every step
 * whose predecessors succeeded (and whose Condition branch was taken) up to the parallelism limit,
 * starts nothing once a step has failed or a stop was asked, and ends the execution when nothing
 * runs and nothing more can start.
 *
 * Recovery: a step that was running when the process died is an attempt that failed with
 * Step.SERVICE_FAULT (its orphaned process, if still alive, is killed first); its retry policies
 * decide whether it runs again. Callback steps keep waiting for their token.
 */
final class ExecutionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);
  private static final String STEP_FAILURE = "Step failure: One or multiple steps failed.";
  private static final SecureRandom TOKENS = new SecureRandom();

  private final ExecutionState state;
  private final PipelineDefinition definition;
  private final JournalFile journal;
  private final EngineServices services;
  private final Map<String, AttemptControl> attempts = new HashMap<>();
  private boolean closed;

  ExecutionRunner(
      ExecutionState state,
      PipelineDefinition definition,
      JournalFile journal,
      EngineServices services) {
    this.state = state;
    this.definition = definition;
    this.journal = journal;
    this.services = services;
  }

  ExecutionHeader header() {
    return state.header;
  }

  PipelineDefinition definition() {
    return definition;
  }

  /** A consistent copy of what the API shows. */
  synchronized ExecutionSnapshot snapshot() {
    return ExecutionSnapshot.of(state, definition);
  }

  private Instant now() {
    return services.clock().instant();
  }

  private void record(ObjectNode event) {
    if (closed) {
      throw new IllegalStateException("Cannot record an event: the engine is closed");
    }
    journal.append(event);
    state.apply(event);
  }

  /** Starts a new execution. */
  synchronized void start() {
    record(
        Events.of(Events.EXECUTION_STATUS, now()).put("status", ExecutionStatus.Executing.name()));
    schedule();
  }

  /** Continues an execution found running at open (see the recovery note above). */
  synchronized void recover() {
    for (StepState step : Set.copyOf(state.steps.values())) {
      if (!step.running()) {
        continue;
      }
      if (state.status == ExecutionStatus.Stopping) {
        killOrphan(step);
        record(Events.step(Events.STEP_STOPPED, now(), step.name));
        continue;
      }
      if (step.callbackToken != null && !step.retryPending) {
        services.tokens().register(step.callbackToken, this, step.name);
        continue;
      }
      if (step.retryPending) {
        launchAttempt(definition.step(step.name).orElseThrow());
        continue;
      }
      killOrphan(step);
      onFailure(
          step.name,
          FailureType.SERVICE_FAULT,
          "Quiver stopped while the step ran (attempt " + step.attempts + " was interrupted)");
    }
    schedule();
  }

  private static void killOrphan(StepState step) {
    if (step.pid <= 0) {
      return;
    }
    ProcessHandle.of(step.pid)
        .filter(
            p ->
                step.processStart == null
                    || p.info().startInstant().map(step.processStart::equals).orElse(false))
        .ifPresent(
            p -> {
              LOG.info("Ending process {} left running by step {}", step.pid, step.name);
              p.descendants().forEach(ProcessHandle::destroyForcibly);
              p.destroyForcibly();
            });
  }

  private void schedule() {
    if (closed) {
      return;
    }
    if (state.status == ExecutionStatus.Executing && !anyFailed()) {
      for (String name : definition.graph().topologicalOrder()) {
        if (running() >= state.header.maxParallelSteps() || anyFailed()) {
          break;
        }
        if (eligible(name)) {
          launch(definition.step(name).orElseThrow());
        }
      }
    }
    if (!state.status.terminal() && running() == 0) {
      finish();
    }
  }

  private boolean anyFailed() {
    return state.steps.values().stream().anyMatch(s -> s.status == StepStatus.Failed);
  }

  private int running() {
    return (int) state.steps.values().stream().filter(StepState::running).count();
  }

  private boolean eligible(String name) {
    if (state.steps.containsKey(name)) {
      return false;
    }
    StepDefinition step = definition.step(name).orElseThrow();
    for (String pred : definition.graph().predecessors().get(name)) {
      StepState p = state.steps.get(pred);
      if (p == null || p.status != StepStatus.Succeeded) {
        return false;
      }
    }
    if (step.branch() != null) {
      StepState condition = state.steps.get(step.branch().condition());
      return condition.properties.path("Outcome").asBoolean() == step.branch().ifBranch();
    }
    return true;
  }

  private void finish() {
    end();
    services
        .completions()
        .complete(state.header.executionArn(), ExecutionSnapshot.of(state, definition));
  }

  private void end() {
    if (state.status == ExecutionStatus.Stopping) {
      record(
          Events.of(Events.EXECUTION_STATUS, now()).put("status", ExecutionStatus.Stopped.name()));
      return;
    }
    Optional<StepState> fail =
        state.steps.values().stream()
            .filter(s -> s.status == StepStatus.Failed)
            .filter(s -> definition.step(s.name).orElseThrow().type() == StepType.FAIL)
            .findFirst();
    if (fail.isPresent()) {
      record(
          Events.of(Events.EXECUTION_STATUS, now())
              .put("status", ExecutionStatus.Failed.name())
              .put("reason", fail.get().failureReason)
              .put("failStep", fail.get().name));
    } else if (anyFailed()) {
      record(
          Events.of(Events.EXECUTION_STATUS, now())
              .put("status", ExecutionStatus.Failed.name())
              .put("reason", STEP_FAILURE));
    } else {
      record(
          Events.of(Events.EXECUTION_STATUS, now())
              .put("status", ExecutionStatus.Succeeded.name()));
    }
  }

  private void launch(StepDefinition step) {
    switch (step.type()) {
      case CONDITION -> runCondition(step);
      case FAIL -> runFail(step);
      case CALLBACK -> startCallback(step);
      default -> launchAttempt(step);
    }
  }

  private ObjectNode started(StepDefinition step, int attempt, @Nullable String jobName) {
    ObjectNode event = Events.step(Events.STEP_STARTED, now(), step.name()).put("attempt", attempt);
    if (jobName != null) {
      event.put("jobName", jobName);
    }
    return event;
  }

  private int nextAttempt(String step) {
    return state.nextAttempt(step);
  }

  private void runCondition(StepDefinition step) {
    record(started(step, nextAttempt(step.name()), null));
    try {
      ExpressionResolver resolver = new ExpressionResolver(context(null));
      boolean outcome = true;
      for (Condition c : step.conditions()) {
        outcome &= c.test(resolver);
      }
      ObjectNode props = JsonNodeFactory.instance.objectNode().put("Outcome", outcome);
      ObjectNode metadata = JsonNodeFactory.instance.objectNode();
      metadata.putObject("Condition").put("Outcome", outcome ? "True" : "False");
      record(
          Events.step(Events.STEP_SUCCEEDED, now(), step.name())
              .<ObjectNode>set("properties", props)
              .set("metadata", metadata));
    } catch (QuiverException e) {
      record(failed(step.name(), FailureType.CLIENT_ERROR, e.getMessage()));
    }
  }

  private void runFail(StepDefinition step) {
    record(started(step, nextAttempt(step.name()), null));
    String message;
    try {
      JsonNode raw = step.arguments().get("ErrorMessage");
      message =
          raw == null
              ? ""
              : ExpressionResolver.text(new ExpressionResolver(context(null)).resolve(raw));
    } catch (QuiverException e) {
      message = e.getMessage();
    }
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.putObject("Fail").put("ErrorMessage", message);
    record(failed(step.name(), FailureType.CLIENT_ERROR, message).set("metadata", metadata));
  }

  private ObjectNode failed(String step, String type, String reason) {
    return Events.step(Events.STEP_FAILED, now(), step)
        .put("reason", reason)
        .put("failureType", type);
  }

  private void startCallback(StepDefinition step) {
    int attempt = nextAttempt(step.name());
    JsonNode resolved;
    try {
      resolved = new ExpressionResolver(context(null)).resolve(step.body());
    } catch (QuiverException e) {
      record(started(step, attempt, null));
      record(failed(step.name(), FailureType.CLIENT_ERROR, e.getMessage()));
      return;
    }
    byte[] bytes = new byte[16];
    TOKENS.nextBytes(bytes);
    String token = java.util.HexFormat.of().formatHex(bytes);
    String queue = resolved.path("SqsQueueUrl").asText();
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.putObject("Callback").put("CallbackToken", token).put("SqsQueueUrl", queue);
    record(started(step, attempt, null).set("metadata", metadata));
    record(Events.step(Events.STEP_CALLBACK, now(), step.name()).put("token", token));
    services.tokens().register(token, this, step.name());
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    message.put("token", token);
    message.set("arguments", resolved.path("Arguments"));
    message.put("pipelineExecutionArn", state.header.executionArn());
    try {
      services.callbacks().send(queue, message);
    } catch (RuntimeException e) {
      LOG.warn("Callback listener failed for step {}: {}", step.name(), e.toString());
    }
  }

  /** Completes a Callback step waiting for {@code token}; durable before it returns. */
  synchronized void completeCallback(
      String step,
      String token,
      @Nullable Map<String, JsonNode> outputs,
      @Nullable String failure) {
    StepState s = state.steps.get(step);
    if (s == null || !s.running() || !token.equals(s.callbackToken)) {
      throw new ValidationException(
          "Cannot complete callback: step '" + step + "' is no longer waiting for this token");
    }
    services.tokens().remove(token);
    if (failure != null) {
      record(failed(step, FailureType.JOB_INTERNAL_ERROR, failure));
    } else {
      StepDefinition def = definition.step(step).orElseThrow();
      StepOutcome outcome;
      try {
        outcome =
            io.quiver.pipelines.step.OutputParameters.outcome(
                def.body().path("OutputParameters"),
                outputs == null ? Map.of() : outputs,
                "Callback",
                Map.of(
                    "CallbackToken",
                    token,
                    "SqsQueueUrl",
                    def.body().path("SqsQueueUrl").asText()));
      } catch (StepFailedException e) {
        record(failed(step, e.failureType(), e.getMessage()));
        schedule();
        throw new ValidationException("Cannot complete callback: " + e.getMessage());
      }
      record(succeeded(step, outcome, null, null));
    }
    schedule();
  }

  private ObjectNode succeeded(
      String step, StepOutcome outcome, @Nullable String cacheKey, @Nullable String cacheSource) {
    ObjectNode event =
        Events.step(Events.STEP_SUCCEEDED, now(), step)
            .<ObjectNode>set("properties", outcome.properties())
            .set("metadata", outcome.metadata());
    event.put("cacheKey", cacheKey);
    event.put("cacheSource", cacheSource);
    return event;
  }

  private void launchAttempt(StepDefinition step) {
    int attempt = nextAttempt(step.name());
    String jobName = jobName(step.name(), attempt);
    JsonNode args;
    JsonNode resolvedStep;
    try {
      ExpressionResolver resolver = new ExpressionResolver(context(jobName));
      resolvedStep = resolver.resolve(step.body());
      args = resolvedStep.path("Arguments");
    } catch (QuiverException e) {
      record(started(step, attempt, jobName));
      record(failed(step.name(), FailureType.CLIENT_ERROR, e.getMessage()));
      return;
    }
    String cacheKey = null;
    if (step.cache().enabled()) {
      cacheKey = StepCache.key(step, args, resolvedStep);
      Optional<StepCache.Entry> hit =
          services
              .cache()
              .find(state.header.pipelineName(), cacheKey, step.cache().expireAfter(), now());
      if (hit.isPresent()) {
        record(started(step, attempt, jobName));
        record(
            succeeded(
                step.name(),
                new StepOutcome(
                    (ObjectNode) hit.get().properties(), (ObjectNode) hit.get().metadata()),
                null,
                hit.get().executionArn()));
        return;
      }
    }
    record(started(step, attempt, jobName));
    StepRunner runner = services.runners().get(step.type());
    if (runner == null) {
      record(
          failed(
              step.name(),
              FailureType.CLIENT_ERROR,
              step.type().wireName() + " steps cannot run in this engine"));
      return;
    }
    AttemptControl control =
        new AttemptControl(
            this,
            step,
            args,
            resolvedStep,
            jobName,
            attempt,
            services.files().workFolder(state.header.executionId(), step.name(), attempt));
    attempts.put(step.name(), control);
    String key = cacheKey;
    try {
      services.stepThreads().execute(() -> runAttempt(runner, control, key));
    } catch (RejectedExecutionException e) {
      attempts.remove(step.name());
      throw new IllegalStateException(
          "Cannot start step " + step.name() + ": the engine is closing", e);
    }
  }

  private String jobName(String step, int attempt) {
    String base = "pipelines-" + state.header.executionId() + "-" + step;
    if (base.length() > 56) {
      base = base.substring(0, 56);
    }
    return base + "-" + attempt;
  }

  private void runAttempt(StepRunner runner, AttemptControl control, @Nullable String cacheKey) {
    String step = control.step().name();
    try {
      control.prepare();
      StepOutcome outcome = runner.run(control);
      synchronized (this) {
        if (closed || attempts.get(step) != control) {
          return;
        }
        attempts.remove(step);
        if (control.stopRequested()) {
          record(Events.step(Events.STEP_STOPPED, now(), step));
        } else {
          record(succeeded(step, outcome, cacheKey, null));
          if (cacheKey != null) {
            StepState s = state.steps.get(step);
            services
                .cache()
                .add(
                    state.header.pipelineName(),
                    cacheKey,
                    new StepCache.Entry(
                        state.header.executionArn(), step, s.endTime, s.properties, s.metadata));
          }
        }
        schedule();
      }
    } catch (StepFailedException e) {
      attemptFailed(control, e.failureType(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Step {} failed unexpectedly", step, e);
      attemptFailed(
          control,
          FailureType.SERVICE_FAULT,
          "Quiver failed while running the step: " + e.getMessage());
    }
  }

  private synchronized void attemptFailed(AttemptControl control, String type, String message) {
    String step = control.step().name();
    if (closed || attempts.get(step) != control) {
      return;
    }
    attempts.remove(step);
    if (control.stopRequested()) {
      record(Events.step(Events.STEP_STOPPED, now(), step));
      schedule();
      return;
    }
    onFailure(step, type, message);
    schedule();
  }

  /** Retries per policy, or fails the step. The monitor is held. */
  private void onFailure(String stepName, String type, String message) {
    StepDefinition step = definition.step(stepName).orElseThrow();
    StepState s = state.steps.get(stepName);
    int retry = s.attempts;
    Duration since = Duration.between(s.firstStartTime == null ? now() : s.firstStartTime, now());
    for (RetryPolicy policy : step.retryPolicies()) {
      if (policy.matches(type)
          && policy.allows(retry, since)
          && state.status == ExecutionStatus.Executing) {
        Duration delay = policy.delayBefore(retry);
        record(
            Events.step(Events.STEP_ATTEMPT_FAILED, now(), stepName)
                .put("attempt", s.attempts)
                .put("reason", message)
                .put("failureType", type)
                .put("retryAfterMillis", delay.toMillis()));
        services.delays().schedule(delay, () -> retryNow(stepName));
        return;
      }
    }
    record(failed(stepName, type, message));
  }

  private synchronized void retryNow(String stepName) {
    StepState s = state.steps.get(stepName);
    if (closed || s == null || !s.retryPending) {
      return;
    }
    if (state.status != ExecutionStatus.Executing) {
      record(Events.step(Events.STEP_STOPPED, now(), stepName));
      schedule();
      return;
    }
    launchAttempt(definition.step(stepName).orElseThrow());
    schedule();
  }

  /** StopPipelineExecution. */
  synchronized void stop() {
    if (state.status != ExecutionStatus.Executing) {
      throw new ValidationException(
          "Cannot stop execution "
              + state.header.executionArn()
              + ": its status is "
              + state.status
              + " (expected: Executing)");
    }
    record(
        Events.of(Events.EXECUTION_STATUS, now()).put("status", ExecutionStatus.Stopping.name()));
    for (StepState s : Set.copyOf(state.steps.values())) {
      if (!s.running()) {
        continue;
      }
      AttemptControl control = attempts.get(s.name);
      if (control != null) {
        control.stop();
      } else {
        if (s.callbackToken != null) {
          services.tokens().remove(s.callbackToken);
          ObjectNode message = JsonNodeFactory.instance.objectNode();
          message.put("token", s.callbackToken).put("status", "Stopping");
          message.put("pipelineExecutionArn", state.header.executionArn());
          try {
            services.callbacks().send(s.metadata.at("/Callback/SqsQueueUrl").asText(), message);
          } catch (RuntimeException e) {
            LOG.warn("Callback listener failed for step {}: {}", s.name, e.toString());
          }
        }
        record(Events.step(Events.STEP_STOPPED, now(), s.name));
      }
    }
    schedule();
  }

  /** RetryPipelineExecution. */
  synchronized void retry() {
    if (state.status != ExecutionStatus.Failed && state.status != ExecutionStatus.Stopped) {
      throw new ValidationException(
          "Cannot retry execution "
              + state.header.executionArn()
              + ": its status is "
              + state.status
              + " (expected: Failed or Stopped)");
    }
    for (StepState s : state.steps.values()) {
      if (s.status == StepStatus.Failed
          && definition.step(s.name).orElseThrow().type() == StepType.FAIL) {
        throw new ValidationException(
            "Cannot retry execution "
                + state.header.executionArn()
                + ": it ended at Fail step '"
                + s.name
                + "', which fails every run");
      }
    }
    record(Events.of(Events.EXECUTION_RETRIED, now()));
    schedule();
  }

  /** Ends running processes without recording anything: the next open recovers them. */
  synchronized void close() {
    closed = true;
    attempts.values().forEach(AttemptControl::stop);
    attempts.clear();
    journal.close();
  }

  synchronized void processStarted(String step, AttemptControl control, Process process) {
    if (closed || attempts.get(step) != control) {
      AttemptControl.destroy(process);
      return;
    }
    record(
        Events.step(Events.STEP_PROCESS, now(), step)
            .put("pid", process.pid())
            .put(
                "processStart", process.info().startInstant().map(Instant::toString).orElse(null)));
  }

  EngineServices services() {
    return services;
  }

  Instant clockNow() {
    return now();
  }

  private ExpressionContext context(@Nullable String jobName) {
    return new RunnerContext(jobName);
  }

  /** Expressions evaluated against this execution; called with the monitor held. */
  private final class RunnerContext implements ExpressionContext {
    private final @Nullable String jobName;

    RunnerContext(@Nullable String jobName) {
      this.jobName = jobName;
    }

    @Override
    public JsonNode parameter(String name) {
      JsonNode value = state.header.parameters().get(name);
      if (value == null) {
        throw new ExpressionException(
            "Cannot resolve Get 'Parameters." + name + "': the execution has no such parameter");
      }
      return value;
    }

    @Override
    public JsonNode executionVariable(String name) {
      ExecutionHeader h = state.header;
      return switch (name) {
        case "PipelineName" -> TextNode.valueOf(h.pipelineName());
        case "PipelineArn" -> TextNode.valueOf(h.pipelineArn());
        case "PipelineExecutionId" -> TextNode.valueOf(h.executionId());
        case "PipelineExecutionArn" -> TextNode.valueOf(h.executionArn());
        case "StartDateTime" -> TextNode.valueOf(h.creationTime().toString());
        case "CurrentDateTime" -> TextNode.valueOf(now().toString());
        case "TrainingJobName", "ProcessingJobName" -> {
          if (jobName == null) {
            throw new ExpressionException(
                "Cannot resolve Get 'Execution." + name + "': the step runs no job");
          }
          yield TextNode.valueOf(jobName);
        }
        default ->
            throw new ExpressionException(
                "Cannot resolve Get 'Execution." + name + "': no such execution variable");
      };
    }

    @Override
    public JsonNode experimentField(String name) {
      String value =
          name.equals("ExperimentName") ? state.header.experimentName() : state.header.trialName();
      if (value == null) {
        throw new ExpressionException(
            "Cannot resolve Get 'PipelineExperimentConfig."
                + name
                + "': the pipeline has no experiment config");
      }
      return TextNode.valueOf(value);
    }

    @Override
    public JsonNode stepProperties(String step) {
      StepState s = state.steps.get(step);
      if (s == null || s.status != StepStatus.Succeeded) {
        throw new ExpressionException(
            "Cannot resolve a property of step '"
                + step
                + "': it has not succeeded in this execution");
      }
      return s.properties;
    }

    @Override
    public byte[] readObject(String uri) {
      try {
        return services.objects().read(uri);
      } catch (RuntimeException e) {
        throw new ExpressionException("Cannot read " + uri + ": " + e.getMessage());
      }
    }
  }
}
