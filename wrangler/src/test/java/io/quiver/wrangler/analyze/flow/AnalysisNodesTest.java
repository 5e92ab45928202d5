package io.quiver.wrangler.analyze.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.wrangler.analyze.Analysis;
import io.quiver.wrangler.analyze.AnalysisOptions.ChartRequest;
import io.quiver.wrangler.analyze.Analyzer;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ProfileListener;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's analysis nodes: parameters read, and each analysis over the rows reaching its node. */
class AnalysisNodesTest {
  @TempDir Path dir;

  /**
   * 20 customers: amount 1..19 on rows 0..18, missing on row 19; churned when amount > 10 (rows
   * 10..18, 9 of them); plan "gold" exactly for the churned; city paris (even rows, 10), lyon (rows
   * 1, 5, 9, ...: 5), nice (rows 3, 7, 11, ...: 5).
   */
  static Path customers(Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("id,amount,city,plan,churned\n");
    for (int i = 0; i < 20; i++) {
      String amount = i < 19 ? Integer.toString(i + 1) : "";
      boolean churned = i < 19 && i + 1 > 10;
      String city = i % 2 == 0 ? "paris" : i % 4 == 1 ? "lyon" : "nice";
      csv.append("c")
          .append(i)
          .append(',')
          .append(amount)
          .append(',')
          .append(city)
          .append(',')
          .append(churned ? "gold" : "basic")
          .append(',')
          .append(churned ? "yes" : "no")
          .append('\n');
    }
    Path file = dir.resolve("customers.csv");
    Files.writeString(file, csv);
    return file;
  }

