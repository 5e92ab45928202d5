package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.DOUBLE;
import static io.quiver.wrangler.frame.DataType.LONG;
import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Date/time components, Calcite formulas and outlier handling, worked by hand. */
class DateFormulaOutliersTest {
  private static final Schema TS = Schema.of(new Column("ts", STRING));

  private static StepRunner.Result datetime(String parameters, String... values) {
    List<Object[]> rows = java.util.Arrays.stream(values).map(v -> new Object[] {v}).toList();
    return StepRunner.run(
        TS, rows, "featurize_date_time", "{\"input_column\": \"ts\"" + parameters + "}");
  }

  @Test
  void ordinalComponentsStartAtZeroUnlessOneIndexed() {
    String all =
        ", \"year\": true, \"month\": true, \"day\": true, \"hour\": true, \"minute\": true, \"second\": true,"
            + " \"week_of_year\": true, \"day_of_year\": true, \"quarter\": true";
    // 2024-02-29 13:45:30 is ISO week 9, day 60 of the year, quarter 1.
    StepRunner.Result ordinal = datetime(all, "2024-02-29T13:45:30Z", "later");
    assertThat(ordinal.schema().names())
        .containsExactly(
            "ts",
            "ts_year",
            "ts_month",
            "ts_day",
            "ts_hour",
            "ts_minute",
            "ts_second",
            "ts_week_of_year",
            "ts_day_of_year",
            "ts_quarter");
    assertThat(ordinal.rows().get(0).subList(1, 10))
        .containsExactly(2024L, 1L, 28L, 13L, 45L, 30L, 8L, 59L, 0L);
    assertThat(ordinal.rows().get(1).subList(1, 10)).containsOnlyNulls();
    StepRunner.Result one = datetime(all + ", \"use_one_indexing\": true", "2024-02-29 13:45:30");
    assertThat(one.rows().get(0).subList(1, 10))
        .containsExactly(2024L, 2L, 29L, 13L, 45L, 30L, 9L, 60L, 1L);
  }

  @Test
  void cyclicGivesASineAndCosinePerPeriodicComponent() {
    StepRunner.Result cyclic =
        datetime(
            ", \"year\": true, \"hour\": true, \"output_mode\": \"Cyclic\", \"output_column\": \"t\"",
            "2024-02-29T13:00:00Z");
    assertThat(cyclic.schema().names()).containsExactly("ts", "t_year", "t_hour_1", "t_hour_2");
    double angle = 13 * 2 * Math.PI / 24;
    assertThat((Double) cyclic.rows().get(0).get(1)).isEqualTo(2024.0);
    assertThat((Double) cyclic.rows().get(0).get(2)).isCloseTo(Math.sin(angle), within(1e-15));
    assertThat((Double) cyclic.rows().get(0).get(3)).isCloseTo(Math.cos(angle), within(1e-15));
    StepRunner.Result vector =
        datetime(
            ", \"month\": true, \"quarter\": true, \"output_format\": \"Vector\", \"output_column\": \"v\"",
            "2024-11-05");
    assertThat(vector.column("v")).containsExactly(List.of(10.0, 3.0));
  }

  private static final Schema ORDERS =
      Schema.of(new Column("id", LONG), new Column("name", STRING), new Column("amount", DOUBLE));
  private static final List<Object[]> ORDER_ROWS =
      List.of(
          new Object[] {1L, "ann", 2.5},
          new Object[] {2L, null, 10.0},
          new Object[] {3L, "bo", null});

  private static StepRunner.Result formula(String formula, String output) {
    return StepRunner.run(
        ORDERS,
        ORDER_ROWS,
        "sagemaker.spark.custom_formula_0.1",
        "{\"output_column\": \"" + output + "\", \"formula\": \"" + formula + "\"}");
  }

