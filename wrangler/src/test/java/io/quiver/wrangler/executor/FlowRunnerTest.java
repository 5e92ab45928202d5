package io.quiver.wrangler.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.export.FeatureGroupTarget;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.testing.OrderFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: CSV in, fitted steps, files and feature groups out. */
class FlowRunnerTest {
  @TempDir Path dir;

  private Path csv() throws Exception {
    Path file = dir.resolve("orders.csv");
    Files.writeString(
        file,
        "id,ts,amount,country\n"
            + "o1,2024-01-31T12:00:00Z,10,us\n"
            + "o2,2024-01-31T13:00:00Z,,fr\n"
            + "o3,2024-02-01T09:30:00Z,30,\"u\"\"s\"\n"
            + "o4,2024-02-02T00:00:00Z,x,us\n");
    return file;
  }

  private String flow(Path input, String destination) {
    return "{\"metadata\": {\"version\": 1},"
        + " \"parameters\": [{\"name\": \"input\", \"type\": \"String\", \"value\": \""
        + input
        + "\"}],"
        + " \"nodes\": ["
        + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
        + "  \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"{{input}}\", \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},"
        + OrderFlows.node(
            "cast",
            "src",
            "cast_single_data_type",
            "{\"column\": \"amount\", \"data_type\": \"float\"}")
        + ","
        + OrderFlows.node(
            "impute",
            "cast",
            "handle_missing",
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\","
                + " \"numeric_parameters\": {\"input_column\": \"amount\", \"strategy\": \"Mean\"}}}")
        + ","
        + OrderFlows.node(
            "upper",
            "impute",
            "format_string",
            "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"country\"}}")
        + ","
        + destination
        + "]}";
  }

  private static String fileDestination(Path out, String type) {
    return "{\"node_id\": \"out\", \"type\": \"DESTINATION\", \"operator\": \"sagemaker.spark.s3_destination_0.1\","
        + " \"parameters\": {\"output_config\": {\"output_path\": \""
        + out
        + "\", \"output_content_type\": \""
        + type
        + "\"}},"
        + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"upper\", \"output_name\": \"default\"}]}";
  }

