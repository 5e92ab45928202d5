package io.quiver.benchmarks.flow;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The raw data of the flow benchmarks: a CSV of 20 columns (an identifier, an ISO event time, 8
 * decimals with 5% missing, 4 integers, two categories of 8 and 4 values with 5% missing, a date,
 * three text columns), generated from a fixed seed, and the flow and DuckDB SQL that transform it
 * the same way.
 */
final class FlowData {
  static final long SEED = 20_261_206L;
  static final String[] CITIES = {
    "paris", "lyon", "berlin", "madrid", "rome", "lisbon", "oslo", "vienna"
  };
  static final String[] SEGMENTS = {"gold", "silver", "bronze", "new"};
  static final String HEADER =
      "entity_id,event_time,n1,n2,n3,n4,n5,n6,n7,n8,c1,c2,c3,c4,city,segment,signup,t1,t2,t3";

  private FlowData() {}

  /** Writes {@code rows} rows to {@code csv} unless a file of that many rows is already there. */
  static void generate(Path csv, int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    LocalDate d0 = LocalDate.of(2015, 1, 1);
    try (BufferedWriter out = Files.newBufferedWriter(csv, UTF_8)) {
      out.write(HEADER + "\n");
      StringBuilder line = new StringBuilder(256);
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        line.append('e').append(random.nextInt(200_000)).append(',');
        line.append(t0.plusSeconds(random.nextLong(31_536_000L)));
        for (int i = 0; i < 8; i++) {
          line.append(',');
          if (random.nextInt(20) != 0) {
            line.append(String.format(Locale.ROOT, "%.3f", random.nextDouble() * 1000 - 200));
          }
        }
        for (int i = 0; i < 4; i++) {
          line.append(',').append(random.nextInt(10_000));
        }
        line.append(',');
        if (random.nextInt(20) != 0) {
          line.append(CITIES[random.nextInt(CITIES.length)]);
        }
        line.append(',');
        if (random.nextInt(20) != 0) {
          line.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        line.append(',').append(d0.plusDays(random.nextInt(3000)));
        for (int i = 0; i < 3; i++) {
          line.append(",w").append(random.nextInt(1000)).append("-x").append(random.nextInt(100));
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  private static String node(String id, String from, String operator, String parameters) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"TRANSFORM\", \"operator\": \""
        + operator
        + "\","
        + " \"parameters\": "
        + parameters
        + ","
        + " \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}]}";
  }

  /**
   * The benchmark flow, ten transforms: cast (the Data Types step with a given type map), fill
   * missing twice, standard-scale five decimals (centred), one-hot two categories, date components,
   * a formula, a string format and a column drop; output to {@code output} (a Parquet folder) or,
   * with {@code output} null, to nothing (the per-record benchmark attaches the chain).
   */
  static String flow(Path csv, String output) {
    String types =
        "{\"schema\": {\"entity_id\": \"string\", \"event_time\": \"string\", \"n1\": \"float\", \"n2\": \"float\","
            + " \"n3\": \"float\", \"n4\": \"float\", \"n5\": \"float\", \"n6\": \"float\", \"n7\": \"float\", \"n8\": \"float\","
            + " \"c1\": \"long\", \"c2\": \"long\", \"c3\": \"long\", \"c4\": \"long\", \"city\": \"string\", \"segment\": \"string\","
            + " \"signup\": \"date\", \"t1\": \"string\", \"t2\": \"string\", \"t3\": \"string\"}}";
    StringBuilder f = new StringBuilder("{\"metadata\": {\"version\": 1}, \"nodes\": [");
    f.append(
            "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\",")
        .append(" \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"")
        .append(csv.toAbsolutePath())
        .append("\", \"s3ContentType\": \"csv\", \"s3HasHeader\": true}}}},");
    f.append(
            "{\"node_id\": \"types\", \"type\": \"TRANSFORM\", \"operator\": \"sagemaker.spark.infer_and_cast_type_0.1\",")
        .append(" \"parameters\": {}, \"trained_parameters\": ")
        .append(types)
        .append(
            ", \"inputs\": [{\"name\": \"df\", \"node_id\": \"src\", \"output_name\": \"default\"}]},");
    f.append(
            node(
                "fill_n1",
                "types",
                "sagemaker.spark.handle_missing_0.1",
                "{\"operator\": \"Fill missing\", \"fill_missing_parameters\": {\"input_column\": \"n1\", \"fill_value\": \"0\"}}"))
        .append(',');
    f.append(
            node(
                "fill_city",
                "fill_n1",
                "sagemaker.spark.handle_missing_0.1",
                "{\"operator\": \"Fill missing\", \"fill_missing_parameters\": {\"input_column\": \"city\", \"fill_value\": \"none\"}}"))
        .append(',');
    f.append(
            node(
                "scale",
                "fill_city",
                "sagemaker.spark.process_numeric_0.1",
                "{\"operator\": \"Scale values\", \"scale_values_parameters\": {\"scaler\": \"Standard scaler\","
                    + " \"standard_scaler_parameters\": {\"input_column\": [\"n1\", \"n2\", \"n3\", \"n4\", \"n5\"], \"center\": true}}}"))
        .append(',');
    f.append(
            node(
                "city",
                "scale",
                "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\": \"One-hot encode\", \"one_hot_encode_parameters\": {\"input_column\": \"city\","
                    + " \"invalid_handling_strategy\": \"Keep\", \"drop_last\": false, \"output_style\": \"Columns\"}}"))
        .append(',');
    f.append(
            node(
                "segment",
                "city",
                "sagemaker.spark.encode_categorical_0.1",
                "{\"operator\": \"One-hot encode\", \"one_hot_encode_parameters\": {\"input_column\": \"segment\","
                    + " \"invalid_handling_strategy\": \"Keep\", \"drop_last\": false, \"output_style\": \"Columns\"}}"))
        .append(',');
    f.append(
            node(
                "dates",
                "segment",
                "featurize_date_time",
                "{\"input_column\": \"signup\", \"year\": true, \"month\": true, \"day_of_year\": true}"))
        .append(',');
    f.append(
            node(
                "formula",
                "dates",
                "sagemaker.spark.custom_formula_0.1",
                "{\"output_column\": \"value\", \"formula\": \"n6 * 2 + c1\"}"))
        .append(',');
    f.append(
            node(
                "upper",
                "formula",
                "sagemaker.spark.format_string_0.1",
                "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"t1\"}}"))
        .append(',');
    f.append(
        node(
            "drop",
            "upper",
            "sagemaker.spark.manage_columns_0.1",
            "{\"operator\": \"Drop column\", \"drop_column_parameters\": {\"column_to_drop\": \"t3\"}}"));
    if (output != null) {
      f.append(
              ",{\"node_id\": \"out\", \"type\": \"DESTINATION\", \"operator\": \"sagemaker.spark.s3_destination_0.1\",")
          .append(" \"parameters\": {\"output_config\": {\"output_path\": \"")
          .append(output)
          .append("\", \"output_content_type\": \"PARQUET\"}},")
          .append(
              " \"inputs\": [{\"name\": \"df\", \"node_id\": \"drop\", \"output_name\": \"default\"}]}");
    }
    return f.append("]}").toString();
  }

  /** DuckDB SQL doing what {@link #flow} does, the one-hot categories written out. */
  static String duckDbSql(Path csv, Path parquet) {
    StringBuilder onehot = new StringBuilder();
    for (String c : CITIES) {
      onehot
          .append(", CASE WHEN city = '")
          .append(c)
          .append("' THEN 1.0 ELSE 0.0 END AS city_")
          .append(c);
    }
    onehot.append(", CASE WHEN city = 'none' THEN 1.0 ELSE 0.0 END AS city_none");
    for (String s : SEGMENTS) {
      onehot
          .append(", CASE WHEN segment = '")
          .append(s)
          .append("' THEN 1.0 ELSE 0.0 END AS segment_")
          .append(s);
    }
    StringBuilder stats = new StringBuilder();
    StringBuilder scaled = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      stats
          .append(i > 1 ? ", " : "")
          .append("avg(n")
          .append(i)
          .append(") m")
          .append(i)
          .append(", stddev_samp(n")
          .append(i)
          .append(") s")
          .append(i);
      scaled
          .append(", (n")
          .append(i)
          .append(" - m")
          .append(i)
          .append(") / s")
          .append(i)
          .append(" AS n")
          .append(i);
    }
    return "COPY (WITH t AS (SELECT entity_id, event_time,"
        + " COALESCE(TRY_CAST(n1 AS DOUBLE), 0) n1, TRY_CAST(n2 AS DOUBLE) n2, TRY_CAST(n3 AS DOUBLE) n3,"
        + " TRY_CAST(n4 AS DOUBLE) n4, TRY_CAST(n5 AS DOUBLE) n5, TRY_CAST(n6 AS DOUBLE) n6, TRY_CAST(n7 AS DOUBLE) n7,"
        + " TRY_CAST(n8 AS DOUBLE) n8, TRY_CAST(c1 AS BIGINT) c1, TRY_CAST(c2 AS BIGINT) c2, TRY_CAST(c3 AS BIGINT) c3,"
        + " TRY_CAST(c4 AS BIGINT) c4, COALESCE(NULLIF(TRIM(city), ''), 'none') city, segment,"
        + " TRY_CAST(signup AS DATE) signup, t1, t2, t3"
        + " FROM read_csv('"
        + csv.toAbsolutePath()
        + "', header = true, all_varchar = true)),"
        + " s AS (SELECT "
        + stats
        + " FROM t)"
        + " SELECT entity_id, event_time"
        + scaled
        + ", n6, n7, n8, c1, c2, c3, c4"
        + onehot
        + ", signup, year(signup) AS signup_year, month(signup) - 1 AS signup_month,"
        + " dayofyear(signup) - 1 AS signup_day_of_year, n6 * 2 + c1 AS value, upper(t1) AS t1, t2"
        + " FROM t, s) TO '"
        + parquet.toAbsolutePath()
        + "' (FORMAT parquet)";
  }
}
