package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.pipelines.execution.ExecutionSnapshot;
import io.quiver.pipelines.execution.ExecutionStart;
import io.quiver.pipelines.execution.PipelineDescription;
import io.quiver.pipelines.execution.PipelineEngine;
import io.quiver.pipelines.execution.PipelineSpec;
import io.quiver.pipelines.execution.StepSnapshot;
import io.quiver.server.Operation;
import io.quiver.server.control.ControlJson.TagJson;
import io.quiver.server.control.PipelineJson.CacheHitJson;
import io.quiver.server.control.PipelineJson.CreatePipelineRequest;
import io.quiver.server.control.PipelineJson.DefinitionForExecutionResponse;
import io.quiver.server.control.PipelineJson.DescribePipelineExecutionResponse;
import io.quiver.server.control.PipelineJson.DescribePipelineResponse;
import io.quiver.server.control.PipelineJson.ExecutionArnRequest;
import io.quiver.server.control.PipelineJson.ExecutionArnResponse;
import io.quiver.server.control.PipelineJson.ExecutionStepJson;
import io.quiver.server.control.PipelineJson.ExecutionSummaryJson;
import io.quiver.server.control.PipelineJson.ExperimentConfigJson;
import io.quiver.server.control.PipelineJson.ListParametersResponse;
import io.quiver.server.control.PipelineJson.ListPipelineExecutionStepsResponse;
import io.quiver.server.control.PipelineJson.ListPipelineExecutionsRequest;
import io.quiver.server.control.PipelineJson.ListPipelineExecutionsResponse;
import io.quiver.server.control.PipelineJson.ListPipelinesRequest;
import io.quiver.server.control.PipelineJson.ListPipelinesResponse;
import io.quiver.server.control.PipelineJson.NameValueJson;
import io.quiver.server.control.PipelineJson.ParallelismJson;
import io.quiver.server.control.PipelineJson.PipelineArnResponse;
import io.quiver.server.control.PipelineJson.PipelineNameRequest;
import io.quiver.server.control.PipelineJson.PipelineSummaryJson;
import io.quiver.server.control.PipelineJson.StartPipelineExecutionRequest;
import io.quiver.server.control.PipelineJson.StepFailureRequest;
import io.quiver.server.control.PipelineJson.StepSuccessRequest;
import io.quiver.server.control.PipelineJson.UpdatePipelineRequest;
import io.quiver.server.control.PipelineJson.UpdatePipelineResponse;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SageMaker's pipeline operations over a {@link PipelineEngine}: CreatePipeline through
 * SendPipelineExecutionStepFailure. Stateless.
 */
final class PipelineOperations {
  private final PipelineEngine engine;

  private PipelineOperations(PipelineEngine engine) {
    this.engine = engine;
  }

