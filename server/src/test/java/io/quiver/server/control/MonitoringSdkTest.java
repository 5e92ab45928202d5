package io.quiver.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.server.ServerFixture;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.profile.ProfileListener;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import io.quiver.wrangler.source.SourceOptions;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelBiasJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.ExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;

/**
 * Model Monitor's schedule and job-definition calls through the real AWS SDK for Java v2 {@link
 * SageMakerClient}: definitions and schedules are created, described, listed, stopped and deleted,
 * and a window the server ran shows as an execution with its violations on {@code /metrics}.
 */
class MonitoringSdkTest {
  @TempDir static Path dataDir;
  @TempDir static Path files;
  static ServerFixture fixture;
  static SageMakerClient sm;

  @BeforeAll
  static void start() throws Exception {
    fixture = ServerFixture.start(dataDir);
    sm = fixture.control();
    Path csv = files.resolve("reference.csv");
    StringBuilder text = new StringBuilder("sex,age,prediction,label\n");
    Random random = new Random(5);
    for (int i = 0; i < 400; i++) {
      long label = random.nextBoolean() ? 1 : 0;
      text.append(i % 2 == 0 ? "F" : "M")
          .append(',')
          .append(20 + random.nextInt(40))
          .append(',')
          .append(label)
          .append(',')
          .append(label)
          .append('\n');
    }
    Files.writeString(csv, text);
    BiasConfig config =
        BiasConfig.builder()
            .label("label", ValueSelector.anyOf("1"))
            .facet("sex", ValueSelector.anyOf("F"))
            .predictedLabel("prediction")
            .build();
    try (BiasRowSource rows = BiasRowSource.csv(csv, config.columns());
        OutputStream out = Files.newOutputStream(files.resolve("bias-baseline.json"))) {
      AnalysisJson.write(BiasAnalyzer.analyze(config, rows), out);
    }
    try (BatchSource rows = BatchSource.files(csv.toString(), SourceOptions.defaults(), 1000)) {
      Baseline.suggest(Profiler.profile(rows, ProfileOptions.defaults(), ProfileListener.NONE))
          .write(files);
    }
    Files.writeString(
        files.resolve("analysis_config.json"),
        """
        {"label": "label", "label_values_or_threshold": [1],
         "facet": [{"name_or_index": "sex", "value_or_threshold": ["F"]}],
         "methods": {"post_training_bias": {"methods": ["DPPL"]}},
         "bias_drift_tolerance": 0.1}
        """);
  }

  @AfterAll
  static void stop() {
    sm.close();
    fixture.close();
  }

