package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parse column as type, against Spark's CAST from string. */
class CastTypeTest {
  private static final Schema TEXT = Schema.of(new Column("v", STRING));

  private static StepRunner.Result cast(String type, String extra, String... values) {
    List<Object[]> rows = Arrays.stream(values).map(v -> new Object[] {v}).toList();
    return StepRunner.run(
        TEXT,
        rows,
        "sagemaker.spark.cast_single_data_type_0.1",
        "{\"column\": \"v\", \"original_data_type\": \"string\", \"data_type\": \""
            + type
            + "\""
            + extra
            + "}");
  }

  @Test
  void longsTrimAndTruncateAndNullWhatIsNotANumber() {
    assertThat(
            cast(
                    "long",
                    "",
                    "12",
                    " 7 ",
                    "1.9",
                    "-3.7",
                    "abc",
                    "",
                    null,
                    "9223372036854775808",
                    "1e3")
                .column("v"))
        .containsExactly(12L, 7L, 1L, -3L, null, null, null, null, null);
  }

  @Test
  void floatsAndBooleans() {
    assertThat(cast("float", "", "1.5", "1e3", " -2 ", "x", "NaN").column("v"))
        .containsExactly(1.5, 1000.0, -2.0, null, Double.NaN);
    assertThat(cast("bool", "", "yes", "F", "1", "maybe").column("v"))
        .containsExactly(true, false, true, null);
  }

  @Test
  void datesUseTheirFormatAndTimesAnySparkLayout() {
    long jan31 = LocalDate.of(2024, 1, 31).toEpochDay() * 86_400_000_000L;
    assertThat(cast("date", "", "31-01-2024", "2024-01-31").column("v"))
        .containsExactly(jan31, null);
    assertThat(cast("date", ", \"date_formatting\": \"yyyy-MM-dd\"", "2024-01-31").column("v"))
        .containsExactly(jan31);
    long noon = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-01-31T12:00:00Z"));
    assertThat(
            cast(
                    "datetime",
                    "",
                    "2024-01-31 12:00:00",
                    "2024-01-31T13:00:00+01:00",
                    "01/31/2024 12:00",
                    "soon")
                .column("v"))
        .containsExactly(noon, noon, noon, null);
  }

  @Test
  void nonCastableValuesCanBeReplacedKeptOrDropped() {
    StepRunner.Result replaced =
        cast(
            "long",
            ", \"non_castable_data_handling_method\": \"replace_value_with_new_col\", \"replace_value\": \"0\"",
            "5",
            "x",
            null);
    assertThat(replaced.schema()).hasToString("(v long, v_typecast_error string)");
    assertThat(replaced.rows())
        .containsExactly(List.of(5L, ""), List.of(0L, "x"), Arrays.asList(0L, null));
    StepRunner.Result dropped =
        cast("long", ", \"non_castable_data_handling_method\": \"drop\"", "5", "x", null, "6");
    assertThat(dropped.column("v")).containsExactly(5L, 6L);
  }

  @Test
  void decimalsParseToExactlyWhatJavaParses() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    io.quiver.wrangler.frame.Row row = new io.quiver.wrangler.frame.Row(1);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
      int digits = 1 + random.nextInt(17);
      int point = random.nextInt(digits + 1);
      for (int d = 0; d < digits; d++) {
        if (d == point && d > 0) {
          text.append('.');
        }
        text.append((char) ('0' + random.nextInt(10)));
      }
      String t = text.toString();
      assertThat(ValueCasts.fromText(t, io.quiver.wrangler.frame.DataType.DOUBLE, row, 0, null))
          .isTrue();
      assertThat(Double.doubleToRawLongBits(row.getDouble(0)))
          .as(t)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(t)));
    }
  }
}