  /** Adds the pipeline operations on {@code engine} to {@code handlers}. */
  static void register(Map<Operation, ControlHandler<?>> handlers, PipelineEngine engine) {
    PipelineOperations ops = new PipelineOperations(engine);
    handlers.put(
        Operation.CreatePipeline, new FunctionHandler<>(CreatePipelineRequest.class, ops::create));
    handlers.put(
        Operation.UpdatePipeline, new FunctionHandler<>(UpdatePipelineRequest.class, ops::update));
    handlers.put(
        Operation.DescribePipeline,
        new FunctionHandler<>(PipelineNameRequest.class, ops::describe));
    handlers.put(
        Operation.ListPipelines, new FunctionHandler<>(ListPipelinesRequest.class, ops::list));
    handlers.put(
        Operation.DeletePipeline, new FunctionHandler<>(PipelineNameRequest.class, ops::delete));
    handlers.put(
        Operation.StartPipelineExecution,
        new FunctionHandler<>(StartPipelineExecutionRequest.class, ops::start));
    handlers.put(
        Operation.DescribePipelineExecution,
        new FunctionHandler<>(ExecutionArnRequest.class, ops::describeExecution));
    handlers.put(
        Operation.ListPipelineExecutions,
        new FunctionHandler<>(ListPipelineExecutionsRequest.class, ops::listExecutions));
    handlers.put(
        Operation.ListPipelineExecutionSteps,
        new FunctionHandler<>(ExecutionArnRequest.class, ops::listSteps));
    handlers.put(
        Operation.ListPipelineParametersForExecution,
        new FunctionHandler<>(ExecutionArnRequest.class, ops::listParameters));
    handlers.put(
        Operation.StopPipelineExecution,
        new FunctionHandler<>(
            ExecutionArnRequest.class,
            r ->
                arnOf(
                    engine.stopExecution(
                        required(r.pipelineExecutionArn(), "PipelineExecutionArn")))));
    handlers.put(
        Operation.RetryPipelineExecution,
        new FunctionHandler<>(
            ExecutionArnRequest.class,
            r ->
                arnOf(
                    engine.retryExecution(
                        required(r.pipelineExecutionArn(), "PipelineExecutionArn")))));
    handlers.put(
        Operation.DescribePipelineDefinitionForExecution,
        new FunctionHandler<>(ExecutionArnRequest.class, ops::definition));
    handlers.put(
        Operation.SendPipelineExecutionStepSuccess,
        new FunctionHandler<>(StepSuccessRequest.class, ops::success));
    handlers.put(
        Operation.SendPipelineExecutionStepFailure,
        new FunctionHandler<>(StepFailureRequest.class, ops::failure));
  }

