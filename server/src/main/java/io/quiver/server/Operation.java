package io.quiver.server;

/**
 * An operation the server answers, on either protocol; the unit of throughput limits and metrics.
 * The constant names are SageMaker's operation names, so {@link #name()} is the wire spelling.
 */
public enum Operation {
  PutRecord(true),
  GetRecord(false),
  BatchGetRecord(false),
  DeleteRecord(true),
  CreateFeatureGroup(true),
  DescribeFeatureGroup(false),
  ListFeatureGroups(false),
  DeleteFeatureGroup(true),
  UpdateFeatureGroup(true),
  DescribeFeatureMetadata(false),
  UpdateFeatureMetadata(true),
  Search(false),
  AddTags(true),
  ListTags(false),
  DeleteTags(true),
  // Pipelines and the model registry block on files and on an execution's monitor (which can be
  // held while a step's expressions read S3), so every one of them runs on the worker pool.
  CreatePipeline(true),
  UpdatePipeline(true),
  DescribePipeline(true),
  ListPipelines(true),
  DeletePipeline(true),
  StartPipelineExecution(true),
  DescribePipelineExecution(true),
  ListPipelineExecutions(true),
  ListPipelineExecutionSteps(true),
  ListPipelineParametersForExecution(true),
  StopPipelineExecution(true),
  RetryPipelineExecution(true),
  DescribePipelineDefinitionForExecution(true),
  SendPipelineExecutionStepSuccess(true),
  SendPipelineExecutionStepFailure(true),
  CreateModel(true),
  DescribeModel(true),
  ListModels(true),
  DeleteModel(true),
  CreateModelPackageGroup(true),
  DescribeModelPackageGroup(true),
  ListModelPackageGroups(true),
  DeleteModelPackageGroup(true),
  CreateModelPackage(true),
  DescribeModelPackage(true),
  ListModelPackages(true),
  UpdateModelPackage(true),
  DeleteModelPackage(true),
  // Monitoring reads and writes files and may wait for an evaluation in progress: worker pool.
  CreateDataQualityJobDefinition(true),
  DescribeDataQualityJobDefinition(true),
  ListDataQualityJobDefinitions(true),
  DeleteDataQualityJobDefinition(true),
  CreateModelBiasJobDefinition(true),
  DescribeModelBiasJobDefinition(true),
  ListModelBiasJobDefinitions(true),
  DeleteModelBiasJobDefinition(true),
  CreateMonitoringSchedule(true),
  DescribeMonitoringSchedule(true),
  ListMonitoringSchedules(true),
  ListMonitoringExecutions(true),
  StopMonitoringSchedule(true),
  StartMonitoringSchedule(true),
  DeleteMonitoringSchedule(true);

  private final boolean writes;

  Operation(boolean writes) {
    this.writes = writes;
  }

  /**
   * Whether the operation writes to RocksDB (or otherwise blocks). Writes can wait on the WAL (and
   * on fsync with {@code syncWrites}), so they run on the bounded worker pool; reads are
   * microseconds against the block cache and run on the event loop that decoded them.
   */
  public boolean writes() {
    return writes;
  }
}
