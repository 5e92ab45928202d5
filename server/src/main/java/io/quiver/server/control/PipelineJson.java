package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.server.control.ControlJson.TagJson;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of SageMaker's pipeline operations as Java records (members map through {@code
 * UPPER_CAMEL_CASE}); timestamps are epoch seconds.
 */
final class PipelineJson {
  private PipelineJson() {}

  record ParallelismJson(@Nullable Integer maxParallelExecutionSteps) {}

  record NameValueJson(@Nullable String name, @Nullable String value) {}

  record CreatePipelineRequest(
      @Nullable String pipelineName,
      @Nullable String pipelineDisplayName,
      @Nullable String pipelineDefinition,
      @Nullable JsonNode pipelineDefinitionS3Location,
      @Nullable String pipelineDescription,
      @Nullable String clientRequestToken,
      @Nullable String roleArn,
      @Nullable List<TagJson> tags,
      @Nullable ParallelismJson parallelismConfiguration) {}

  record UpdatePipelineRequest(
      @Nullable String pipelineName,
      @Nullable String pipelineDisplayName,
      @Nullable String pipelineDefinition,
      @Nullable JsonNode pipelineDefinitionS3Location,
      @Nullable String pipelineDescription,
      @Nullable String roleArn,
      @Nullable ParallelismJson parallelismConfiguration) {}

  record PipelineArnResponse(String pipelineArn) {}

  record UpdatePipelineResponse(String pipelineArn, long pipelineVersionId) {}

  record PipelineNameRequest(@Nullable String pipelineName, @Nullable Long pipelineVersionId) {}

  record DescribePipelineResponse(
      String pipelineArn,
      String pipelineName,
      @Nullable String pipelineDisplayName,
      String pipelineDefinition,
      @Nullable String pipelineDescription,
      @Nullable String roleArn,
      String pipelineStatus,
      BigDecimal creationTime,
      BigDecimal lastModifiedTime,
      @Nullable BigDecimal lastRunTime,
      @Nullable ParallelismJson parallelismConfiguration) {}

  record ListPipelinesRequest(
      @Nullable String pipelineNamePrefix,
      @Nullable BigDecimal createdAfter,
      @Nullable BigDecimal createdBefore,
      @Nullable String sortBy,
      @Nullable String sortOrder,
      @Nullable String nextToken,
      @Nullable Integer maxResults) {}

  record PipelineSummaryJson(
      String pipelineArn,
      String pipelineName,
      @Nullable String pipelineDisplayName,
      @Nullable String pipelineDescription,
      @Nullable String roleArn,
      BigDecimal creationTime,
      BigDecimal lastModifiedTime,
      @Nullable BigDecimal lastExecutionTime) {}

  record ListPipelinesResponse(
      List<PipelineSummaryJson> pipelineSummaries, @Nullable String nextToken) {}

  record StartPipelineExecutionRequest(
      @Nullable String pipelineName,
      @Nullable String pipelineExecutionDisplayName,
      @Nullable List<NameValueJson> pipelineParameters,
      @Nullable String pipelineExecutionDescription,
      @Nullable String clientRequestToken,
      @Nullable ParallelismJson parallelismConfiguration,
      @Nullable JsonNode selectiveExecutionConfig) {}

  record ExecutionArnRequest(
      @Nullable String pipelineExecutionArn,
      @Nullable String clientRequestToken,
      @Nullable ParallelismJson parallelismConfiguration,
      @Nullable String nextToken,
      @Nullable Integer maxResults,
      @Nullable String sortOrder) {}

  record ExecutionArnResponse(String pipelineExecutionArn) {}

  record ExperimentConfigJson(@Nullable String experimentName, @Nullable String trialName) {}

  record DescribePipelineExecutionResponse(
      String pipelineArn,
      String pipelineExecutionArn,
      @Nullable String pipelineExecutionDisplayName,
      String pipelineExecutionStatus,
      @Nullable String pipelineExecutionDescription,
      ExperimentConfigJson pipelineExperimentConfig,
      @Nullable String failureReason,
      BigDecimal creationTime,
      BigDecimal lastModifiedTime,
      ParallelismJson parallelismConfiguration,
      long pipelineVersionId) {}

  record ListPipelineExecutionsRequest(
      @Nullable String pipelineName,
      @Nullable BigDecimal createdAfter,
      @Nullable BigDecimal createdBefore,
      @Nullable String sortBy,
      @Nullable String sortOrder,
      @Nullable String nextToken,
      @Nullable Integer maxResults) {}

  record ExecutionSummaryJson(
      String pipelineExecutionArn,
      BigDecimal startTime,
      String pipelineExecutionStatus,
      @Nullable String pipelineExecutionDescription,
      @Nullable String pipelineExecutionDisplayName,
      @Nullable String pipelineExecutionFailureReason) {}

  record ListPipelineExecutionsResponse(
      List<ExecutionSummaryJson> pipelineExecutionSummaries, @Nullable String nextToken) {}

  record CacheHitJson(String sourcePipelineExecutionArn) {}

  record ExecutionStepJson(
      String stepName,
      @Nullable String stepDisplayName,
      @Nullable String stepDescription,
      @Nullable BigDecimal startTime,
      @Nullable BigDecimal endTime,
      String stepStatus,
      @Nullable CacheHitJson cacheHitResult,
      @Nullable String failureReason,
      JsonNode metadata,
      int attemptCount) {}

  record ListPipelineExecutionStepsResponse(
      List<ExecutionStepJson> pipelineExecutionSteps, @Nullable String nextToken) {}

  record ListParametersResponse(
      List<NameValueJson> pipelineParameters, @Nullable String nextToken) {}

  record DefinitionForExecutionResponse(String pipelineDefinition, BigDecimal creationTime) {}

  record StepSuccessRequest(
      @Nullable String callbackToken,
      @Nullable List<NameValueJson> outputParameters,
      @Nullable String clientRequestToken) {}

  record StepFailureRequest(
      @Nullable String callbackToken,
      @Nullable String failureReason,
      @Nullable String clientRequestToken) {}
}