  @Test
  void csvToParquetFitsTheImputerAndWritesEveryRow() throws Exception {
    Path out = dir.resolve("out");
    Flow flow = Flow.parse(flow(csv(), fileDestination(out, "PARQUET")), "orders.flow");
    RunResult result =
        FlowRunner.create(FlowRunner.Options.defaults()).run(flow, Map.of(), RunListener.silent());

    assertThat(result.fitted()).containsExactly("impute");
    assertThat(
            result
                .flow()
                .node("impute")
                .trainedParameters()
                .get("surrogates")
                .get("amount")
                .asDouble())
        .isEqualTo(20.0);
    assertThat(result.flow().node("src").trainedParameters().get("schema").toString())
        .isEqualTo(
            "{\"id\":\"string\",\"ts\":\"string\",\"amount\":\"string\",\"country\":\"string\"}");
    assertThat(result.destinations())
        .singleElement()
        .satisfies(d -> assertThat(d.rows()).isEqualTo(4));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs =
            duck.createStatement()
                .executeQuery(
                    "SELECT id, amount, country FROM read_parquet('"
                        + out
                        + "/*.parquet') ORDER BY id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getDouble(2) + " " + rs.getString(3));
      }
      assertThat(rows).containsExactly("o1 10.0 US", "o2 20.0 FR", "o3 30.0 U\"S", "o4 20.0 US");
    }
  }

  @Test
  void aFittedFlowRunsAgainWithoutRefittingAndAChangedNodeIsRefused() throws Exception {
    Path out = dir.resolve("csv-out");
    FlowRunner runner = FlowRunner.create(FlowRunner.Options.defaults());
    Flow fitted =
        runner.fit(
            Flow.parse(flow(csv(), fileDestination(out, "CSV")), "f"),
            Map.of(),
            false,
            RunListener.silent());
    RunResult again = runner.run(fitted, Map.of(), RunListener.silent());
    assertThat(again.fitted()).isEmpty();
    assertThat(Files.readString(out.resolve("part-00000.csv")))
        .isEqualTo(
            "id,ts,amount,country\n"
                + "o1,2024-01-31T12:00:00Z,10.0,US\n"
                + "o2,2024-01-31T13:00:00Z,20.0,FR\n"
                + "o3,2024-02-01T09:30:00Z,30.0,\"U\"\"S\"\n"
                + "o4,2024-02-02T00:00:00Z,20.0,US\n");
    Flow changed = Flow.parse(fitted.toJson().replace("\"Mean\"", "\"Approximate Median\""), "f");
    assertThatThrownBy(() -> runner.run(changed, Map.of(), RunListener.silent()))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining(
            "Node 'impute' (handle_missing): its fit was made for other parameters");
  }

  @Test
  void aFeatureGroupDestinationCreatesTheGroupAndAttachesTheFlow() throws Exception {
    String destination =
        "{\"node_id\": \"fg\", \"type\": \"DESTINATION\", \"operator\": \"feature_group_destination\","
            + " \"parameters\": {\"feature_group_name\": \"orders\", \"record_identifier\": \"id\", \"event_time\": \"ts\", \"attach_flow\": true},"
            + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"upper\", \"output_name\": \"default\"}]}";
    try (QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("data")).ttlSweepInterval(Duration.ZERO).build())) {
      FlowRunner runner =
          FlowRunner.create(
              FlowRunner.Options.defaults().withFeatureGroups(FeatureGroupTarget.local(store)));
      RunResult result =
          runner.run(
              Flow.parse(flow(csv(), destination), "orders.flow"), Map.of(), RunListener.silent());
      assertThat(result.destinations().get(0).rows()).isEqualTo(4);
      Record o2 = store.getRecord("orders", "o2").orElseThrow().record();
      assertThat(o2.getDouble("amount")).isEqualTo(20.0);
      assertThat(o2.getString("country")).isEqualTo("FR");
      // The attached flow derives the same features from a raw PutRecord.
      store.putRecord(
          "orders",
          Record.builder()
              .set("id", "o9")
              .set("ts", "2024-03-01T00:00:00Z")
              .set("country", "de")
              .build());
      Record o9 = store.getRecord("orders", "o9").orElseThrow().record();
      assertThat(o9.getDouble("amount")).isEqualTo(20.0);
      assertThat(o9.getString("country")).isEqualTo("DE");
      assertThat(store.describeFeatureGroup("orders").spec().ingestTransform().name())
          .isEqualTo("orders.flow");
    }
  }

  @Test
  void streamHandsAnAnalysisNodeTheRowsThatReachItAndLeavesTheFlowUnchanged() throws Exception {
    String analysis =
        "{\"node_id\": \"report\", \"type\": \"VISUALIZATION\","
            + " \"operator\": \"sagemaker.visualizations.describe_0.1\", \"parameters\": {},"
            + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"upper\", \"output_name\": \"default\"}]}";
    Flow flow = Flow.parse(flow(csv(), analysis), "orders.flow");
    FlowRunner runner = FlowRunner.create(FlowRunner.Options.defaults().withThreads(2));
    List<String> rows = new ArrayList<>();
    try (FrameStream frames = runner.stream(flow, "report", Map.of(), RunListener.silent())) {
      assertThat(frames.schema().names()).containsExactly("id", "ts", "amount", "country");
      for (Frame f = frames.next(); f != null; f = frames.next()) {
        for (int r = 0; r < f.rowCount(); r++) {
          rows.add(
              f.vector(0).getString(r)
                  + " "
                  + f.vector(2).getDouble(r)
                  + " "
                  + f.vector(3).getString(r));
        }
      }
    }
    // The imputer is fitted in memory for the stream (mean of 10 and 30), the flow is not.
    assertThat(rows).containsExactly("o1 10.0 US", "o2 20.0 FR", "o3 30.0 U\"S", "o4 20.0 US");
    assertThat(flow.node("impute").trainedParameters()).isNull();
    try (FrameStream source = runner.stream(flow, "src", Map.of(), RunListener.silent())) {
      assertThat(FrameStream.drain(source).stream().mapToInt(Frame::rowCount).sum()).isEqualTo(4);
    }
    assertThatThrownBy(() -> runner.stream(flow, "nope", Map.of(), RunListener.silent()))
        .isInstanceOf(FlowException.class)
        .hasMessage("Cannot find node 'nope' in flow orders.flow");
  }
}
