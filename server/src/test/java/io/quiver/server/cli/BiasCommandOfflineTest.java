package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7: {@code quiver bias} gives the same analysis.json for a CSV file, a Parquet file, a
 * feature group and a query over the offline store holding the worked example's rows.
 */
class BiasCommandOfflineTest {
  /** shared/clarify-metrics.md section 4, vector A: facet, y, yhat, group. */
  private static final String[][] VECTOR_A = {
    {"M", "1", "1", "A"}, {"M", "1", "1", "A"}, {"M", "1", "0", "A"}, {"M", "1", "1", "A"},
    {"M", "0", "1", "B"}, {"M", "0", "0", "B"}, {"F", "1", "1", "A"}, {"F", "0", "0", "A"},
    {"F", "0", "1", "B"}, {"F", "0", "0", "B"}
  };

  private static final List<String> OPTIONS =
      List.of(
          "--label",
          "y",
          "--label-values",
          "1",
          "--facet",
          "sex",
          "--facet-values",
          "F",
          "--group-variable",
          "group",
          "--predicted-label",
          "yhat");

  @TempDir Path dir;
  private Path data;
  private QuiverStore store;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void writeVectorA() {
    data = dir.resolve("data");
    store =
        QuiverStore.open(
            StoreConfig.builder(data)
                .offlineFlushAge(Duration.ofHours(1))
                .ttlSweepInterval(Duration.ZERO)
                .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("people")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("sex", FeatureType.STRING)
            .feature("y", FeatureType.INTEGRAL)
            .feature("yhat", FeatureType.INTEGRAL)
            .feature("group", FeatureType.STRING)
            .onlineStore(OnlineStoreConfig.enabled())
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    for (int row = 0; row < VECTOR_A.length; row++) {
      put("p" + row, 1_700_000_000.0 + row, VECTOR_A[row]);
      if (row == 4) {
        store.flush(); // five rows in Parquet files, five still staged
      }
    }
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private void put(String id, double eventTime, String[] row) {
    store.putRecord(
        "people",
        Record.builder()
            .set("id", id)
            .set("ts", eventTime)
            .set("sex", row[0])
            .set("y", Long.parseLong(row[1]))
            .set("yhat", Long.parseLong(row[2]))
            .set("group", row[3])
            .build());
  }

  private int run(List<String> input, List<String> options) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("bias"));
    all.addAll(input);
    all.addAll(options);
    return line.execute(all.toArray(String[]::new));
  }

