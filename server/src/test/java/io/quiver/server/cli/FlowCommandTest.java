package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.wrangler.flow.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quiver flow fit|run|describe}: what they write and print, and how they fail. */
class FlowCommandTest {
  @TempDir Path dir;
  Path csv;
  Path flow;

  @BeforeEach
  void files() throws Exception {
    csv = dir.resolve("orders.csv");
    Files.writeString(csv, "id,amount,country\no1,10,us\no2,,fr\no3,30,us\n", UTF_8);
    flow = dir.resolve("orders.flow");
    Files.writeString(flow, flow("{{input}}", dir.resolve("out").toString()), UTF_8);
  }

  private String flow(String input, String output) {
    return "{\"parameters\": [{\"name\": \"input\", \"type\": \"String\", \"value\": \""
        + csv
        + "\"}],"
        + " \"nodes\": ["
        + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
        + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \""
        + input
        + "\", \"s3ContentType\": \"csv\"}}}},"
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
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\", \"numeric_parameters\": {\"input_column\": \"amount\"}}}")
        + ","
        + "{\"node_id\": \"out\", \"type\": \"DESTINATION\", \"operator\": \"sagemaker.spark.s3_destination_0.1\","
        + " \"parameters\": {\"output_config\": {\"output_path\": \""
        + output
        + "\", \"output_content_type\": \"CSV\"}},"
        + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"impute\", \"output_name\": \"default\"}]}]}";
  }

  private static String node(String id, String from, String operator, String parameters) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"TRANSFORM\", \"operator\": \""
        + operator
        + "\", \"parameters\": "
        + parameters
        + ", \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}]}";
  }

  @Test
  void fitWritesTheFitIntoTheFileAndRunUsesIt() throws Exception {
    Cli.Result fit = Cli.run("flow", "fit", flow.toString());
    assertThat(fit.status()).as(fit.err()).isZero();
    assertThat(fit.out()).contains("Fitted orders.flow");
    assertThat(Flow.read(flow).node("impute").trainedParameters().toString())
        .contains("\"amount\":20.0");

    Cli.Result run = Cli.run("flow", "run", flow.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("out: 3 rows to file:");
    assertThat(Files.readString(dir.resolve("out/part-00000.csv"))).contains("o2,20.0,fr");
  }

  @Test
  void runFitsForTheRunAndSaysHowToKeepIt() {
    Cli.Result run = Cli.run("flow", "run", flow.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("Fitted impute for this run; save the fit with --save-fit");
    assertThat(Flow.read(flow).node("impute").trainedParameters()).isNull();
  }

  @Test
  void parametersOverrideThePlaceholders() throws Exception {
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "id,amount,country\nx9,7,jp\n", UTF_8);
    Cli.Result run = Cli.run("flow", "run", flow.toString(), "--param", "input=" + other);
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("out/part-00000.csv"))).contains("x9,7.0,jp");
    Cli.Result unknown = Cli.run("flow", "run", flow.toString(), "--param", "day=1");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("quiver: Cannot set parameter 'day'");
  }

  @Test
  void describeShowsSchemasFitsAndWhetherItRunsPerRecord() {
    Cli.Result described = Cli.run("flow", "describe", flow.toString());
    assertThat(described.status()).as(described.err()).isZero();
    assertThat(described.out())
        .contains("src")
        .contains("(id string, amount string, country string)")
        .contains("needs fit")
        .contains("input = " + csv)
        .contains(
            "Per record: no; Node 'src' (sagemaker.s3_source_0.1): the source's schema is not recorded");
  }

  @Test
  void badFlowsNameTheNodeWithoutAStackTrace() throws Exception {
    Files.writeString(
        flow,
        flow("{{input}}", dir.resolve("out").toString())
            .replace("\"cast_single_data_type\"", "\"teleport\""),
        UTF_8);
    Cli.Result unknown = Cli.run("flow", "run", flow.toString());
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err())
        .startsWith("quiver: Node 'cast' (teleport): Quiver has no operator 'teleport'");
    assertThat(unknown.err()).doesNotContain("Exception").doesNotContain("\tat ");

    Files.writeString(
        flow,
        flow("{{input}}", dir.resolve("out").toString())
            .replace(
                "\"node_id\": \"src\", \"output_name\"",
                "\"node_id\": \"impute\", \"output_name\""),
        UTF_8);
    Cli.Result cycle = Cli.run("flow", "run", flow.toString());
    assertThat(cycle.err()).contains("is on a cycle");

    Cli.Result missing = Cli.run("flow", "fit", dir.resolve("nope.flow").toString());
    assertThat(missing.err()).contains("quiver: Cannot read flow").contains("no such file");

    Files.writeString(
        flow, flow(dir.resolve("absent.csv").toString(), dir.resolve("out").toString()), UTF_8);
    Cli.Result noData = Cli.run("flow", "run", flow.toString());
    assertThat(noData.err()).contains("Node 'src' (sagemaker.s3_source_0.1): no file or folder at");
  }
}
