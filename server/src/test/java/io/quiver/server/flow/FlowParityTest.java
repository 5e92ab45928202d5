package io.quiver.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.cli.Cli;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.testing.OrderFlows;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise 10, authored once (issue 14): the same raw rows, written once through {@code quiver flow
 * run} into a group's stores and once by PutRecord into a group with the flow attached, give
 * identical derived features online and offline. Random raw data, seeded per case, goes through a
 * flow with a fitted type step, imputation, scaling, outlier clipping, one-hot encoding, date/time
 * components, a formula and string formatting.
 */
class FlowParityTest {
  @TempDir Path dir;

  private static final String[] COUNTRIES = {"us", "fr", "de", "jp", "br"};
  private static final String[] WORDS = {"red", "Blue", "green", "ALPHA", "beta", "x-1", "7"};

  /** Raw rows, text as a CSV has them ("" for an empty cell), and the CSV itself. */
  private static List<String[]> rows(Random random) {
    List<String[]> rows = new ArrayList<>();
    int n = 20 + random.nextInt(60);
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      String id = "r" + i;
      // Some identifiers repeat with later event times, so history and latest differ.
      if (i > 5 && random.nextInt(6) == 0) {
        id = "r" + random.nextInt(i);
      }
      String ts = base.plusSeconds(i * 3600L + random.nextInt(3600)).toString();
      String amount =
          switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "n/a";
            default -> String.format(Locale.ROOT, "%.2f", random.nextGaussian() * 40 + 100);
          };
      String qty =
          random.nextInt(7) == 0
              ? ""
              : Integer.toString(random.nextInt(random.nextInt(10) == 0 ? 1000 : 20));
      String country = random.nextInt(9) == 0 ? "" : COUNTRIES[random.nextInt(COUNTRIES.length)];
      String signup =
          random.nextInt(10) == 0
              ? ""
              : base.minusSeconds(86_400L * random.nextInt(2000)).toString().substring(0, 10);
      StringBuilder note = new StringBuilder();
      for (int w = 0, words = random.nextInt(4); w < words; w++) {
        note.append(w > 0 ? " " : "").append(WORDS[random.nextInt(WORDS.length)]);
      }
      rows.add(new String[] {id, ts, amount, qty, country, signup, note.toString()});
    }
    return rows;
  }

  private static final String[] HEADER = {"id", "ts", "amount", "qty", "country", "signup", "note"};

  private static String csv(List<String[]> rows) {
    StringBuilder text = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (String[] row : rows) {
      text.append(String.join(",", row)).append('\n');
    }
    return text.toString();
  }

  private static String node(String id, String from, String operator, String parameters) {
    return OrderFlows.node(id, from, operator, parameters);
  }

  private static String flow(Path csv, String group) {
    return "{\"metadata\": {\"version\": 1}, \"nodes\": ["
        + "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
        + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \""
        + csv
        + "\", \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},"
        + node("types", "src", "sagemaker.spark.infer_and_cast_type_0.1", "{}")
        + ","
        + node(
            "ts",
            "types",
            "cast_single_data_type",
            "{\"column\": \"ts\", \"data_type\": \"string\"}")
        + ","
        + node(
            "amount",
            "ts",
            "cast_single_data_type",
            "{\"column\": \"amount\", \"data_type\": \"float\"}")
        + ","
        + node(
            "qty",
            "amount",
            "cast_single_data_type",
            "{\"column\": \"qty\", \"data_type\": \"long\"}")
        + ","
        + node(
            "impute",
            "qty",
            "sagemaker.spark.handle_missing_0.1",
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\", \"numeric_parameters\": {\"input_column\": \"amount\", \"strategy\": \"Mean\"}}}")
        + ","
        + node(
            "fill",
            "impute",
            "sagemaker.spark.handle_missing_0.1",
            "{\"operator\": \"Fill missing\", \"fill_missing_parameters\": {\"input_column\": \"country\", \"fill_value\": \"zz\"}}")
        + ","
        + node(
            "scale",
            "fill",
            "sagemaker.spark.process_numeric_0.1",
            "{\"operator\": \"Scale values\", \"scale_values_parameters\": {\"scaler\": \"Standard scaler\","
                + " \"standard_scaler_parameters\": {\"input_column\": \"amount\", \"center\": true, \"output_column\": \"amount_scaled\"}}}")
        + ","
        + node(
            "clip",
            "scale",
            "sagemaker.spark.handle_outliers_0.1",
            "{\"operator\": \"Standard deviation numeric outliers\", \"standard_deviation_numeric_outliers_parameters\":"
                + " {\"input_column\": \"qty\", \"standard_deviations\": 2, \"fix_method\": \"Clip\"}}")
        + ","
        + node(
            "onehot",
            "clip",
            "sagemaker.spark.encode_categorical_0.1",
            "{\"operator\": \"One-hot encode\", \"one_hot_encode_parameters\": {\"input_column\": \"country\","
                + " \"invalid_handling_strategy\": \"Keep\", \"drop_last\": false, \"output_style\": \"Columns\"}}")
        + ","
        + node(
            "dates",
            "onehot",
            "featurize_date_time",
            "{\"input_column\": \"signup\", \"year\": true, \"month\": true, \"day_of_year\": true, \"output_mode\": \"Cyclic\"}")
        + ","
        + node(
            "formula",
            "dates",
            "sagemaker.spark.custom_formula_0.1",
            "{\"output_column\": \"value\", \"formula\": \"amount * 2 + COALESCE(qty, 0)\"}")
        + ","
        + node(
            "upper",
            "formula",
            "sagemaker.spark.format_string_0.1",
            "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"note\"}}")
        + ","
        + "{\"node_id\": \"out\", \"type\": \"DESTINATION\", \"operator\": \"feature_group_destination\","
        + " \"parameters\": {\"feature_group_name\": \""
        + group
        + "\", \"record_identifier\": \"id\", \"event_time\": \"ts\"},"
        + " \"inputs\": [{\"name\": \"df\", \"node_id\": \"upper\", \"output_name\": \"default\"}]}"
        + "]}";
  }

  @ParameterizedTest(name = "case {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void aFlowRunAndPutRecordsOnTheAttachedFlowStoreTheSameFeatures(int seed) throws Exception {
    Random random = new Random(seed);
    List<String[]> raw = rows(random);
    Path csv = dir.resolve("raw.csv");
    Files.writeString(csv, csv(raw), StandardCharsets.UTF_8);
    Path flowFile = dir.resolve("parity.flow");
    Files.writeString(flowFile, flow(csv, "batch"), StandardCharsets.UTF_8);
    Path data = dir.resolve("data");

    Cli.Result fit = Cli.run("flow", "fit", flowFile.toString());
    assertThat(fit.status()).as(fit.err()).isZero();
    Cli.Result run = Cli.run("flow", "run", flowFile.toString(), "--data-dir", data.toString());
    assertThat(run.status()).as(run.err()).isZero();

    String fitted = Files.readString(flowFile);
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(data).ttlSweepInterval(Duration.ZERO).build())) {
      FeatureGroup batch = store.describeFeatureGroup("batch");
      store.createFeatureGroup(
          FeatureGroupSpec.builder("attached")
              .recordIdentifier("id")
              .eventTime("ts")
              .features(batch.features())
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .ingestTransform(new IngestTransformConfig("parity.flow", fitted))
              .build());
      for (String[] row : raw) {
        Record.Builder record = Record.builder();
        for (int c = 0; c < HEADER.length; c++) {
          if (!row[c].isEmpty()) {
            record.set(HEADER[c], row[c]);
          }
        }
        store.putRecord("attached", record.build());
      }
      for (String[] row : raw) {
        assertThat(values(store.getRecord("attached", row[0]).orElseThrow().record()))
            .as("online record %s", row[0])
            .isEqualTo(values(store.getRecord("batch", row[0]).orElseThrow().record()));
      }
      store.flush();
      List<List<Object>> batchRows = offline(store.describeFeatureGroup("batch"));
      assertThat(batchRows).hasSize(raw.size());
      assertThat(offline(store.describeFeatureGroup("attached"))).isEqualTo(batchRows);
    }
  }

  private static Map<String, Object> values(Record record) {
    Map<String, Object> values = new HashMap<>();
    for (FeatureValue v : record.values()) {
      values.put(v.featureName(), v.isList() ? v.valueAsStringList() : v.valueAsString());
    }
    return values;
  }

  /** Every offline row's features (not the write times), in a stable order. */
  private static List<List<Object>> offline(FeatureGroup group) throws Exception {
    String folder = Path.of(URI.create(group.resolvedOutputS3Uri())).toString();
    List<List<Object>> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs =
            duck.createStatement()
                .executeQuery(
                    "SELECT * EXCLUDE (write_time, api_invocation_time, year, month, day, hour)"
                        + " FROM read_parquet('"
                        + folder
                        + "/**/*.parquet', hive_partitioning = true)"
                        + " ORDER BY id, ts")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          row.add(meta.getColumnName(c) + "=" + rs.getString(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
