package io.quiver.pipelines.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.DefinitionParser;
import io.quiver.pipelines.definition.DefinitionRules;
import io.quiver.pipelines.definition.Parameter;
import io.quiver.pipelines.definition.PipelineDefinition;
import io.quiver.pipelines.definition.StepType;
import io.quiver.pipelines.document.JsonDocuments;
import io.quiver.pipelines.expression.ExpressionContext;
import io.quiver.pipelines.expression.ExpressionResolver;
import io.quiver.pipelines.registry.ModelRegistry;
import io.quiver.pipelines.step.ObjectTransfer;
import io.quiver.pipelines.step.StepRunner;
import io.quiver.pipelines.step.StepRunners;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * SageMaker Pipelines on one machine: pipelines, their executions and the model registry, durable
 * in one folder of the data directory. Thread-safe; close it to stop running steps (a later open
 * resumes them).
 *
 * <pre>{@code
 * try (PipelineEngine engine = PipelineEngine.open(PipelineEngineConfig.builder(dir).build())) {
 *   engine.createPipeline(new PipelineSpec("demo", null, null, null, definitionJson, null, Map.of()));
 *   ExecutionSnapshot run = engine.startExecution(ExecutionStart.of("demo", Map.of("MaxMse", "3.0")));
 *   ExecutionSnapshot done = engine.completion(run.header().executionArn()).get();
 * }
 * }</pre>
 */
public final class PipelineEngine implements AutoCloseable {
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final PipelineEngineConfig config;
  private final PipelineFiles files;
  private final EngineServices services;
  private final ModelRegistry registry;
  private final ObjectStoreResolver resolver;
  private final ExecutorService stepThreads;
  private final @Nullable ScheduledExecutorService scheduler;
  private final DefinitionRules rules;
  private final Map<String, PipelineDescription> pipelines = new ConcurrentHashMap<>();
  private final Map<String, ExecutionRunner> executions = new ConcurrentHashMap<>();
  private final Map<String, String> clientTokens = new ConcurrentHashMap<>();
  private final Completions completions = new Completions();
  private final SecureRandom random = new SecureRandom();
  private boolean closed;