  static String transform(String id, String from, String operator, String parameters) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"TRANSFORM\", \"operator\": \"sagemaker.spark."
        + operator
        + "_0.1\", \"parameters\": "
        + parameters
        + ", \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}], \"outputs\": [{\"name\": \"default\"}]}";
  }

  static String analysis(String id, String from, String family, String parameters) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"VISUALIZATION\", \"operator\": \"sagemaker.visualizations."
        + family
        + "_0.1\", \"parameters\": "
        + parameters
        + ", \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}], \"outputs\": [{\"name\": \"default\"}]}";
  }

  /**
   * Source -> cast amount -> impute amount (mean) -> upper-case city, with a table summary and a
   * data quality report after the last step, a histogram after the cast (before the imputation),
   * and a custom visualization Quiver does not run.
   */
  static String flow(Path csv) {
    return "{\"metadata\": {\"version\": 1}, \"parameters\": [], \"nodes\": ["
        + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
        + " \"parameters\": {\"dataset_definition\": {\"name\": \"customers.csv\", \"s3ExecutionContext\": {\"s3Uri\": \""
        + csv
        + "\", \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}},"
        + " \"inputs\": [], \"outputs\": [{\"name\": \"default\"}]},"
        + transform(
            "cast",
            "src",
            "cast_single_data_type",
            "{\"column\": \"amount\", \"data_type\": \"float\"}")
        + ","
        + transform(
            "impute",
            "cast",
            "handle_missing",
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\","
                + " \"numeric_parameters\": {\"input_column\": \"amount\", \"strategy\": \"Mean\"}}}")
        + ","
        + transform(
            "upper",
            "impute",
            "format_string",
            "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"city\"}}")
        + ","
        + analysis("summary", "upper", "describe", "{\"name\": \"Customers summary\"}")
        + ","
        + analysis(
            "report",
            "upper",
            "data_insights_report",
            "{\"name\": \"churn-report\", \"insights_report_parameters\": {\"target_column\": \"churned\","
                + " \"problem_type\": \"Classification\"}, \"full_data\": \"true\"}")
        + ","
        + analysis(
            "hist",
            "cast",
            "histogram",
            "{\"x_axis\": \"amount\", \"color_by\": \"churned\", \"facet_by\": \"\"}")
        + ","
        + analysis("custom", "upper", "custom_visualization", "{\"code\": \"chart = None\"}")
        + "]}";
  }

  private static Analysis run(Flow flow, AnalysisNode node) {
    FlowRunner runner = FlowRunner.create(FlowRunner.Options.defaults().withThreads(2));
    try (BatchSource source = BatchSource.flowNode(runner, flow, node.nodeId(), Map.of())) {
      DatasetProfile profile =
          Profiler.profile(source, ProfileOptions.defaults().withThreads(2), ProfileListener.NONE);
      return Analyzer.analyze(node.title(), profile, node.options());
    }
  }

  /** The nodes in the order summary, report, hist, custom, checking that there are just those. */
  private static List<AnalysisNode> byId(List<AnalysisNode> nodes) {
    assertThat(nodes)
        .extracting(AnalysisNode::nodeId)
        .containsExactlyInAnyOrder("summary", "report", "hist", "custom");
    return Stream.of("summary", "report", "hist", "custom")
        .map(id -> nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow())
        .toList();
  }

  @Test
  void nodesAreReadWithTheirAnalysisTargetAndColumns() throws Exception {
    // In data order: the histogram's input comes first.
    List<AnalysisNode> nodes =
        byId(AnalysisNodes.of(Flow.parse(flow(customers(dir)), "churn.flow")));
    assertThat(nodes.get(0).kind()).isEqualTo(AnalysisKind.TABLE_SUMMARY);
    assertThat(nodes.get(0).title()).isEqualTo("Customers summary");
    assertThat(nodes.get(0).options().target()).isNull();
    assertThat(nodes.get(1).kind()).isEqualTo(AnalysisKind.DATA_QUALITY_REPORT);
    assertThat(nodes.get(1).options().target()).isEqualTo("churned");
    assertThat(nodes.get(2).kind()).isEqualTo(AnalysisKind.HISTOGRAM);
    assertThat(nodes.get(2).title()).isEqualTo("hist");
    assertThat(nodes.get(2).options().histograms())
        .containsExactly(new ChartRequest(List.of("amount"), "churned", null));
    assertThat(nodes.get(3).kind()).isNull();
    assertThat(nodes.get(3).unsupported())
        .isEqualTo("custom visualizations run Python (Altair) code, which Quiver does not run");
  }

  @Test
  void eachAnalysisSeesTheRowsReachingItsNode() throws Exception {
    Flow flow = Flow.parse(flow(customers(dir)), "churn.flow");
    List<AnalysisNode> nodes = byId(AnalysisNodes.of(flow));

    // After the imputation: amount is 1..19 and the mean 10 in the missing row. Mean 200/20 = 10;
    // squared deviations 2 * (1 + 4 + ... + 81) = 570, so sample variance 570/19 = 30.
    Analysis summary = run(flow, nodes.get(0));
    assertThat(summary.name()).isEqualTo("Customers summary");
    DatasetProfile after = summary.profile();
    assertThat(after.rows()).isEqualTo(20);
    ColumnProfile amount = after.column("amount").orElseThrow();
    assertThat(amount.count()).isEqualTo(20);
    assertThat(amount.missing()).isZero();
    assertThat(amount.min()).isEqualTo(1.0);
    assertThat(amount.max()).isEqualTo(19.0);
    assertThat(amount.mean()).isCloseTo(10.0, within(1e-12));
    assertThat(amount.stdDev()).isCloseTo(Math.sqrt(30), within(1e-12));
    assertThat(amount.populationStdDev()).isCloseTo(Math.sqrt(28.5), within(1e-12));
    ColumnProfile city = after.column("city").orElseThrow();
    assertThat(city.distinct().rounded()).isEqualTo(3);
    assertThat(city.mostFrequent().get(0).value()).isEqualTo("PARIS");
    assertThat(city.mostFrequent().get(0).count()).isEqualTo(10);
    assertThat(summary.leakage()).isNull();

    // The report's target: plan alone predicts churned perfectly (ROC-AUC 1), so it leaks.
    Analysis report = run(flow, nodes.get(1));
    assertThat(report.leakage()).isNotNull();
    assertThat(report.leakage().target()).isEqualTo("churned");
    assertThat(report.leakage().metric()).isEqualTo("roc_auc");
    assertThat(report.leakage().scores().get(0).feature()).isEqualTo("plan");
    assertThat(report.leakage().scores().get(0).score()).isEqualTo(1.0);
    assertThat(report.leakage().suspects()).contains("plan");
    assertThat(report.quickModel()).isNotNull();

    // The histogram reads the cast output, before the imputation: 19 present values, mean 10,
    // squared deviations 570 over 18.
    Analysis histogram = run(flow, nodes.get(2));
    ColumnProfile raw = histogram.profile().column("amount").orElseThrow();
    assertThat(raw.missing()).isEqualTo(1);
    assertThat(raw.mean()).isCloseTo(10.0, within(1e-12));
    assertThat(raw.stdDev()).isCloseTo(Math.sqrt(570.0 / 18), within(1e-12));
    assertThat(histogram.profile().column("city").orElseThrow().mostFrequent().get(0).value())
        .isEqualTo("paris");
    assertThat(histogram.charts()).anySatisfy(chart -> assertThat(chart.id()).contains("amount"));
  }

  @Test
  void aMissingParameterNamesTheNode() {
    Flow flow =
        Flow.parse(
            "{\"metadata\": {\"version\": 1}, \"nodes\": ["
                + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
                + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"x.csv\","
                + " \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},"
                + analysis("scatter", "src", "scatter_plot", "{\"x_axis\": \"a\"}")
                + "]}",
            "bad.flow");
    assertThatThrownBy(() -> AnalysisNodes.of(flow))
        .isInstanceOf(FlowException.class)
        .hasMessage(
            "Node 'scatter' (sagemaker.visualizations.scatter_plot_0.1): parameter y_axis is"
                + " required (the column along y)");
  }
}
