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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scalers (Spark ML's StandardScaler, RobustScaler, MinMaxScaler, MaxAbsScaler) and encoders. */
class NumericAndEncodingTest {
  private static final Schema X = Schema.of(new Column("x", LONG));
  private static final List<Object[]> XS =
      List.of(
          new Object[] {1L},
          new Object[] {2L},
          new Object[] {3L},
          new Object[] {4L},
          new Object[] {null});

  private static List<Object> scale(String scaler, String parameters) {
    String key = Parameters.snake(scaler) + "_parameters";
    return StepRunner.run(
            X,
            XS,
            "sagemaker.spark.process_numeric_0.1",
            "{\"operator\": \"Scale values\", \"scale_values_parameters\": {\"scaler\": \""
                + scaler
                + "\", \""
                + key
                + "\": {\"input_column\": \"x\""
                + parameters
                + "}}}")
        .column("x");
  }

  private static void assertClose(List<Object> actual, Double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] == null) {
        assertThat(actual.get(i)).isNull();
      } else {
        assertThat((Double) actual.get(i)).isCloseTo(expected[i], within(1e-12));
      }
    }
  }

  @Test
  void standardScalerUsesTheSampleDeviationAndCentresOnRequest() {
    // mean 2.5, sample std sqrt(5/3) = 1.2909944487358056
    double std = Math.sqrt(5.0 / 3);
    assertClose(scale("Standard scaler", ""), 1 / std, 2 / std, 3 / std, 4 / std, null);
    assertClose(
        scale("Standard scaler", ", \"center\": true"),
        -1.5 / std,
        -0.5 / std,
        0.5 / std,
        1.5 / std,
        null);
  }

  @Test
  void robustMinMaxAndMaxAbs() {
    // median: rank ceil(2) = 2; q25 rank 1 = 1; q75 rank 3 = 3; range 2
    assertClose(scale("Robust scaler", ""), 0.5, 1.0, 1.5, 2.0, null);
    assertClose(scale("Robust scaler", ", \"center\": true"), -0.5, 0.0, 0.5, 1.0, null);
    assertClose(scale("Min-max scaler", ""), 0.0, 1 / 3.0, 2 / 3.0, 1.0, null);
    assertClose(
        scale("Min-max scaler", ", \"min\": -1, \"max\": 1"), -1.0, -1 / 3.0, 1 / 3.0, 1.0, null);
    assertClose(scale("Max absolute scaler", ""), 0.25, 0.5, 0.75, 1.0, null);
  }

  @Test
  void aConstantColumnScalesLikeSpark() {
    List<Object[]> same = List.of(new Object[] {5L}, new Object[] {5L});
    String p = "{\"scaler\": \"%s\", \"%s_parameters\": {\"input_column\": \"x\"}}";
    assertThat(
            StepRunner.run(
                    X,
                    same,
                    "process_numeric",
                    String.format(p, "Standard scaler", "standard_scaler"))
                .column("x"))
        .containsExactly(0.0, 0.0);
    assertThat(
            StepRunner.run(
                    X,
                    same,
                    "process_numeric",
                    String.format(p, "Min-max scaler", "min_max_scaler"))
                .column("x"))
        .containsExactly(0.5, 0.5);
  }

  private static final Schema S = Schema.of(new Column("s", STRING));

  private static List<Object[]> rows(String... values) {
    List<Object[]> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(new Object[] {v});
    }
    return rows;
  }

  private static StepRunner.Result encode(
      String operator, String parameters, List<Object[]> fit, List<Object[]> rows) {
    return StepRunner.run(
        S,
        fit,
        rows,
        "encode_categorical",
        "{\"operator\": \""
            + operator
            + "\", \""
            + Parameters.snake(operator)
            + "_parameters\": {\"input_column\": \"s\""
            + parameters
            + "}}");
  }

  @Test
  void ordinalFollowsStringIndexerOrderAndTheInvalidStrategies() {
    List<Object[]> fit = rows("b", "a", "b", "c");
    StepRunner.Result result = encode("Ordinal encode", "", fit, rows("b", "a", "c"));
    assertThat(result.column("s")).containsExactly(0.0, 1.0, 2.0);
    assertThat(result.trained().get("labels").toString()).isEqualTo("[\"b\",\"a\",\"c\"]");
    assertThat(
            encode(
                    "Ordinal encode",
                    ", \"invalid_handling_strategy\": \"Keep\"",
                    fit,
                    rows("d", null))
                .column("s"))
        .containsExactly(3.0, 3.0);
    assertThat(
            encode(
                    "Ordinal encode",
                    ", \"invalid_handling_strategy\": \"Replace with NaN\"",
                    fit,
                    rows("d"))
                .column("s"))
        .containsExactly(Double.NaN);
    assertThat(
            encode(
                    "Ordinal encode",
                    ", \"invalid_handling_strategy\": \"Skip\"",
                    fit,
                    rows("d", "a"))
                .column("s"))
        .containsExactly(1.0);
    assertThatThrownBy(() -> encode("Ordinal encode", "", fit, rows("d")))
        .hasMessageContaining("value 'd' in column 's' is not a category the step was fitted on");
  }

  @Test
  void oneHotDropsTheLastSlotAndKeepsInvalidLast() {
    List<Object[]> fit = rows("b", "a", "b", "c");
    assertThat(encode("One-hot encode", "", fit, rows("b", "a", "c")).column("s"))
        .containsExactly(List.of(1.0, 0.0), List.of(0.0, 1.0), List.of(0.0, 0.0));
    assertThat(
            encode(
                    "One-hot encode",
                    ", \"invalid_handling_strategy\": \"Keep\", \"drop_last\": false",
                    fit,
                    rows("c", "zz"))
                .column("s"))
        .containsExactly(List.of(0.0, 0.0, 1.0, 0.0), List.of(0.0, 0.0, 0.0, 1.0));
    assertThat(
            encode("One-hot encode", ", \"invalid_handling_strategy\": \"Keep\"", fit, rows("zz"))
                .column("s"))
        .containsExactly(List.of(0.0, 0.0, 0.0));
    StepRunner.Result columns =
        encode(
            "One-hot encode",
            ", \"output_style\": \"Columns\", \"drop_last\": false",
            fit,
            rows("a"));
    assertThat(columns.schema()).hasToString("(s_b float, s_a float, s_c float)");
    assertThat(columns.rows()).containsExactly(List.of(0.0, 1.0, 0.0));
  }

  @Test
  void similarityEncodingIsDeterministicAndCloseForSimilarValues() {
    List<Object[]> values = rows("California", "Califronia", "Texas");
    StepRunner.Result result =
        encode(
            "Similarity encode",
            ", \"target_dimension\": 30, \"output_column\": \"e\"",
            values,
            values);
    List<?> california = (List<?>) result.column("e").get(0);
    List<?> typo = (List<?>) result.column("e").get(1);
    List<?> texas = (List<?>) result.column("e").get(2);
    assertThat(california).hasSize(30);
    assertThat(equalSlots(california, typo)).isGreaterThan(equalSlots(california, texas));
    assertThat(result.trained().get("coefficients")).hasSize(30);
  }

  private static int equalSlots(List<?> a, List<?> b) {
    int equal = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).equals(b.get(i))) {
        equal++;
      }
    }
    return equal;
  }

  @Test
  void murmur3MatchesTheReferenceVectors() {
    // Known MurmurHash3_x86_32 values (seed 0 and 42).
    assertThat(SimilarityEncode.murmur3(new byte[0], 0)).isZero();
    assertThat(
            SimilarityEncode.murmur3("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0))
        .isEqualTo(0x248bfa47);
    assertThat(
            SimilarityEncode.murmur3(
                "The quick brown fox jumps over the lazy dog"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                0))
        .isEqualTo(0x2e4ff723);
  }

  @Test
  void scalingTextIsRefused() {
    assertThatThrownBy(
            () ->
                StepRunner.run(
                    S,
                    rows("a"),
                    "process_numeric",
                    "{\"scaler\": \"Standard scaler\", \"standard_scaler_parameters\": {\"input_column\": \"s\"}}"))
        .hasMessageContaining("column 's' is string (expected: long or float); cast it first");
  }

  static final Schema XD = Schema.of(new Column("x", DOUBLE));
}