  @Test
  void formulasAreSqlEvaluatedByCalcite() {
    assertThat(formula("amount * 2 + id", "f").column("f")).containsExactly(6.0, 22.0, null);
    assertThat(formula("id * 10", "g").schema().find("g").orElseThrow().type()).isEqualTo(LONG);
    assertThat(formula("CASE WHEN amount > 5 THEN 'big' ELSE 'small' END", "size").column("size"))
        .containsExactly("small", "big", "small");
    assertThat(formula("concat(name, '-', CAST(id AS VARCHAR))", "label").column("label"))
        .containsExactly("ann-1", null, "bo-3");
    assertThat(formula("upper(name)", "name").column("name")).containsExactly("ANN", null, "BO");
  }

  @Test
  void aBadFormulaSaysWhatIsWrong() {
    assertThatThrownBy(() -> formula("amount *", "f")).hasMessageContaining("is not valid SQL");
    assertThatThrownBy(() -> formula("price * 2", "f")).hasMessageContaining("price");
  }

  private static final Schema V = Schema.of(new Column("v", DOUBLE));
  private static final List<Object[]> VS =
      List.of(
          new Object[] {1.0},
          new Object[] {2.0},
          new Object[] {3.0},
          new Object[] {4.0},
          new Object[] {100.0});

  private static StepRunner.Result outliers(String operator, String parameters) {
    return StepRunner.run(
        V,
        VS,
        "sagemaker.spark.handle_outliers_0.1",
        "{\"operator\": \""
            + operator
            + "\", \""
            + Parameters.snake(operator)
            + "_parameters\": {\"input_column\": \"v\""
            + parameters
            + "}}");
  }

  @Test
  void standardDeviationBoundsClipRemoveOrInvalidate() {
    // mean 22, sample std sqrt(7610 / 4) = 43.6176...; k = 1 -> [-21.6176, 65.6176]
    double upper = 22 + Math.sqrt(7610 / 4.0);
    StepRunner.Result clip =
        outliers("Standard deviation numeric outliers", ", \"standard_deviations\": 1");
    assertThat(clip.column("v")).containsExactly(1.0, 2.0, 3.0, 4.0, upper);
    assertThat(clip.trained().get("upper_threshold").asDouble()).isEqualTo(upper);
    assertThat(
            outliers(
                    "Standard deviation numeric outliers",
                    ", \"standard_deviations\": 1, \"fix_method\": \"Remove\"")
                .column("v"))
        .containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(
            outliers(
                    "Standard deviation numeric outliers",
                    ", \"standard_deviations\": 1, \"fix_method\": \"Invalidate\"")
                .column("v"))
        .containsExactly(1.0, 2.0, 3.0, 4.0, null);
  }

  @Test
  void quantileRobustAndFixedBounds() {
    // 20th percentile: rank ceil(1) = 1 -> 1; 80th: rank 4 -> 4.
    assertThat(
            outliers(
                    "Quantile numeric outliers",
                    ", \"lower_quantile\": 0.2, \"upper_quantile\": 0.8")
                .column("v"))
        .containsExactly(1.0, 2.0, 3.0, 4.0, 4.0);
    // Robust: values within [q25 = 2, q75 = 4] are 2, 3, 4: mean 3, std 1; k = 2 -> [1, 5].
    assertThat(
            outliers("Robust standard deviation numeric outliers", ", \"standard_deviations\": 2")
                .column("v"))
        .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
    assertThat(
            outliers("Min-max numeric outliers", ", \"lower_threshold\": 2, \"upper_threshold\": 3")
                .column("v"))
        .containsExactly(2.0, 2.0, 3.0, 3.0, 3.0);
  }

  @Test
  void rareValuesAreReplaced() {
    Schema s = Schema.of(new Column("c", STRING));
    List<Object[]> rows =
        List.of(
            new Object[] {"a"},
            new Object[] {"a"},
            new Object[] {"a"},
            new Object[] {"b"},
            new Object[] {"c"},
            new Object[] {null});
    assertThat(
            StepRunner.run(
                    s,
                    rows,
                    "handle_outliers",
                    "{\"operator\": \"Replace rare values\", \"replace_rare_values_parameters\": {\"input_column\": \"c\","
                        + " \"replacement_string\": \"other\", \"absolute_threshold\": 1, \"fraction_threshold\": 0}}")
                .column("c"))
        .containsExactly("a", "a", "a", "other", "other", "other");
  }
}
