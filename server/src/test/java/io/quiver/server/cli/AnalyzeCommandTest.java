package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver analyze} and {@code quiver analyze check} end to end, in process. */
class AnalyzeCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("analyze"));
    all.addAll(List.of(args));
    return line.execute(all.toArray(String[]::new));
  }

  private Path csv(String name, int rows, double shift, boolean newPlan) throws Exception {
    Random random = new Random(name.hashCode());
    StringBuilder text = new StringBuilder("age,income,plan,churned\n");
    String[] plans = {"basic", "plus", "pro"};
    for (int i = 0; i < rows; i++) {
      boolean churned = random.nextDouble() < 0.3;
      text.append(18 + random.nextInt(60))
          .append(',')
          .append(
              String.format(
                  java.util.Locale.ROOT, "%.2f", 50_000 + shift + 8_000 * random.nextGaussian()))
          .append(',')
          .append(newPlan && i % 4 == 0 ? "enterprise" : plans[random.nextInt(3)])
          .append(',')
          .append(churned ? "yes" : "no")
          .append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void analysesACsvFileAndWritesReportChartsAndBaseline() throws Exception {
    Path source = csv("customers.csv", 3_000, 0, false);
    int code =
        run(
            "--source", source.toString(),
            "--target", "churned",
            "--report", dir.resolve("report.html").toString(),
            "--png", dir.resolve("charts").toString(),
            "--baseline", dir.resolve("baseline").toString(),
            "--histogram", "age:churned",
            "--scatter", "age,income:plan");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("3,000 rows, 4 columns")
        .contains("income")
        .contains("Quick model (classification): F1");
    assertThat(dir.resolve("report.html")).exists();
    assertThat(dir.resolve("report-data")).isDirectoryContaining("glob:**.json");
    try (var files = Files.list(dir.resolve("charts"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).contains("histogram-age-by-churned.png", "histogram-age-by-churned.json");
      assertThat(names.stream().filter(n -> n.endsWith(".png")).count())
          .isEqualTo(names.stream().filter(n -> n.endsWith(".json")).count());
    }
    JsonNode constraints =
        new ObjectMapper().readTree(dir.resolve("baseline/constraints.json").toFile());
    assertThat(constraints.path("features").get(2).path("string_constraints").path("domains"))
        .hasSize(3);

    out.getBuffer().setLength(0);
    assertThat(
            run(
                "check",
                "--baseline",
                dir.resolve("baseline").toString(),
                "--source",
                source.toString()))
        .isZero();
    assertThat(out.toString()).contains("meets the baseline");

    out.getBuffer().setLength(0);
    Path drifted = csv("later.csv", 3_000, 30_000, true);
    int checked =
        run(
            "check",
            "--baseline",
            dir.resolve("baseline").toString(),
            "--source",
            drifted.toString());
    assertThat(checked).isEqualTo(AnalyzeCommand.Check.EXIT_VIOLATIONS);
    assertThat(out.toString())
        .contains("income baseline_drift_check")
        .contains("plan categorical_values_check");
    JsonNode violations =
        new ObjectMapper().readTree(dir.resolve("baseline/constraint_violations.json").toFile());
    assertThat(violations.path("violations").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badInputIsOneLineWithoutAStackTrace() throws Exception {
    Path source = csv("customers.csv", 100, 0, false);
    assertThat(run("--source", source.toString(), "--target", "nope")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot analyse column 'nope': no such column in "
                + source
                + " (columns: age, income, plan, churned)")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    err.getBuffer().setLength(0);
    assertThat(run("--target", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Name one input");
  }

  /** Source -> cast amount -> impute (mean), a table summary, a histogram and a custom chart. */
  private Path flow() throws Exception {
    StringBuilder csv = new StringBuilder("id,amount,city\n");
    for (int i = 0; i < 20; i++) {
      csv.append("c")
          .append(i)
          .append(',')
          .append(i < 19 ? Integer.toString(i + 1) : "")
          .append(',')
          .append(i % 2 == 0 ? "paris" : "lyon")
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("customers.csv"), csv);
    String visualization =
        "{\"node_id\": \"%s\", \"type\": \"VISUALIZATION\", \"operator\":"
            + " \"sagemaker.visualizations.%s_0.1\", \"parameters\": %s, \"inputs\": [{\"name\":"
            + " \"df\", \"node_id\": \"%s\", \"output_name\": \"default\"}]}";
    String flow =
        "{\"metadata\": {\"version\": 1}, \"parameters\": [{\"name\": \"input\", \"type\":"
            + " \"String\", \"value\": \"missing.csv\"}], \"nodes\": ["
            + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
            + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\":"
            + " \"{{input}}\", \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},"
            + "{\"node_id\": \"cast\", \"type\": \"TRANSFORM\", \"operator\":"
            + " \"sagemaker.spark.cast_single_data_type_0.1\", \"parameters\": {\"column\": \"amount\","
            + " \"data_type\": \"float\"}, \"inputs\": [{\"name\": \"df\", \"node_id\": \"src\"}]},"
            + "{\"node_id\": \"impute\", \"type\": \"TRANSFORM\", \"operator\":"
            + " \"sagemaker.spark.handle_missing_0.1\", \"parameters\": {\"operator\": \"Impute\","
            + " \"impute_parameters\": {\"column_type\": \"Numeric\", \"numeric_parameters\":"
            + " {\"input_column\": \"amount\", \"strategy\": \"Mean\"}}}, \"inputs\": [{\"name\":"
            + " \"df\", \"node_id\": \"cast\"}]},"
            + String.format(
                java.util.Locale.ROOT,
                visualization,
                "summary",
                "describe",
                "{\"name\": \"Customers\"}",
                "impute")
            + ","
            + String.format(
                java.util.Locale.ROOT,
                visualization,
                "hist",
                "histogram",
                "{\"x_axis\": \"amount\", \"color_by\": \"city\"}",
                "cast")
            + ","
            + String.format(
                java.util.Locale.ROOT,
                visualization,
                "custom",
                "custom_visualization",
                "{}",
                "impute")
            + "]}";
    Files.writeString(dir.resolve("churn.flow"), flow);
    return data;
  }

  @Test
  void analysesEachAnalysisNodeOfAFlowOverTheRowsReachingIt() throws Exception {
    Path data = flow();
    Path report = dir.resolve("flow-report.html");
    int code =
        run(
            "--flow", dir.resolve("churn.flow").toString(),
            "--param", "input=" + data,
            "--report", report.toString(),
            "--png", dir.resolve("flow-charts").toString());
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    // After the mean imputation: amount is 1..19 and 10, so mean 10 and no missing value.
    assertThat(text)
        .contains("Table summary 'Customers' (node summary of churn.flow): 20 rows, 3 columns")
        .containsPattern("amount +numeric +0\\.0% +19 +1 +10 +19\n");
    // Before it (the histogram reads the cast's output): one missing value, mean still 10.
    assertThat(text)
        .contains("Histogram (node hist of churn.flow): 20 rows, 3 columns")
        .containsPattern("amount +numeric +5\\.0% +19 +1 +10 +19\n");
    assertThat(text)
        .contains(
            "Skipped node 'custom': custom visualizations run Python (Altair) code, which Quiver"
                + " does not run");
    assertThat(dir.resolve("flow-report-summary.html")).exists();
    assertThat(dir.resolve("flow-report-hist.html")).exists();
    assertThat(Files.readString(dir.resolve("flow-report-summary.html"))).contains("Customers");
    assertThat(dir.resolve("flow-charts/hist/histogram-amount-by-city.png")).exists();

    out.getBuffer().setLength(0);
    assertThat(
            run(
                "--flow",
                dir.resolve("churn.flow").toString(),
                "--param",
                "input=" + data,
                "--node",
                "summary",
                "--baseline",
                dir.resolve("flow-baseline").toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                "check",
                "--baseline",
                dir.resolve("flow-baseline").toString(),
                "--flow",
                dir.resolve("churn.flow").toString(),
                "--param",
                "input=" + data,
                "--node",
                "summary"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("churn.flow node summary meets the baseline (20 rows)");

    err.getBuffer().setLength(0);
    assertThat(run("--flow", dir.resolve("churn.flow").toString(), "--node", "cast")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Node 'cast' of flow churn.flow is a TRANSFORM node; --node names an analysis"
                + " (VISUALIZATION) node (this flow's: [hist, summary, custom])");
  }
}