  private String analysis(String... input) {
    assertThat(run(List.of(input), OPTIONS)).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void csvParquetFeatureGroupAndQueryGiveIdenticalAnalysisJson() throws Exception {
    String fromCsv = analysis("--source", writeCsv().toString());
    String fromParquet = analysis("--source", writeParquet().toString());
    String fromGroup = analysis("--data-dir", data.toString(), "--feature-group", "people");
    String fromQuery =
        analysis(
            "--data-dir",
            data.toString(),
            "--query",
            "SELECT sex, y, yhat, \"group\" FROM people WHERE NOT is_deleted");

    assertThat(fromParquet).isEqualTo(fromCsv);
    assertThat(fromGroup).isEqualTo(fromCsv);
    assertThat(fromQuery).isEqualTo(fromCsv);
    assertWorkedExampleValues(new ObjectMapper().readTree(fromCsv));
  }

  private static void assertWorkedExampleValues(JsonNode root) {
    Map<String, Double> pre =
        Map.of(
            "CI", 0.2, "DPL", 5.0 / 12, "KL", 0.383576, "JS", 0.090246, "LP", 0.589256, "TVD",
            5.0 / 12, "KS", 5.0 / 12, "CDDL", 0.68);
    Map<String, Double> post =
        Map.ofEntries(
            Map.entry("DPPL", 1.0 / 6),
            Map.entry("DI", 0.75),
            Map.entry("DCA", 0.5),
            Map.entry("DCR", 0.5),
            Map.entry("RD", -0.25),
            Map.entry("SD", 1.0 / 6),
            Map.entry("DAR", 0.25),
            Map.entry("DRR", 0.5),
            Map.entry("AD", -1.0 / 12),
            Map.entry("TE", -1.0),
            Map.entry("CDDPL", 0.15),
            Map.entry("GE", 29.0 / 242));
    assertMetrics(root.path("pre_training_bias_metrics"), pre);
    assertMetrics(root.path("post_training_bias_metrics"), post);
  }

  private static void assertMetrics(JsonNode section, Map<String, Double> expected) {
    JsonNode facet = section.path("facets").path("sex").path(0);
    assertThat(facet.path("value_or_threshold").asText()).isEqualTo("F");
    Map<String, Double> actual = new java.util.HashMap<>();
    facet
        .path("metrics")
        .forEach(m -> actual.put(m.path("name").asText(), m.path("value").asDouble()));
    assertThat(actual).containsOnlyKeys(expected.keySet());
    expected.forEach(
        (name, value) -> assertThat(actual.get(name)).as(name).isCloseTo(value, within(1e-6)));
  }

  @Test
  void featureGroupUsesTheLatestNonDeletedRecordPerIdentifier() {
    String expected = analysis("--data-dir", data.toString(), "--feature-group", "people");
    // p0 moves to group d with row 9's values, then back to its own with a later event time;
    // p10 is written and deleted; p11 is written with an older event time after p1 (another id).
    put("p0", 1_700_000_100.0, VECTOR_A[9]);
    put("p0", 1_700_000_200.0, VECTOR_A[0]);
    put("p1", 1_699_999_000.0, VECTOR_A[9]); // older than p1's record: ignored
    put("p10", 1_700_000_100.0, VECTOR_A[6]);
    store.flush();
    store.deleteRecord(
        "people",
        "p10",
        "1700000300",
        io.quiver.storage.DeletionMode.SOFT_DELETE,
        io.quiver.storage.RecordWriteOptions.defaults());
    assertThat(analysis("--data-dir", data.toString(), "--feature-group", "people"))
        .isEqualTo(expected);
    // The raw history differs: a query without the snapshot rule sees every row.
    assertThat(
            analysis(
                "--data-dir",
                data.toString(),
                "--query",
                "SELECT sex, y, yhat, \"group\" FROM people WHERE NOT is_deleted"))
        .isNotEqualTo(expected);
  }

  @Test
  void badQueryIsCalcitesMessageWithPosition() {
    int code =
        run(List.of("--data-dir", data.toString(), "--query", "SELECT sex FROM nope"), OPTIONS);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot run the query: From line 1, column 17 to line 1, column 20: Object"
                + " 'nope' not found: no feature group has that name (feature groups: people)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void unknownFeatureGroupIsOneLine() {
    int code = run(List.of("--data-dir", data.toString(), "--feature-group", "nope"), OPTIONS);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot read feature group 'nope': no such feature group (groups: people)");
  }

  @Test
  void missingColumnIsOneLine() {
    int code =
        run(
            List.of("--data-dir", data.toString(), "--query", "SELECT sex, y FROM people"),
            OPTIONS);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot read the query: no column 'yhat' in its result (columns: sex, y)");
    code =
        run(
            List.of("--data-dir", data.toString(), "--feature-group", "people"),
            List.of("--label", "y", "--label-values", "1", "--facet", "gender"));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("quiver: Cannot read feature group 'people': no column 'gender' (columns: id,")
        .doesNotContain("\n");
  }

  @Test
  void missingDataDirectoryIsOneLine() {
    int code =
        run(
            List.of("--data-dir", dir.resolve("none").toString(), "--feature-group", "people"),
            OPTIONS);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("quiver: Cannot open data directory ")
        .doesNotContain("\n");
  }

  @Test
  void inputOptionsAreMutuallyExclusiveOrNeedEachOther() {
    String csv = dir.resolve("rows.csv").toString();
    assertThat(
            run(
                List.of(
                    "--source", csv, "--data-dir", data.toString(), "--feature-group", "people"),
                OPTIONS))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
    assertThat(
            run(
                List.of(
                    "--data-dir",
                    data.toString(),
                    "--query",
                    "SELECT 1",
                    "--feature-group",
                    "people"),
                OPTIONS))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith("--query and --feature-group are mutually exclusive (specify only one)\n");
    assertThat(run(List.of("--feature-group", "people"), OPTIONS)).isEqualTo(2);
    assertThat(err.toString()).contains("--data-dir");
    assertThat(run(List.of("--data-dir", data.toString()), OPTIONS)).isEqualTo(2);
    assertThat(err.toString()).startsWith("--data-dir needs --query or --feature-group\n");
    assertThat(run(List.of(), OPTIONS)).isEqualTo(2);
  }

  private Path writeCsv() throws IOException {
    StringBuilder csv = new StringBuilder("sex,y,yhat,group\n");
    for (String[] row : VECTOR_A) {
      csv.append(String.join(",", row)).append('\n');
    }
    return Files.writeString(dir.resolve("rows.csv"), csv);
  }

  private Path writeParquet() {
    MessageType type =
        MessageTypeParser.parseMessageType(
            "message row { required binary sex (STRING); required int64 y; required int64 yhat;"
                + " required binary group (STRING); }");
    Path file = dir.resolve("rows.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withType(type)
            .build()) {
      for (String[] row : VECTOR_A) {
        Group group = groups.newGroup();
        group.append("sex", row[0]);
        group.append("y", Long.parseLong(row[1]));
        group.append("yhat", Long.parseLong(row[2]));
        group.append("group", row[3]);
        writer.write(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
