package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.DOUBLE;
import static io.quiver.wrangler.frame.DataType.LONG;
import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Steps over whole tables: rows, sampling, joins, concatenation, splits, explode, windows. */
class TableStepsTest {
  private static final Schema KV = Schema.of(new Column("k", STRING), new Column("v", LONG));
  private static final List<Object[]> KVS =
      List.of(
          new Object[] {"b", 2L},
          new Object[] {"a", 1L},
          new Object[] {null, 5L},
          new Object[] {"a", 1L},
          new Object[] {"c", null});

  private static StepRunner.Result rows(String operator, String parameters) {
    return StepRunner.table(
        "sagemaker.spark.manage_rows_0.1",
        "{\"operator\": \""
            + operator
            + "\", \""
            + Parameters.snake(operator)
            + "_parameters\": {"
            + parameters
            + "}}",
        "default",
        List.of(KV, KVS));
  }

  @Test
  void sortPutsNullsFirstAscendingAndLastDescending() {
    assertThat(rows("Sort", "\"sort_by\": \"k\", \"order\": \"Ascending\"").column("k"))
        .containsExactly(null, "a", "a", "b", "c");
    assertThat(
            rows(
                    "Sort",
                    "\"conditions\": [{\"sort_by\": \"v\", \"order\": \"Descending\"}, {\"sort_by\": \"k\", \"order\": \"Ascending\"}]")
                .column("v"))
        .containsExactly(5L, 2L, 1L, 1L, null);
  }

  @Test
  void shuffleIsASeededPermutationAndDuplicatesGo() {
    List<List<Object>> first = rows("Shuffle", "\"seed\": 7").rows();
    assertThat(rows("Shuffle", "\"seed\": 7").rows()).isEqualTo(first);
    assertThat(first)
        .containsExactlyInAnyOrderElementsOf(rows("Sort", "\"sort_by\": \"k\"").rows());
    assertThat(rows("Drop duplicates", "").column("k")).containsExactly("b", "a", null, "c");
  }

