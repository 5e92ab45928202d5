package io.quiver.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spark.flow.SparkFlow;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.executor.RunListener;
import io.quiver.wrangler.executor.RunResult;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fitted flow gives on Spark exactly the rows that the flow runner ({@code quiver flow run})
 * writes.
 */
class SparkFlowTest {
  @TempDir static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("quiver-flow-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String node(String id, String from, String operator, String parameters) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"TRANSFORM\", \"operator\": \"sagemaker.spark."
        + operator
        + "_0.1\", \"parameters\": "
        + parameters
        + ", \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}]}";
  }

  private static String flow(Path input, Path output) {
    return "{\"metadata\": {\"version\": 1}, \"parameters\": [], \"nodes\": ["
        + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
        + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \""
        + input
        + "\", \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},"
        + node(
            "cast",
            "src",
            "cast_single_data_type",
            "{\"column\": \"amount\", \"data_type\": \"float\"}")
        + ","
        + node(
            "impute",
            "cast",
            "handle_missing",
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\","
                + " \"numeric_parameters\": {\"input_column\": \"amount\", \"strategy\": \"Mean\"}}}")
        + ","
        + node(
            "upper",
            "impute",
            "format_string",
            "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"country\"}}")
        + ","
        + node(
            "qty",
            "upper",
            "cast_single_data_type",
            "{\"column\": \"qty\", \"data_type\": \"long\"}")
        + ","
        + "{\"node_id\": \"out\", \"type\": \"DESTINATION\", \"operator\": \"sagemaker.spark.s3_destination_0.1\","
        + " \"parameters\": {\"output_config\": {\"output_path\": \""
        + output
        + "\", \"output_content_type\": \"PARQUET\"}},"
        + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"qty\", \"output_name\": \"default\"}]}"
        + "]}";
  }

  private static List<String> lines(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row row : df.collectAsList()) {
      out.add(row.mkString("|"));
    }
    Collections.sort(out);
    return out;
  }

  @Test
  void aFittedFlowGivesTheRunnersRowsOnSpark() throws Exception {
    Random random = new Random(14);
    StringBuilder csv = new StringBuilder("id,amount,country,qty\n");
    String[] countries = {"us", "fr", "de", "", "u\"\"s"};
    for (int i = 0; i < 600; i++) {
      String amount =
          switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "n/a";
            default -> Integer.toString(random.nextInt(1000)) + "." + random.nextInt(100);
          };
      String country = countries[random.nextInt(countries.length)];
      csv.append("o").append(i).append(',').append(amount).append(',');
      csv.append(country.contains("\"") ? "\"" + country + "\"" : country).append(',');
      csv.append(random.nextInt(7) == 0 ? "x" : Integer.toString(random.nextInt(50))).append('\n');
    }
    Path input = tmp.resolve("orders.csv");
    Files.writeString(input, csv);
    Path out = tmp.resolve("out");

    RunResult run =
        FlowRunner.create(FlowRunner.Options.defaults())
            .run(Flow.parse(flow(input, out), "orders.flow"), Map.of(), RunListener.silent());
    assertThat(run.fitted()).contains("impute");

    Dataset<Row> orders =
        spark.read().option("header", "true").option("escape", "\"").csv(input.toString());
    Dataset<Row> onSpark = SparkFlow.run(orders.repartition(3), run.flow(), Map.of());
    Dataset<Row> byRunner = spark.read().parquet(out.toString());

    assertThat(onSpark.columns()).containsExactly(byRunner.columns());
    assertThat(onSpark.schema().simpleString()).isEqualTo(byRunner.schema().simpleString());
    List<String> expected = lines(byRunner);
    assertThat(expected).hasSize(600);
    assertThat(lines(onSpark)).containsExactlyElementsOf(expected);
  }

  @Test
  void anUnfittedFlowIsRefusedNamingTheNode() {
    Path input = tmp.resolve("none.csv");
    Flow unfitted = Flow.parse(flow(input, tmp.resolve("none")), "raw.flow");
    Dataset<Row> empty = spark.emptyDataFrame();
    assertThatThrownBy(() -> SparkFlow.run(empty, unfitted, Map.of()))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("fit the flow first");
  }
}
