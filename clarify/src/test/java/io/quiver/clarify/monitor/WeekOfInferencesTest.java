package io.quiver.clarify.monitor;

import static io.quiver.clarify.monitor.SyntheticWeek.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.clarify.monitor.report.MonitorHtmlReport;
import io.quiver.clarify.monitor.schedule.MonitoringCatalog;
import io.quiver.clarify.monitor.schedule.ScheduleRunner;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's acceptance test: a week of inference records and late labels with a bias planted on
 * days 5 to 7, evaluated in daily windows by both monitors, finds violations on exactly those days;
 * each window's metrics are those {@code quiver bias} computes on that window's rows.
 */
class WeekOfInferencesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CHECKED = Set.of("CI", "DPL", "DPPL", "RD", "AD");

  @TempDir static Path dir;
  private static SyntheticWeek week;
  private static OfflineHistory offline;
  private static BiasDriftMonitor bias;
  private static DataQualityMonitor quality;
  private static final List<WindowResult> biasResults = new ArrayList<>();
  private static final List<WindowResult> qualityResults = new ArrayList<>();

  @BeforeAll
  static void writeWeek() throws IOException {
    week = new SyntheticWeek(dir.resolve("data")).write(7);
    offline = week.source();
    List<SyntheticWeek.Row> reference = SyntheticWeek.reference(10_000, 3);
    Files.createDirectories(dir.resolve("baseline"));
    CapturedData data = new CapturedData.FeatureGroups(SyntheticWeek.RECORDS, SyntheticWeek.LABELS);
    bias =
        new BiasDriftMonitor(
            Baselines.CONFIG,
            data,
            BiasBaseline.read(Baselines.bias(dir.resolve("baseline"), reference)),
            CHECKED,
            0.1);
    Baseline dq = Baselines.quality(dir.resolve("baseline"), reference);
    quality = new DataQualityMonitor(data, dq);
    MonitorResults results = MonitorResults.at(dir.resolve("results-all"));
    Instant allArrived = SyntheticWeek.afterWeek(Duration.ofDays(3));
    for (int d = 1; d <= SyntheticWeek.DAYS; d++) {
      biasResults.add(results.evaluate("bias", bias, offline, day(d), allArrived));
      qualityResults.add(results.evaluate("quality", quality, offline, day(d), allArrived));
    }
  }

  @AfterAll
  static void close() {
    week.close();
  }

  @Test
  void bothMonitorsFindViolationsOnExactlyTheBiasedDays() {
    MonitorResults results = MonitorResults.at(dir.resolve("results-all"));
    List<Integer> biasDays = new ArrayList<>();
    List<Integer> qualityDays = new ArrayList<>();
    for (int d = 1; d <= SyntheticWeek.DAYS; d++) {
      WindowResult b = biasResults.get(d - 1);
      WindowResult q = qualityResults.get(d - 1);
      assertThat(b.rows()).isEqualTo(SyntheticWeek.ROWS_PER_DAY);
      assertThat(b.labelledRows()).as("every label arrived").isEqualTo(SyntheticWeek.ROWS_PER_DAY);
      if (!b.violations().isEmpty()) {
        biasDays.add(d);
      }
      if (!q.violations().isEmpty()) {
        qualityDays.add(d);
      }
      assertThat(b.status()).isNotEqualTo(WindowResult.FAILED);
    }
    assertThat(biasDays).containsExactly(5, 6, 7);
    assertThat(qualityDays).containsExactly(5, 6, 7);
    List<MonitorResults.Execution> kept = results.list("bias");
    assertThat(kept).hasSize(7);
    assertThat(kept.get(4).result().violations())
        .extracting(MonitorViolation::metric)
        .contains("DPPL", "CI");
    assertThat(results.list("quality").get(5).result().violations())
        .extracting(MonitorViolation::subject)
        .contains("sex", "score");
  }

  @Test
  void windowMetricsEqualQuiverBiasOnTheWindowsRows() throws IOException {
    MonitorResults results = MonitorResults.at(dir.resolve("results-all"));
    for (int d : new int[] {2, 6}) {
      int day = d;
      JsonNode kept =
          JSON.readTree(results.folder("bias", day(d)).resolve(MonitorFiles.ANALYSIS).toFile());
      Path csv = SyntheticWeek.csv(dir.resolve("day" + d + ".csv"), week.rows, r -> r.day() == day);
      JsonNode byHand;
      try (BiasRowSource rows = BiasRowSource.csv(csv, Baselines.CONFIG.columns())) {
        byHand = AnalysisJson.toTree(BiasAnalyzer.analyze(Baselines.CONFIG, rows));
      }
      assertThat(kept).as(SyntheticWeek.dayName(d)).isEqualTo(byHand);
      assertThat(kept.has("post_training_bias_metrics")).isTrue();
    }
  }

  @Test
  void beforeLabelsArriveThePredictionsAreMeasuredAndTheWindowIsEvaluatedAgainLater()
      throws IOException {
    MonitorResults results = MonitorResults.at(dir.resolve("results-late"));
    MonitoringWindow six = day(6);
    // a day after the window: no label of day 6 has arrived (they take two days)
    WindowResult early =
        results.evaluate(
            "bias", bias, offline, six, six.end().plus(Duration.ofDays(1)).minusSeconds(1));
    assertThat(early.failureReason()).isNull();
    assertThat(early.labelledRows()).isZero();
    assertThat(early.violations()).extracting(MonitorViolation::metric).contains("DPL");
    JsonNode first =
        JSON.readTree(results.folder("bias", six).resolve(MonitorFiles.ANALYSIS).toFile());
    assertThat(first.has("post_training_bias_metrics")).isFalse();
    assertThat(first.path("pre_training_bias_metrics").path("label").asText())
        .isEqualTo("prediction");

    // half a day later the first half of the day's labels have arrived
    Instant halfway = six.end().plus(Duration.ofDays(1)).plus(Duration.ofHours(12));
    WindowResult partial = results.evaluate("bias", bias, offline, six, halfway);
    assertThat(partial.labelledRows()).isBetween(700L, 800L);
    Path csv =
        SyntheticWeek.csv(
            dir.resolve("day6-half.csv"),
            week.rows,
            r -> r.day() == 6 && !r.time().plus(SyntheticWeek.LABEL_DELAY).isAfter(halfway));
    try (BiasRowSource rows = BiasRowSource.csv(csv, Baselines.CONFIG.columns())) {
      assertThat(JSON.readTree(results.folder("bias", six).resolve(MonitorFiles.ANALYSIS).toFile()))
          .isEqualTo(AnalysisJson.toTree(BiasAnalyzer.analyze(Baselines.CONFIG, rows)));
    }
    assertThat(results.list("bias"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.evaluations()).isEqualTo(2);
              assertThat(e.result().labelledRows()).isEqualTo(partial.labelledRows());
            });
    assertThat(
            JSON.readTree(results.folder("bias", six).resolve(MonitorFiles.VIOLATIONS).toFile())
                .path("violations")
                .get(0)
                .path("constraint_check_type")
                .asText())
        .isEqualTo("bias_drift_check");
  }

  @Test
  void aDailyScheduleFindsTheBiasedDaysAndPicksUpLateLabels() throws IOException {
    Path base = dir.resolve("baseline");
    Path config = base.resolve("analysis_config.json");
    Files.writeString(
        config,
        """
        {"label": "label", "label_values_or_threshold": [1],
         "facet": [{"name_or_index": "sex", "value_or_threshold": ["F"]}],
         "methods": {"pre_training_bias": {"methods": ["CI", "DPL"]},
                     "post_training_bias": {"methods": ["DPPL", "RD", "AD"]}},
         "bias_drift_tolerance": 0.1}
        """);
    AtomicReference<Instant> clock = new AtomicReference<>(day(1).start());
    MonitoringCatalog catalog =
        MonitoringCatalog.open(dir.resolve("catalog"), "us-east-1", "123456789012", clock::get);
    ObjectNode input =
        (ObjectNode)
            JSON.readTree(
                """
                {"EndpointInput": {"EndpointName": "inferences", "LocalPath": "/opt/ml/processing/input",
                                   "InferenceAttribute": "prediction"},
                 "GroundTruthS3Input": {"S3Uri": "quiver://feature-group/labels"}}
                """);
    ObjectNode biasDefinition = JSON.createObjectNode().put("JobDefinitionName", "loan-bias");
    biasDefinition
        .putObject("ModelBiasAppSpecification")
        .put("ConfigUri", config.toUri().toString());
    biasDefinition
        .putObject("ModelBiasBaselineConfig")
        .putObject("ConstraintsResource")
        .put("S3Uri", base.resolve("bias-baseline.json").toString());
    biasDefinition.set("ModelBiasJobInput", input);
    catalog.createJobDefinition(MonitorType.MODEL_BIAS, biasDefinition);
    ObjectNode qualityDefinition = JSON.createObjectNode().put("JobDefinitionName", "loan-quality");
    ObjectNode baselineConfig = qualityDefinition.putObject("DataQualityBaselineConfig");
    baselineConfig
        .putObject("ConstraintsResource")
        .put("S3Uri", base.resolve("constraints.json").toUri().toString());
    baselineConfig
        .putObject("StatisticsResource")
        .put("S3Uri", base.resolve("statistics.json").toUri().toString());
    ObjectNode qualityInput = input.deepCopy();
    qualityInput.remove("GroundTruthS3Input");
    qualityDefinition.set("DataQualityJobInput", qualityInput);
    catalog.createJobDefinition(MonitorType.DATA_QUALITY, qualityDefinition);
    for (String[] s :
        new String[][] {{"loan-bias", "ModelBias"}, {"loan-quality", "DataQuality"}}) {
      ObjectNode request = JSON.createObjectNode().put("MonitoringScheduleName", s[0]);
      ObjectNode scheduleConfig = request.putObject("MonitoringScheduleConfig");
      scheduleConfig.putObject("ScheduleConfig").put("ScheduleExpression", "cron(0 0 ? * * *)");
      scheduleConfig.put("MonitoringJobDefinitionName", s[0]).put("MonitoringType", s[1]);
      catalog.createSchedule(request);
    }
    ScheduleRunner runner =
        new ScheduleRunner(
            catalog,
            MonitorResults.at(dir.resolve("scheduled")),
            () -> offline,
            Duration.ofDays(3));
    int ticks = 0;
    for (Instant t = day(1).end(); !t.isAfter(SyntheticWeek.afterWeek(Duration.ofDays(3))); ) {
      runner.runDue(t);
      ticks++;
      t = runner.nextWindowEnd(t).orElseThrow();
    }
    assertThat(ticks).isEqualTo(10);
    MonitorResults kept = runner.results();
    assertThat(kept.list("loan-bias"))
        .filteredOn(e -> e.result().rows() > 0)
        .hasSize(7)
        .allSatisfy(
            e -> {
              assertThat(e.result().labelledRows()).isEqualTo(SyntheticWeek.ROWS_PER_DAY);
              // at the window's end (no label), a day later (one label), two days later (all)
              assertThat(e.evaluations()).isEqualTo(3);
            });
    assertThat(kept.list("loan-quality"))
        .filteredOn(e -> e.result().rows() > 0)
        .hasSize(7)
        .allSatisfy(e -> assertThat(e.evaluations()).isEqualTo(1));
    // the days after the week have no records: failed executions, as SageMaker reports them
    assertThat(kept.list("loan-quality"))
        .filteredOn(e -> e.result().rows() == 0)
        .extracting(e -> e.result().status(), e -> e.result().failureReason())
        .containsOnly(tuple(WindowResult.FAILED, "No inference records in the window"))
        .hasSize(3);
    for (String schedule : List.of("loan-bias", "loan-quality")) {
      assertThat(kept.list(schedule))
          .as(schedule)
          .filteredOn(e -> !e.result().violations().isEmpty())
          .extracting(e -> e.result().window())
          .containsExactly(day(5), day(6), day(7));
    }
  }

  @Test
  void theReportDrawsEachMetricOverTheWeekAndChromiumLoadsIt() throws Exception {
    MonitorResults results = MonitorResults.at(dir.resolve("results-all"));
    Path out = Path.of("target", "monitor-report");
    List<io.quiver.wrangler.analyze.chart.Chart> charts =
        MonitorHtmlReport.write("bias", results, out.resolve("bias.html"));
    MonitorHtmlReport.write("quality", results, out.resolve("quality.html"));
    assertThat(charts).extracting(c -> c.id()).contains("monitor-DPPL_sex_F", "monitor-CI_sex_F");
    String html = Files.readString(out.resolve("bias.html"));
    assertThat(html).doesNotContain("<script").contains("CompletedWithViolations");
    assertThat(out.resolve("bias-data").resolve("monitor-DPPL_sex_F.json")).exists();
    JsonNode dppl =
        JSON.readTree(out.resolve("bias-data").resolve("monitor-DPPL_sex_F.json").toFile());
    List<Boolean> violated = new ArrayList<>();
    dppl.path("windows").forEach(w -> violated.add(w.path("violated").asBoolean()));
    assertThat(violated).containsExactly(false, false, false, false, true, true, true);
    HeadlessChromium.assertImagesLoad(
        out.resolve("bias.html"), charts.size(), out.resolve("bias.png"), "1200,1800");
  }

  @Test
  void aWindowWithoutRecordsFailsWithAReason() {
    MonitorResults results = MonitorResults.at(dir.resolve("results-empty"));
    WindowResult r =
        results.evaluate(
            "quality", quality, offline, day(9), SyntheticWeek.afterWeek(Duration.ofDays(5)));
    assertThat(r.status()).isEqualTo(WindowResult.FAILED);
    assertThat(r.failureReason()).isEqualTo("No inference records in the window");
    assertThat(results.folder("quality", day(9)).resolve(MonitorFiles.VIOLATIONS)).doesNotExist();
  }
}
