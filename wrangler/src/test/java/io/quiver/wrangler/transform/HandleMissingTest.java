package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.DOUBLE;
import static io.quiver.wrangler.frame.DataType.LONG;
import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handle missing: fill, impute (Spark's Imputer), indicator, drop; values worked by hand. */
class HandleMissingTest {
  private static final Schema SCHEMA =
      Schema.of(new Column("s", STRING), new Column("d", DOUBLE), new Column("n", LONG));
  private static final List<Object[]> ROWS =
      List.of(
          new Object[] {"a", 1.0, 1L},
          new Object[] {"", 2.0, null},
          new Object[] {"  ", null, 4L},
          new Object[] {null, Double.NaN, 2L},
          new Object[] {"b", 6.0, 3L},
          new Object[] {"a", null, null});

  private static StepRunner.Result run(String parameters) {
    return StepRunner.run(SCHEMA, ROWS, "sagemaker.spark.handle_missing_0.1", parameters);
  }

  @Test
  void fillReplacesNullBlankAndNaN() {
    assertThat(
            run("{\"operator\": \"Fill missing\", \"fill_missing_parameters\": {\"input_column\": \"s\", \"fill_value\": \"?\"}}")
                .column("s"))
        .containsExactly("a", "?", "?", "?", "b", "a");
    StepRunner.Result d =
        run(
            "{\"operator\": \"Fill missing\", \"fill_missing_parameters\": {\"input_column\": \"d\", \"fill_value\": \"0\", \"output_column\": \"d0\"}}");
    assertThat(d.column("d0")).containsExactly(1.0, 2.0, 0.0, 0.0, 6.0, 0.0);
    assertThatThrownBy(
            () ->
                run(
                    "{\"operator\": \"Fill missing\", \"fill_missing_parameters\": {\"input_column\": \"n\", \"fill_value\": \"none\"}}"))
        .hasMessageContaining("fill_value 'none' is not a long value");
  }

  @Test
  void indicatorAndDrop() {
    assertThat(
            run("{\"operator\": \"Add indicator for missing\", \"add_indicator_for_missing_parameters\": {\"input_column\": \"d\"}}")
                .column("d_indicator"))
        .containsExactly(false, false, true, true, false, true);
    assertThat(
            run("{\"operator\": \"Drop missing\", \"drop_missing_parameters\": {\"input_column\": \"s\"}}")
                .column("s"))
        .containsExactly("a", "b", "a");
    assertThat(run("{\"operator\": \"Drop missing\", \"drop_missing_parameters\": {}}").rows())
        .containsExactly(List.of("a", 1.0, 1L), List.of("b", 6.0, 3L));
  }

  @Test
  void imputeMeanAndMedianLikeSparkImputer() {
    // d's values that are not missing: 1, 2, 6 -> mean 3, median (rank ceil(1.5) = 2) 2.
    StepRunner.Result mean =
        run(
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\","
                + " \"numeric_parameters\": {\"input_column\": [\"d\", \"n\"], \"strategy\": \"Mean\"}}}");
    assertThat(mean.column("d")).containsExactly(1.0, 2.0, 3.0, 3.0, 6.0, 3.0);
    // n: 1, 4, 2, 3 -> mean 2.5, cast back to long as Spark's Imputer does: 2.
    assertThat(mean.column("n")).containsExactly(1L, 2L, 4L, 2L, 3L, 2L);
    assertThat(mean.trained().get("surrogates").get("d").asDouble()).isEqualTo(3.0);
    assertThat(mean.trained().get("_hash").asText()).startsWith("sha256:");
    StepRunner.Result median =
        run(
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\","
                + " \"numeric_parameters\": {\"input_column\": \"d\", \"strategy\": \"Approximate Median\", \"output_column\": \"d_med\"}}}");
    assertThat(median.column("d_med")).containsExactly(1.0, 2.0, 2.0, 2.0, 6.0, 2.0);
  }

  @Test
  void imputeCategoricalTakesTheMostFrequentValue() {
    StepRunner.Result mode =
        run(
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Categorical\","
                + " \"categorical_parameters\": {\"input_column\": \"s\"}}}");
    assertThat(mode.column("s")).containsExactly("a", "a", "a", "a", "b", "a");
  }

  @Test
  void numericImputationOfTextIsRefused() {
    assertThatThrownBy(
            () ->
                run(
                    "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\","
                        + " \"numeric_parameters\": {\"input_column\": \"s\"}}}"))
        .hasMessageContaining("column 's' is string (expected: long or float");
  }
}