  static <T> T required(@Nullable T value, String member) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      throw new ValidationException(
          "1 validation error detected: Value null at '"
              + Character.toLowerCase(member.charAt(0))
              + member.substring(1)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  static BigDecimal seconds(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .add(BigDecimal.valueOf(time.getNano(), 9))
        .stripTrailingZeros();
  }

  static @Nullable BigDecimal secondsOrNull(@Nullable Instant time) {
    return time == null ? null : seconds(time);
  }

  private static @Nullable Integer parallelism(@Nullable ParallelismJson p) {
    return p == null ? null : p.maxParallelExecutionSteps();
  }

  private static void noS3Definition(@Nullable JsonNode location) {
    if (location != null && !location.isNull()) {
      throw new ValidationException(
          "Cannot read PipelineDefinitionS3Location: give the definition inline as PipelineDefinition");
    }
  }

  private Object create(CreatePipelineRequest r) {
    noS3Definition(r.pipelineDefinitionS3Location());
    Map<String, String> tags = new LinkedHashMap<>();
    if (r.tags() != null) {
      for (TagJson t : r.tags()) {
        tags.put(required(t.key(), "Tags.member.Key"), t.value() == null ? "" : t.value());
      }
    }
    PipelineDescription p =
        engine.createPipeline(
            new PipelineSpec(
                required(r.pipelineName(), "PipelineName"),
                r.pipelineDisplayName(),
                r.pipelineDescription(),
                r.roleArn(),
                required(r.pipelineDefinition(), "PipelineDefinition"),
                parallelism(r.parallelismConfiguration()),
                tags));
    return new PipelineArnResponse(p.arn());
  }

  private Object update(UpdatePipelineRequest r) {
    noS3Definition(r.pipelineDefinitionS3Location());
    PipelineDescription p =
        engine.updatePipeline(
            required(r.pipelineName(), "PipelineName"),
            r.pipelineDisplayName(),
            r.pipelineDescription(),
            r.roleArn(),
            r.pipelineDefinition(),
            parallelism(r.parallelismConfiguration()));
    return new UpdatePipelineResponse(p.arn(), p.versionId());
  }

  private Object describe(PipelineNameRequest r) {
    PipelineDescription p = engine.describePipeline(required(r.pipelineName(), "PipelineName"));
    if (r.pipelineVersionId() != null && r.pipelineVersionId() != p.versionId()) {
      throw new ValidationException(
          "Cannot describe version "
              + r.pipelineVersionId()
              + " of pipeline "
              + p.name()
              + " (expected: the current version, "
              + p.versionId()
              + ")");
    }
    return new DescribePipelineResponse(
        p.arn(),
        p.name(),
        p.displayName(),
        p.definition(),
        p.description(),
        p.roleArn(),
        "Active",
        seconds(p.creationTime()),
        seconds(p.lastModifiedTime()),
        secondsOrNull(p.lastRunTime()),
        p.maxParallelSteps() == null ? null : new ParallelismJson(p.maxParallelSteps()));
  }

  private Object list(ListPipelinesRequest r) {
    List<PipelineDescription> all = new ArrayList<>(engine.listPipelines());
    all.removeIf(
        p ->
            (r.pipelineNamePrefix() != null && !p.name().startsWith(r.pipelineNamePrefix()))
                || (r.createdAfter() != null
                    && seconds(p.creationTime()).compareTo(r.createdAfter()) <= 0)
                || (r.createdBefore() != null
                    && seconds(p.creationTime()).compareTo(r.createdBefore()) >= 0));
    Comparator<PipelineDescription> order =
        "Name".equals(r.sortBy())
            ? Comparator.comparing(PipelineDescription::name)
            : Comparator.comparing(PipelineDescription::creationTime);
    all.sort("Ascending".equals(r.sortOrder()) ? order : order.reversed());
    OffsetPage<PipelineDescription> page =
        OffsetPage.of(all, r.maxResults(), r.nextToken(), 10, "pipelines");
    List<PipelineSummaryJson> out = new ArrayList<>();
    for (PipelineDescription p : page.items()) {
      out.add(
          new PipelineSummaryJson(
              p.arn(),
              p.name(),
              p.displayName(),
              p.description(),
              p.roleArn(),
              seconds(p.creationTime()),
              seconds(p.lastModifiedTime()),
              secondsOrNull(p.lastRunTime())));
    }
    return new ListPipelinesResponse(out, page.nextToken());
  }

  private Object delete(PipelineNameRequest r) {
    return new PipelineArnResponse(
        engine.deletePipeline(required(r.pipelineName(), "PipelineName")));
  }

  private Object start(StartPipelineExecutionRequest r) {
    if (r.selectiveExecutionConfig() != null && !r.selectiveExecutionConfig().isNull()) {
      throw new ValidationException(
          "Cannot start the execution: SelectiveExecutionConfig is not supported (retry a failed execution instead)");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (r.pipelineParameters() != null) {
      for (NameValueJson p : r.pipelineParameters()) {
        parameters.put(
            required(p.name(), "PipelineParameters.member.Name"),
            p.value() == null ? "" : p.value());
      }
    }
    ExecutionSnapshot s =
        engine.startExecution(
            new ExecutionStart(
                required(r.pipelineName(), "PipelineName"),
                r.pipelineExecutionDisplayName(),
                r.pipelineExecutionDescription(),
                parameters,
                parallelism(r.parallelismConfiguration()),
                r.clientRequestToken()));
    return arnOf(s);
  }

  private static ExecutionArnResponse arnOf(ExecutionSnapshot s) {
    return new ExecutionArnResponse(s.header().executionArn());
  }

  private ExecutionSnapshot execution(ExecutionArnRequest r) {
    return engine.describeExecution(required(r.pipelineExecutionArn(), "PipelineExecutionArn"));
  }

  private Object describeExecution(ExecutionArnRequest r) {
    ExecutionSnapshot s = execution(r);
    return new DescribePipelineExecutionResponse(
        s.header().pipelineArn(),
        s.header().executionArn(),
        s.header().displayName(),
        s.status().name(),
        s.header().description(),
        new ExperimentConfigJson(s.header().experimentName(), s.header().trialName()),
        s.failureReason(),
        seconds(s.header().creationTime()),
        seconds(s.lastModifiedTime()),
        new ParallelismJson(s.header().maxParallelSteps()),
        s.header().pipelineVersionId());
  }

  private Object listExecutions(ListPipelineExecutionsRequest r) {
    List<ExecutionSnapshot> all =
        new ArrayList<>(engine.listExecutions(required(r.pipelineName(), "PipelineName")));
    all.removeIf(
        s ->
            (r.createdAfter() != null
                    && seconds(s.header().creationTime()).compareTo(r.createdAfter()) <= 0)
                || (r.createdBefore() != null
                    && seconds(s.header().creationTime()).compareTo(r.createdBefore()) >= 0));
    if ("Ascending".equals(r.sortOrder())) {
      java.util.Collections.reverse(all);
    }
    OffsetPage<ExecutionSnapshot> page =
        OffsetPage.of(all, r.maxResults(), r.nextToken(), 10, "pipeline executions");
    List<ExecutionSummaryJson> out = new ArrayList<>();
    for (ExecutionSnapshot s : page.items()) {
      out.add(
          new ExecutionSummaryJson(
              s.header().executionArn(),
              seconds(s.header().creationTime()),
              s.status().name(),
              s.header().description(),
              s.header().displayName(),
              s.failureReason()));
    }
    return new ListPipelineExecutionsResponse(out, page.nextToken());
  }

  private Object listSteps(ExecutionArnRequest r) {
    List<StepSnapshot> steps = new ArrayList<>(execution(r).steps());
    Comparator<StepSnapshot> byStart =
        Comparator.comparing(
            (StepSnapshot s) -> s.startTime() == null ? Instant.EPOCH : s.startTime());
    steps.sort("Ascending".equals(r.sortOrder()) ? byStart : byStart.reversed());
    OffsetPage<StepSnapshot> page =
        OffsetPage.of(steps, r.maxResults(), r.nextToken(), 50, "pipeline execution steps");
    List<ExecutionStepJson> out = new ArrayList<>();
    for (StepSnapshot s : page.items()) {
      out.add(
          new ExecutionStepJson(
              s.name(),
              s.displayName(),
              s.description(),
              secondsOrNull(s.startTime()),
              secondsOrNull(s.endTime()),
              s.status().name(),
              s.cacheSource() == null ? null : new CacheHitJson(s.cacheSource()),
              s.failureReason(),
              s.metadata(),
              s.attempts()));
    }
    return new ListPipelineExecutionStepsResponse(out, page.nextToken());
  }

  private Object listParameters(ExecutionArnRequest r) {
    List<NameValueJson> all = new ArrayList<>();
    execution(r)
        .header()
        .parameters()
        .fields()
        .forEachRemaining(
            e ->
                all.add(
                    new NameValueJson(
                        e.getKey(),
                        io.quiver.pipelines.expression.ExpressionResolver.text(e.getValue()))));
    OffsetPage<NameValueJson> page =
        OffsetPage.of(all, r.maxResults(), r.nextToken(), 50, "pipeline parameters");
    return new ListParametersResponse(page.items(), page.nextToken());
  }

  private Object definition(ExecutionArnRequest r) {
    ExecutionSnapshot s = execution(r);
    return new DefinitionForExecutionResponse(
        engine.definitionForExecution(s.header().executionArn()),
        seconds(s.header().creationTime()));
  }

  private Object success(StepSuccessRequest r) {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (r.outputParameters() != null) {
      for (NameValueJson p : r.outputParameters()) {
        outputs.put(
            required(p.name(), "OutputParameters.member.Name"), p.value() == null ? "" : p.value());
      }
    }
    return new ExecutionArnResponse(
        engine.sendStepSuccess(required(r.callbackToken(), "CallbackToken"), outputs));
  }

  private Object failure(StepFailureRequest r) {
    return new ExecutionArnResponse(
        engine.sendStepFailure(
            required(r.callbackToken(), "CallbackToken"),
            r.failureReason() == null ? "" : r.failureReason()));
  }
}