  @Test
  void samplingKeepsExactSizesInInputOrder() {
    Schema n = Schema.of(new Column("n", LONG), new Column("g", STRING));
    List<Object[]> numbers = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      numbers.add(new Object[] {i, i < 80 ? "x" : "y"});
    }
    String p = "{\"operator\": \"%s\", \"%s_parameters\": {%s}}";
    assertThat(
            StepRunner.table(
                    "sampling",
                    String.format(p, "Limit", "limit", "\"limit\": 3"),
                    "default",
                    List.of(n, numbers))
                .column("n"))
        .containsExactly(0L, 1L, 2L);
    List<Object> random =
        StepRunner.table(
                "sampling",
                String.format(p, "Random", "random", "\"sample_size\": 10, \"seed\": 1"),
                "default",
                List.of(n, numbers))
            .column("n");
    assertThat(random).hasSize(10).isSorted();
    List<Object> strata =
        StepRunner.table(
                "sampling",
                String.format(
                    p, "Stratified", "stratified", "\"column\": \"g\", \"sample_size\": 10"),
                "default",
                List.of(n, numbers))
            .column("g");
    assertThat(strata.stream().filter("x"::equals).count()).isEqualTo(8);
    assertThat(strata.stream().filter("y"::equals).count()).isEqualTo(2);
  }

  private static final Schema LEFT = Schema.of(new Column("id", LONG), new Column("name", STRING));
  private static final Schema RIGHT =
      Schema.of(new Column("id", DOUBLE), new Column("score", LONG));
  private static final List<Object[]> LEFTS =
      List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}, new Object[] {null, "n"});
  private static final List<Object[]> RIGHTS =
      List.of(new Object[] {1.0, 10L}, new Object[] {1.0, 11L}, new Object[] {3.0, 30L});

  private static StepRunner.Result join(String type) {
    return StepRunner.table(
        "sagemaker.spark.join_tables_0.1",
        "{\"left_column\": \"id\", \"right_column\": \"id\", \"join_type\": \"" + type + "\"}",
        "default",
        List.of(LEFT, LEFTS, RIGHT, RIGHTS));
  }

  @Test
  void joinsNameSharedColumnsWithSuffixesAndMatchWholeDoublesToLongs() {
    StepRunner.Result inner = join("inner");
    assertThat(inner.schema()).hasToString("(id_0 long, name string, id_1 float, score long)");
    assertThat(inner.rows())
        .containsExactly(List.of(1L, "a", 1.0, 10L), List.of(1L, "a", 1.0, 11L));
    assertThat(join("leftouter").column("name")).containsExactly("a", "a", "b", "n");
    assertThat(join("right").column("score")).containsExactly(10L, 11L, 30L);
    assertThat(join("fullouter").rows()).hasSize(5);
    assertThat(join("leftsemi").rows()).containsExactly(List.of(1L, "a"));
    assertThat(join("leftanti").column("name")).containsExactly("b", "n");
    assertThat(join("cross").rows()).hasSize(9);
    assertThatThrownBy(() -> join("sideways")).hasMessageContaining("join_type 'sideways'");
  }

  @Test
  void concatenateMatchesColumnsByName() {
    Schema other = Schema.of(new Column("v", DOUBLE), new Column("k", STRING));
    StepRunner.Result both =
        StepRunner.table(
            "concatenate_datasets",
            "{\"remove_duplicates\": true, \"indicator_column_name\": \"source\"}",
            "default",
            List.of(KV, KVS, other, List.of(new Object[] {2.5, "z"}, new Object[] {1.0, "a"})));
    assertThat(both.schema()).hasToString("(k string, v float, source long)");
    assertThat(both.column("k")).containsExactly("b", "a", null, "c", "z");
    assertThat(both.column("source")).containsExactly(0L, 0L, 0L, 0L, 1L);
  }

  private static StepRunner.Result split(
      String operator, String parameters, String output, List<Object[]> data, Schema schema) {
    return StepRunner.table(
        "sagemaker.spark.split_0.1",
        "{\"operator\": \""
            + operator
            + "\", \""
            + Parameters.snake(operator)
            + "_parameters\": {\"splits\":"
            + " [{\"name\": \"Train\", \"percentage\": 0.7}, {\"name\": \"Test\", \"percentage\": 0.3}]"
            + parameters
            + "}}",
        output,
        List.of(schema, data));
  }

  @Test
  void splitsAreExactDisjointAndKeyed() {
    Schema n = Schema.of(new Column("n", LONG), new Column("key", LONG));
    List<Object[]> data = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      data.add(new Object[] {i, i % 10});
    }
    List<Object> train = split("Randomized split", "", "Train", data, n).column("n");
    List<Object> test = split("Randomized split", "", "Test", data, n).column("n");
    assertThat(train).hasSize(70).isSorted();
    assertThat(test).hasSize(30);
    Set<Object> all = new HashSet<>(train);
    all.addAll(test);
    assertThat(all).hasSize(100);
    assertThat(split("Randomized split", "", "default", data, n).column("n")).isEqualTo(train);
    assertThat(split("Ordered split", "", "Test", data, n).column("n")).first().isEqualTo(70L);
    Set<Object> trainKeys =
        new HashSet<>(
            split("Split by key", ", \"key_columns\": [\"key\"]", "Train", data, n).column("key"));
    Set<Object> testKeys =
        new HashSet<>(
            split("Split by key", ", \"key_columns\": [\"key\"]", "Test", data, n).column("key"));
    assertThat(trainKeys).doesNotContainAnyElementsOf(testKeys);
    assertThat(trainKeys.size() + testKeys.size()).isEqualTo(10);
  }

  @Test
  void explodeGivesARowPerElement() {
    Schema arrays =
        Schema.of(
            new Column("id", LONG),
            new Column("tags", io.quiver.wrangler.frame.DataType.STRING_LIST));
    StepRunner.Result exploded =
        StepRunner.table(
            "explode_array",
            "{\"input_column\": \"tags\"}",
            "default",
            List.of(
                arrays,
                List.of(
                    new Object[] {1L, new String[] {"x", "y"}},
                    new Object[] {2L, null},
                    new Object[] {3L, new String[0]})));
    assertThat(exploded.column("tags_flatten")).containsExactly("x", "y");
    assertThat(exploded.column("id")).containsExactly(1L, 1L);
  }

  @Test
  void lagsAndRollingWindowsFollowEachSeriesInTimeOrder() {
    Schema s = Schema.of(new Column("id", STRING), new Column("t", LONG), new Column("x", LONG));
    List<Object[]> data =
        List.of(
            new Object[] {"a", 3L, 30L},
            new Object[] {"a", 1L, 10L},
            new Object[] {"b", 1L, 100L},
            new Object[] {"a", 2L, 20L},
            new Object[] {"b", 2L, 200L});
    StepRunner.Result lag =
        StepRunner.table(
            "time_series",
            "{\"operator\": \"Lag features\", \"Lag features_parameters\": {\"id_column\": \"id\", \"timestamp_column\": \"t\", \"input_column\": \"x\", \"lag\": 1}}",
            "default",
            List.of(s, data));
    assertThat(lag.column("x_lag_1")).containsExactly(20L, null, null, 10L, 100L);
    StepRunner.Result rolling =
        StepRunner.table(
            "time_series",
            "{\"operator\": \"Rolling window features\", \"rolling_window_features_parameters\": {\"id_column\": \"id\", \"timestamp_column\": \"t\","
                + " \"input_column\": \"x\", \"window_size\": 2, \"features\": [\"mean\", \"count\"]}}",
            "default",
            List.of(s, data));
    assertThat(rolling.column("x_rolling_mean_2")).containsExactly(15.0, null, null, 10.0, 100.0);
    assertThat(rolling.column("x_rolling_count_2")).containsExactly(2L, 0L, 0L, 1L, 1L);
    StepRunner.Result history =
        StepRunner.table(
            "time_series",
            "{\"operator\": \"Lag features\", \"Lag features_parameters\": {\"id_column\": \"id\", \"timestamp_column\": \"t\", \"input_column\": \"x\","
                + " \"lag\": 2, \"include_whole_lag_window\": true, \"drop_rows_without_history\": true}}",
            "default",
            List.of(s, data));
    assertThat(history.rows()).containsExactly(Arrays.asList("a", 3L, 30L, 20L, 10L));
  }
}