  private PipelineEngine(PipelineEngineConfig config) {
    this.config = config;
    this.files = PipelineFiles.open(config.root());
    this.resolver = new ObjectStoreResolver(config.s3());
    this.registry =
        ModelRegistry.open(files.registry(), config.region(), config.account(), config.clock());
    AtomicInteger threadNumber = new AtomicInteger();
    this.stepThreads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "quiver-pipeline-step-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    DelayScheduler delays = config.delays();
    if (delays == null) {
      ScheduledExecutorService s =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "quiver-pipeline-retry");
                t.setDaemon(true);
                return t;
              });
      this.scheduler = s;
      delays = (delay, task) -> s.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      this.scheduler = null;
    }
    ObjectTransfer objects = new ObjectTransfer(resolver);
    Map<StepType, StepRunner> runners =
        StepRunners.create(
            config.builtins(),
            config.lambdaFunctions(),
            config.lambdaTimeout(),
            registry,
            config.sparkSubmit());
    this.services =
        new EngineServices(
            files,
            stepThreads,
            delays,
            config.clock(),
            new StepCache(),
            objects,
            runners,
            config.callbacks(),
            new CallbackTokens(),
            config.region(),
            config.account(),
            completions);
    Map<String, String> unavailable = new java.util.HashMap<>(StepRunners.UNAVAILABLE_IMAGES);
    config.builtins().keySet().forEach(unavailable::remove);
    this.rules =
        new DefinitionRules(
            config.sparkSubmit() != null, unavailable, config.qualityCheckUnavailable());
  }

  /**
   * Opens the engine on {@code config.root()}, resuming executions that were running.
   *
   * @throws io.quiver.storage.error.StorageException if a file there is damaged or of a newer
   *     format
   */
  public static PipelineEngine open(PipelineEngineConfig config) {
    PipelineEngine engine = new PipelineEngine(config);
    try {
      engine.load();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  private void load() {
    for (JsonNode node : files.pipelines()) {
      PipelineDescription p = PipelineDescription.fromJson(node);
      pipelines.put(p.name(), p);
    }
    DefinitionRules lenient = new DefinitionRules(true, Map.of(), "");
    List<ExecutionRunner> unfinished = new ArrayList<>();
    for (String id : files.executionIds()) {
      ExecutionHeader header = ExecutionHeader.fromJson(JsonDocuments.read(files.header(id)));
      ExecutionState state = new ExecutionState(header);
      JournalFile.read(files.journal(id)).forEach(state::apply);
      PipelineDefinition definition = DefinitionParser.parse(header.definition(), lenient);
      ExecutionRunner runner =
          new ExecutionRunner(state, definition, JournalFile.open(files.journal(id)), services);
      executions.put(header.executionArn(), runner);
      for (StepState s : state.steps.values()) {
        if (s.status == StepStatus.Succeeded && s.cacheKey != null && s.cacheSource == null) {
          services
              .cache()
              .add(
                  header.pipelineName(),
                  s.cacheKey,
                  new StepCache.Entry(
                      header.executionArn(), s.name, s.endTime, s.properties, s.metadata));
        }
      }
      if (!state.status.terminal()) {
        unfinished.add(runner);
      }
    }
    unfinished.forEach(ExecutionRunner::recover);
  }

  /** The model registry RegisterModel and Model steps write to. */
  public ModelRegistry registry() {
    return registry;
  }

  /** The rules definitions are checked against in this engine. */
  public DefinitionRules rules() {
    return rules;
  }

  /**
   * Checks {@code definition} without creating anything.
   *
   * @throws io.quiver.pipelines.definition.DefinitionException naming the problem
   */
  public PipelineDefinition validate(String definition) {
    return DefinitionParser.parse(definition, rules);
  }

  /**
   * CreatePipeline.
   *
   * @throws ValidationException if the name or definition is bad
   * @throws ResourceInUseException if a pipeline has the name already
   */
  public synchronized PipelineDescription createPipeline(PipelineSpec spec) {
    checkOpen();
    checkName(spec.name());
    validate(spec.definition());
    if (find(spec.name()).isPresent()) {
      throw new ResourceInUseException(
          "Cannot create pipeline " + spec.name() + ": a pipeline with this name exists");
    }
    checkParallelism(spec.maxParallelSteps());
    Instant now = config.clock().instant();
    PipelineDescription p =
        new PipelineDescription(
            spec.name(),
            arn(spec.name()),
            spec.displayName(),
            spec.description(),
            spec.roleArn(),
            spec.definition(),
            1,
            now,
            now,
            null,
            spec.maxParallelSteps(),
            spec.tags());
    JsonDocuments.write(files.pipeline(p.name()), p.toJson());
    pipelines.put(p.name(), p);
    return p;
  }

  /**
   * UpdatePipeline: every non-null member replaces the pipeline's; a new definition makes a new
   * version. Running executions keep the definition they started with.
   *
   * @throws ResourceNotFoundException if there is no such pipeline
   */
  public synchronized PipelineDescription updatePipeline(
      String nameOrArn,
      @Nullable String displayName,
      @Nullable String description,
      @Nullable String roleArn,
      @Nullable String definition,
      @Nullable Integer maxParallelSteps) {
    checkOpen();
    PipelineDescription old = describePipeline(nameOrArn);
    if (definition != null) {
      validate(definition);
    }
    checkParallelism(maxParallelSteps);
    PipelineDescription p =
        new PipelineDescription(
            old.name(),
            old.arn(),
            displayName != null ? displayName : old.displayName(),
            description != null ? description : old.description(),
            roleArn != null ? roleArn : old.roleArn(),
            definition != null ? definition : old.definition(),
            definition != null ? old.versionId() + 1 : old.versionId(),
            old.creationTime(),
            config.clock().instant(),
            old.lastRunTime(),
            maxParallelSteps != null ? maxParallelSteps : old.maxParallelSteps(),
            old.tags());
    JsonDocuments.write(files.pipeline(p.name()), p.toJson());
    pipelines.put(p.name(), p);
    return p;
  }

  /**
   * DescribePipeline.
   *
   * @throws ResourceNotFoundException if there is no such pipeline
   */
  public PipelineDescription describePipeline(String nameOrArn) {
    return find(nameOrArn)
        .orElseThrow(
            () ->
                new ResourceNotFoundException(
                    "Pipeline "
                        + nameOrArn
                        + " does not exist (expected: a pipeline name or ARN)"));
  }

  /** ListPipelines: every pipeline, by name. */
  public List<PipelineDescription> listPipelines() {
    List<PipelineDescription> out = new ArrayList<>(pipelines.values());
    out.sort(Comparator.comparing(PipelineDescription::name));
    return out;
  }

  /**
   * DeletePipeline: stops its running executions and forgets it and its cache.
   *
   * @return the deleted pipeline's ARN
   * @throws ResourceNotFoundException if there is no such pipeline
   */
  public synchronized String deletePipeline(String nameOrArn) {
    checkOpen();
    PipelineDescription p = describePipeline(nameOrArn);
    for (ExecutionRunner r : executions.values()) {
      if (r.header().pipelineName().equals(p.name())
          && r.snapshot().status() == ExecutionStatus.Executing) {
        r.stop();
      }
    }
    PipelineFiles.delete(files.pipeline(p.name()));
    pipelines.remove(p.name());
    services.cache().forget(p.name());
    return p.arn();
  }

  /**
   * StartPipelineExecution.
   *
   * @throws ResourceNotFoundException if there is no such pipeline
   * @throws ValidationException if a parameter override is unknown or of the wrong type
   */
  public synchronized ExecutionSnapshot startExecution(ExecutionStart start) {
    checkOpen();
    PipelineDescription p = describePipeline(start.pipelineName());
    if (start.clientToken() != null) {
      String earlier = clientTokens.get(p.name() + "\n" + start.clientToken());
      if (earlier != null) {
        return describeExecution(earlier);
      }
    }
    checkParallelism(start.maxParallelSteps());
    PipelineDefinition definition = DefinitionParser.parse(p.definition(), rules);
    ObjectNode parameters = ParameterValues.resolve(definition, start.parameters());
    String id = newExecutionId();
    String arn = p.arn() + "/execution/" + id;
    Instant now = config.clock().instant();
    int parallel =
        start.maxParallelSteps() != null
            ? start.maxParallelSteps()
            : p.maxParallelSteps() != null
                ? p.maxParallelSteps()
                : config.maxParallelStepsDefault();
    String[] experiment = experiment(definition, p, id, arn, parameters, now);
    ExecutionHeader header =
        new ExecutionHeader(
            id,
            arn,
            p.name(),
            p.arn(),
            p.versionId(),
            p.definition(),
            parameters,
            start.displayName(),
            start.description(),
            now,
            parallel,
            experiment[0],
            experiment[1]);
    JsonDocuments.write(files.header(id), header.toJson());
    ExecutionRunner runner =
        new ExecutionRunner(
            new ExecutionState(header), definition, JournalFile.open(files.journal(id)), services);
    executions.put(arn, runner);
    PipelineDescription updated = p.withLastRun(now);
    JsonDocuments.write(files.pipeline(p.name()), updated.toJson());
    pipelines.put(p.name(), updated);
    if (start.clientToken() != null) {
      clientTokens.put(p.name() + "\n" + start.clientToken(), arn);
    }
    runner.start();
    return runner.snapshot();
  }

  /** The experiment name and trial name, SDK defaults when the config is absent. */
  private static String[] experiment(
      PipelineDefinition definition,
      PipelineDescription p,
      String id,
      String arn,
      ObjectNode parameters,
      Instant now) {
    JsonNode config = definition.experimentConfig();
    if (config == null) {
      return new String[] {p.name(), id};
    }
    ExpressionContext context = new StartContext(p, id, arn, parameters, now);
    ExpressionResolver resolver = new ExpressionResolver(context);
    JsonNode e = config.get("ExperimentName");
    JsonNode t = config.get("TrialName");
    return new String[] {
      e == null ? null : ExpressionResolver.text(resolver.resolve(e)),
      t == null ? null : ExpressionResolver.text(resolver.resolve(t))
    };
  }

  /**
   * DescribePipelineExecution.
   *
   * @throws ResourceNotFoundException if there is no such execution
   */
  public ExecutionSnapshot describeExecution(String executionArn) {
    return runner(executionArn).snapshot();
  }

  /** ListPipelineExecutions: the pipeline's executions, newest first. */
  public List<ExecutionSnapshot> listExecutions(String pipelineNameOrArn) {
    PipelineDescription p = describePipeline(pipelineNameOrArn);
    List<ExecutionSnapshot> out = new ArrayList<>();
    for (ExecutionRunner r : executions.values()) {
      if (r.header().pipelineName().equals(p.name())) {
        out.add(r.snapshot());
      }
    }
    out.sort(
        Comparator.comparing((ExecutionSnapshot s) -> s.header().creationTime())
            .thenComparing(s -> s.header().executionId())
            .reversed());
    return out;
  }

  /**
   * StopPipelineExecution.
   *
   * @throws ValidationException if the execution is not executing
   */
  public ExecutionSnapshot stopExecution(String executionArn) {
    checkOpen();
    ExecutionRunner r = runner(executionArn);
    r.stop();
    return r.snapshot();
  }

  /**
   * RetryPipelineExecution: re-runs the failed and stopped steps and what follows them; succeeded
   * steps are not run again.
   *
   * @throws ValidationException if the execution is not Failed or Stopped, or ended at a Fail step
   */
  public ExecutionSnapshot retryExecution(String executionArn) {
    checkOpen();
    ExecutionRunner r = runner(executionArn);
    r.retry();
    return r.snapshot();
  }

  /** The definition an execution runs (DescribePipelineDefinitionForExecution). */
  public String definitionForExecution(String executionArn) {
    return runner(executionArn).header().definition();
  }

  /**
   * SendPipelineExecutionStepSuccess: completes the Callback step waiting for {@code token}.
   *
   * @return the execution's ARN
   * @throws ResourceNotFoundException if no step waits for the token
   */
  public String sendStepSuccess(String token, Map<String, String> outputs) {
    CallbackTokens.Waiting w = waiting(token);
    Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
    outputs.forEach((k, v) -> values.put(k, JsonNodeFactory.instance.textNode(v)));
    w.runner().completeCallback(w.step(), token, values, null);
    return w.runner().header().executionArn();
  }

  /**
   * SendPipelineExecutionStepFailure: fails the Callback step waiting for {@code token}.
   *
   * @return the execution's ARN
   */
  public String sendStepFailure(String token, String reason) {
    CallbackTokens.Waiting w = waiting(token);
    w.runner().completeCallback(w.step(), token, null, reason);
    return w.runner().header().executionArn();
  }

  private CallbackTokens.Waiting waiting(String token) {
    checkOpen();
    return services
        .tokens()
        .find(token)
        .orElseThrow(
            () ->
                new ResourceNotFoundException(
                    "No Callback step is waiting for token "
                        + token
                        + " (it completed, stopped or never existed)"));
  }

  /**
   * A future completed with the execution's snapshot the next time it reaches Succeeded, Failed or
   * Stopped (at once if it is there now).
   */
  public java.util.concurrent.CompletableFuture<ExecutionSnapshot> completion(String executionArn) {
    ExecutionRunner r = runner(executionArn);
    java.util.concurrent.CompletableFuture<ExecutionSnapshot> f =
        completions.register(executionArn);
    ExecutionSnapshot now = r.snapshot();
    if (now.status().terminal()) {
      f.complete(now);
    }
    return f;
  }

  private ExecutionRunner runner(String executionArn) {
    ExecutionRunner r = executions.get(executionArn);
    if (r == null) {
      throw new ResourceNotFoundException(
          "Pipeline execution " + executionArn + " does not exist (expected: an execution ARN)");
    }
    return r;
  }

  private Optional<PipelineDescription> find(String nameOrArn) {
    for (PipelineDescription p : pipelines.values()) {
      if (p.name().equalsIgnoreCase(nameOrArn) || p.arn().equals(nameOrArn)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private String arn(String name) {
    return "arn:aws:sagemaker:"
        + config.region()
        + ":"
        + config.account()
        + ":pipeline/"
        + name.toLowerCase(Locale.ROOT);
  }

  private String newExecutionId() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  private static void checkName(String name) {
    if (!name.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}")) {
      throw new ValidationException(
          "Cannot create pipeline "
              + name
              + ": the name is not allowed (expected: 1 to 256 letters, digits and inner hyphens)");
    }
  }

  private static void checkParallelism(@Nullable Integer max) {
    if (max != null && (max < 1 || max > 1000)) {
      throw new ValidationException(
          "MaxParallelExecutionSteps " + max + " is out of range (expected: 1 to 1000)");
    }
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Cannot use the pipeline engine: it is closed");
    }
  }

  /** Stops running step processes (a later open resumes their executions) and releases threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    executions.values().forEach(ExecutionRunner::close);
    stepThreads.shutdownNow();
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    try {
      stepThreads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    resolver.close();
    completions.cancelAll();
    files.close();
  }

  /** Expressions of {@code PipelineExperimentConfig}, evaluated when an execution starts. */
  private record StartContext(
      PipelineDescription pipeline, String id, String arn, ObjectNode parameters, Instant now)
      implements ExpressionContext {
    @Override
    public JsonNode parameter(String name) {
      return parameters.get(name);
    }

    @Override
    public JsonNode executionVariable(String name) {
      return JsonNodeFactory.instance.textNode(
          switch (name) {
            case "PipelineName" -> pipeline.name();
            case "PipelineArn" -> pipeline.arn();
            case "PipelineExecutionId" -> id;
            case "PipelineExecutionArn" -> arn;
            default -> now.toString();
          });
    }

    @Override
    public JsonNode experimentField(String name) {
      throw new ValidationException(
          "PipelineExperimentConfig cannot refer to PipelineExperimentConfig." + name);
    }

    @Override
    public JsonNode stepProperties(String step) {
      throw new ValidationException("PipelineExperimentConfig cannot refer to step " + step);
    }

    @Override
    public byte[] readObject(String uri) {
      throw new ValidationException("PipelineExperimentConfig cannot read " + uri);
    }
  }

  /** The parameter values of a start: defaults, overridden, each of its declared type. */
  static final class ParameterValues {
    private ParameterValues() {}

    static ObjectNode resolve(PipelineDefinition definition, Map<String, String> overrides) {
      if (overrides.size() > 200) {
        throw new ValidationException(
            "Cannot start the execution: "
                + overrides.size()
                + " parameters (expected: at most 200)");
      }
      for (String name : overrides.keySet()) {
        if (definition.parameter(name).isEmpty()) {
          throw new ValidationException(
              "Cannot start the execution: parameter '"
                  + name
                  + "' is not declared by the pipeline (expected: one of "
                  + definition.parameters().stream().map(Parameter::name).toList()
                  + ")");
        }
      }
      ObjectNode values = JsonNodeFactory.instance.objectNode();
      for (Parameter p : definition.parameters()) {
        String text = overrides.get(p.name());
        JsonNode value;
        if (text != null) {
          value =
              p.type()
                  .parse(text)
                  .orElseThrow(
                      () ->
                          new ValidationException(
                              "Cannot start the execution: parameter '"
                                  + p.name()
                                  + "' is "
                                  + JsonNodeFactory.instance.textNode(text)
                                  + ", not of type "
                                  + p.type().wireName()));
        } else if (p.defaultValue() != null) {
          value = p.defaultValue();
        } else {
          throw new ValidationException(
              "Cannot start the execution: parameter '"
                  + p.name()
                  + "' has no default value and none was given");
        }
        if (!p.enumValues().isEmpty() && !p.enumValues().contains(value)) {
          throw new ValidationException(
              "Cannot start the execution: parameter '"
                  + p.name()
                  + "' is "
                  + value
                  + " (expected: one of "
                  + p.enumValues()
                  + ")");
        }
        values.set(p.name(), value);
      }
      return values;
    }
  }
}
