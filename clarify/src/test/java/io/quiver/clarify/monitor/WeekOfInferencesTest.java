package io.quiver.clarify.monitor;

import static io.quiver.clarify.monitor.SyntheticWeek.day;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.wrangler.analyze.baseline.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  }

  @AfterAll
  static void close() {
    week.close();
  }

  @Test
  void bothMonitorsFindViolationsOnExactlyTheBiasedDays() {
    MonitorResults results = MonitorResults.at(dir.resolve("results-all"));
    Instant allArrived = SyntheticWeek.afterWeek(Duration.ofDays(3));
    List<Integer> biasDays = new ArrayList<>();
    List<Integer> qualityDays = new ArrayList<>();
    for (int d = 1; d <= SyntheticWeek.DAYS; d++) {
      WindowResult b = results.evaluate("bias", bias, offline, day(d), allArrived);
      WindowResult q = results.evaluate("quality", quality, offline, day(d), allArrived);
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
    MonitorResults results = MonitorResults.at(dir.resolve("results-equal"));
    Instant allArrived = SyntheticWeek.afterWeek(Duration.ofDays(3));
    for (int d : new int[] {2, 6}) {
      int day = d;
      results.evaluate("bias", bias, offline, day(d), allArrived);
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