  @Test
  void jobDefinitionsAreCreatedDescribedListedAndDeleted() {
    String arn =
        sm.createModelBiasJobDefinition(b -> biasDefinition(b, "churn-bias", "churn-inferences"))
            .jobDefinitionArn();
    assertThat(arn)
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:model-bias-job-definition/churn-bias");
    DescribeModelBiasJobDefinitionResponse described =
        sm.describeModelBiasJobDefinition(b -> b.jobDefinitionName("churn-bias"));
    assertThat(described.jobDefinitionArn()).isEqualTo(arn);
    assertThat(described.modelBiasJobInput().endpointInput().endpointName())
        .isEqualTo("churn-inferences");
    assertThat(described.modelBiasJobInput().groundTruthS3Input().s3Uri())
        .isEqualTo("quiver://feature-group/churn-labels");
    assertThat(described.creationTime()).isCloseTo(Instant.now(), within());
    assertThat(
            sm.listModelBiasJobDefinitions(b -> b.nameContains("churn")).jobDefinitionSummaries())
        .extracting(s -> s.monitoringJobDefinitionName(), s -> s.endpointName())
        .containsExactly(org.assertj.core.api.Assertions.tuple("churn-bias", "churn-inferences"));
    assertThatThrownBy(
            () ->
                sm.createModelBiasJobDefinition(
                    b -> biasDefinition(b, "churn-bias", "churn-inferences")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(
            () ->
                sm.createDataQualityJobDefinition(
                    b ->
                        b.jobDefinitionName("no-baseline")
                            .dataQualityBaselineConfig(
                                c ->
                                    c.constraintsResource(
                                            r -> r.s3Uri(files.resolve("nope.json").toString()))
                                        .statisticsResource(
                                            r -> r.s3Uri(files.resolve("nope.json").toString())))
                            .dataQualityJobInput(i -> i.endpointInput(e -> e.endpointName("x")))))
        .isInstanceOf(SageMakerException.class)
        .hasMessageContaining("nope.json");
    sm.deleteModelBiasJobDefinition(b -> b.jobDefinitionName("churn-bias"));
    assertThatThrownBy(
            () -> sm.describeModelBiasJobDefinition(b -> b.jobDefinitionName("churn-bias")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void schedulesRunWindowsAndReportExecutionsAndGauges() throws Exception {
    fixture
        .store()
        .createFeatureGroup(
            FeatureGroupSpec.builder("loan-inferences")
                .recordIdentifier("inference_id")
                .eventTime("event_time")
                .feature("inference_id", FeatureType.STRING)
                .feature("event_time", FeatureType.STRING)
                .feature("sex", FeatureType.STRING)
                .feature("age", FeatureType.INTEGRAL)
                .feature("prediction", FeatureType.INTEGRAL)
                .onlineStore(OnlineStoreConfig.enabled())
                .offlineStore(OfflineStoreConfig.storeDefault())
                .build());
    fixture
        .store()
        .createFeatureGroup(
            FeatureGroupSpec.builder("loan-labels")
                .recordIdentifier("inference_id")
                .eventTime("arrived")
                .feature("inference_id", FeatureType.STRING)
                .feature("arrived", FeatureType.STRING)
                .feature("label", FeatureType.INTEGRAL)
                .onlineStore(OnlineStoreConfig.enabled())
                .offlineStore(OfflineStoreConfig.storeDefault())
                .build());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Random random = new Random(9);
    for (int i = 0; i < 200; i++) {
      boolean female = i % 2 == 0;
      long label = random.nextBoolean() ? 1 : 0;
      // the model turns down every F: a bias the DPPL check sees
      long prediction = female ? 0 : label;
      fixture
          .store()
          .putRecord(
              "loan-inferences",
              Record.builder()
                  .set("inference_id", "r" + i)
                  .set("event_time", now.toString())
                  .set("sex", female ? "F" : "M")
                  .set("age", 20L + random.nextInt(40))
                  .set("prediction", prediction)
                  .build());
      fixture
          .store()
          .putRecord(
              "loan-labels",
              Record.builder()
                  .set("inference_id", "r" + i)
                  .set("arrived", now.toString())
                  .set("label", label)
                  .build());
    }
    sm.createModelBiasJobDefinition(b -> biasDefinition(b, "loan-bias", "loan-inferences"));
    sm.createDataQualityJobDefinition(
        b ->
            b.jobDefinitionName("loan-quality")
                .dataQualityBaselineConfig(
                    c ->
                        c.constraintsResource(
                                r -> r.s3Uri(files.resolve("constraints.json").toUri().toString()))
                            .statisticsResource(
                                r -> r.s3Uri(files.resolve("statistics.json").toUri().toString())))
                .dataQualityAppSpecification(a -> a.imageUri("quiver:model-monitor"))
                .dataQualityJobInput(
                    i ->
                        i.endpointInput(
                            e -> e.endpointName("loan-inferences").localPath("/opt/ml/input")))
                .roleArn("arn:aws:iam::123456789012:role/monitor"));
    for (String[] s :
        new String[][] {{"loan-bias", "ModelBias"}, {"loan-quality", "DataQuality"}}) {
      String arn =
          sm.createMonitoringSchedule(
                  b ->
                      b.monitoringScheduleName(s[0])
                          .monitoringScheduleConfig(
                              c ->
                                  c.scheduleConfig(e -> e.scheduleExpression("cron(0 * ? * * *)"))
                                      .monitoringJobDefinitionName(s[0])
                                      .monitoringType(s[1])))
              .monitoringScheduleArn();
      assertThat(arn).endsWith(":monitoring-schedule/" + s[0]);
    }
    assertThatThrownBy(
            () ->
                sm.createMonitoringSchedule(
                    b ->
                        b.monitoringScheduleName("bad-cron")
                            .monitoringScheduleConfig(
                                c ->
                                    c.scheduleConfig(e -> e.scheduleExpression("rate(5 minutes)"))
                                        .monitoringJobDefinitionName("loan-bias")
                                        .monitoringType(MonitoringType.MODEL_BIAS))))
        .isInstanceOf(SageMakerException.class)
        .hasMessageContaining("cron(0 * ? * * *)");
    assertThatThrownBy(() -> sm.deleteModelBiasJobDefinition(b -> b.jobDefinitionName("loan-bias")))
        .isInstanceOf(ResourceInUseException.class);

    // the server's scheduler would run this at the end of the hour; run that tick now
    Instant hourEnd = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    assertThat(fixture.server().monitoring().runner().runDue(hourEnd)).hasSize(2);

    DescribeMonitoringScheduleResponse bias =
        sm.describeMonitoringSchedule(b -> b.monitoringScheduleName("loan-bias"));
    assertThat(bias.monitoringScheduleStatus()).isEqualTo(ScheduleStatus.SCHEDULED);
    assertThat(bias.monitoringType()).isEqualTo(MonitoringType.MODEL_BIAS);
    assertThat(bias.monitoringScheduleConfig().scheduleConfig().scheduleExpression())
        .isEqualTo("cron(0 * ? * * *)");
    assertThat(bias.lastMonitoringExecutionSummary().monitoringExecutionStatus())
        .isEqualTo(ExecutionStatus.COMPLETED_WITH_VIOLATIONS);
    assertThat(bias.lastMonitoringExecutionSummary().scheduledTime()).isEqualTo(hourEnd);

    List<MonitoringExecutionSummary> executions =
        sm.listMonitoringExecutions(b -> b.monitoringScheduleName("loan-quality"))
            .monitoringExecutionSummaries();
    assertThat(executions)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.scheduledTime()).isEqualTo(hourEnd);
              assertThat(e.monitoringType()).isEqualTo(MonitoringType.DATA_QUALITY);
              assertThat(e.monitoringExecutionStatus())
                  .isIn(ExecutionStatus.COMPLETED, ExecutionStatus.COMPLETED_WITH_VIOLATIONS);
            });
    assertThat(sm.listMonitoringExecutions(b -> b.maxResults(10)).monitoringExecutionSummaries())
        .hasSize(2);
    assertThat(
            sm.listMonitoringSchedules(b -> b.monitoringTypeEquals(MonitoringType.DATA_QUALITY))
                .monitoringScheduleSummaries())
        .extracting(s -> s.monitoringScheduleName(), s -> s.endpointName())
        .containsExactly(org.assertj.core.api.Assertions.tuple("loan-quality", "loan-inferences"));

    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains("quiver_monitor_violations{monitor=\"loan-bias\",type=\"ModelBias\"} 1.0")
        .contains(
            "quiver_monitor_metric{monitor=\"loan-bias\",type=\"ModelBias\",metric=\"DPPL\",subject=\"sex=F\"}");

    // the CLI reads the same results while the server runs
    java.io.StringWriter text = new java.io.StringWriter();
    picocli.CommandLine cli = io.quiver.server.cli.QuiverCommand.newCommandLine();
    cli.setOut(new java.io.PrintWriter(text, true));
    assertThat(
            cli.execute(
                "monitor",
                "executions",
                "--data-dir",
                dataDir.toString(),
                "--schedule",
                "loan-bias"))
        .isZero();
    assertThat(text.toString()).contains("CompletedWithViolations").contains("200");
    Path report = files.resolve("loan-bias.html");
    assertThat(
            cli.execute(
                "monitor",
                "report",
                "--data-dir",
                dataDir.toString(),
                "--schedule",
                "loan-bias",
                "--out",
                report.toString()))
        .isZero();
    assertThat(Files.readString(report)).contains("DPPL sex=F per window");
    int status =
        cli.execute(
            "monitor",
            "run",
            "--data-dir",
            dataDir.toString(),
            "--schedule",
            "loan-bias",
            "--account",
            "123456789012",
            "--window",
            hourEnd.minus(Duration.ofHours(1)) + "/" + hourEnd);
    assertThat(status).as(text.toString()).isEqualTo(2);

    sm.stopMonitoringSchedule(b -> b.monitoringScheduleName("loan-bias"));
    assertThat(
            sm.describeMonitoringSchedule(b -> b.monitoringScheduleName("loan-bias"))
                .monitoringScheduleStatus())
        .isEqualTo(ScheduleStatus.STOPPED);
    assertThat(fixture.server().monitoring().runner().runDue(hourEnd.plus(Duration.ofHours(1))))
        .extracting(r -> r.schedule())
        .containsOnly("loan-quality");
    sm.deleteMonitoringSchedule(b -> b.monitoringScheduleName("loan-bias"));
    assertThatThrownBy(
            () -> sm.describeMonitoringSchedule(b -> b.monitoringScheduleName("loan-bias")))
        .isInstanceOf(ResourceNotFoundException.class);
    sm.deleteModelBiasJobDefinition(b -> b.jobDefinitionName("loan-bias"));
  }

  private static void biasDefinition(
      software.amazon.awssdk.services.sagemaker.model.CreateModelBiasJobDefinitionRequest.Builder b,
      String name,
      String group) {
    b.jobDefinitionName(name)
        .modelBiasAppSpecification(
            a ->
                a.imageUri("quiver:clarify")
                    .configUri(files.resolve("analysis_config.json").toUri().toString()))
        .modelBiasBaselineConfig(
            c ->
                c.constraintsResource(
                    r -> r.s3Uri(files.resolve("bias-baseline.json").toUri().toString())))
        .modelBiasJobInput(
            i ->
                i.endpointInput(
                        e ->
                            e.endpointName(group)
                                .localPath("/opt/ml/processing/input")
                                .inferenceAttribute("prediction"))
                    .groundTruthS3Input(
                        g ->
                            g.s3Uri(
                                "quiver://feature-group/" + group.replace("inferences", "labels"))))
        .modelBiasJobOutputConfig(
            o ->
                o.monitoringOutputs(
                    m ->
                        m.s3Output(
                            s -> s.s3Uri("s3://bucket/monitoring").localPath("/opt/ml/output"))))
        .jobResources(
            r ->
                r.clusterConfig(
                    c -> c.instanceCount(1).instanceType("ml.m5.xlarge").volumeSizeInGB(20)))
        .roleArn("arn:aws:iam::123456789012:role/monitor");
  }

  private static org.assertj.core.data.TemporalUnitOffset within() {
    return org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES);
  }
}
