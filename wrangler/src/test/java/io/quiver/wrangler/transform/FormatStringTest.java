package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.LONG;
import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format string, against values worked out by hand from Spark's lpad/rpad and Python's str. */
class FormatStringTest {
  private static final Schema TEXT = Schema.of(new Column("s", STRING));

  private static List<Object> format(String operator, String parameters, String... values) {
    List<Object[]> rows = Arrays.stream(values).map(v -> new Object[] {v}).toList();
    String key = Parameters.snake(operator) + "_parameters";
    return StepRunner.run(
            TEXT,
            rows,
            "sagemaker.spark.format_string_0.1",
            "{\"operator\": \""
                + operator
                + "\", \""
                + key
                + "\": {\"input_column\": \"s\""
                + (parameters.isEmpty() ? "" : ", " + parameters)
                + "}}")
        .column("s");
  }

  @Test
  void caseChangesFollowPython() {
    assertThat(format("Lower case", "", "AbC", null)).containsExactly("abc", null);
    assertThat(format("Upper case", "", "AbC")).containsExactly("ABC");
    assertThat(format("Title case", "", "hello wORLD they're", ""))
        .containsExactly("Hello World They'Re", "");
    assertThat(format("Capitalize", "", "hELLO wORLD")).containsExactly("Hello world");
    assertThat(format("Swap case", "", "AbC 1")).containsExactly("aBc 1");
  }

  @Test
  void padsCutLongerValuesToTheWidthLikeSpark() {
    assertThat(format("Left pad", "\"width\": 5, \"fill_character\": \"*\"", "ab", "abcdefg", ""))
        .containsExactly("***ab", "abcde", "*****");
    assertThat(format("Right pad", "\"width\": \"5\", \"fill_character\": \"*\"", "ab", "abcdefg"))
        .containsExactly("ab***", "abcde");
    assertThat(format("Prepend zeros", "\"width\": 4", "7", "12345"))
        .containsExactly("0007", "1234");
  }

  @Test
  void centreKeepsLongerValuesAndPutsTheOddFillLeftLikePython() {
    // "ab".center(6, "*") == "**ab**"; "ab".center(5, "*") == "**ab*"; "abc".center(4, "*") ==
    // "abc*"
    assertThat(
            format("Center (pad on either side)", "\"width\": 6, \"fill_character\": \"*\"", "ab"))
        .containsExactly("**ab**");
    assertThat(
            format("Center (pad on either side)", "\"width\": 5, \"fill_character\": \"*\"", "ab"))
        .containsExactly("**ab*");
    assertThat(
            format(
                "Center (pad on either side)",
                "\"width\": 4, \"fill_character\": \"*\"",
                "abc",
                "abcdef"))
        .containsExactly("abc*", "abcdef");
  }

  @Test
  void stripsTakeCharactersOrWhiteSpace() {
    assertThat(format("Strip characters from left", "\"characters_to_remove\": \"xy\"", "xyhixy"))
        .containsExactly("hixy");
    assertThat(format("Strip characters from right", "\"characters_to_remove\": \"xy\"", "xyhixy"))
        .containsExactly("xyhi");
    assertThat(format("Strip left and right", "", "  hi \t")).containsExactly("hi");
  }

  @Test
  void prefixSuffixAndSymbols() {
    assertThat(format("Add prefix", "\"prefix\": \"id-\"", "7", null))
        .containsExactly("id-7", null);
    assertThat(format("Add suffix", "\"suffix\": \"!\"", "hey")).containsExactly("hey!");
    assertThat(format("Remove symbols", "", "a-b_c!(d)")).containsExactly("abcd");
    assertThat(format("Remove symbols", "\"symbols\": \"$.\"", "$1.50")).containsExactly("150");
  }

  @Test
  void numbersAreFormattedAsTheirText() {
    Schema numbers = Schema.of(new Column("n", LONG));
    StepRunner.Result result =
        StepRunner.run(
            numbers,
            List.<Object[]>of(new Object[] {42L}),
            "format_string",
            "{\"operator\": \"Prepend zeros\", \"prepend_zeros_parameters\":"
                + " {\"input_column\": \"n\", \"width\": 4, \"output_column\": \"padded\"}}");
    assertThat(result.schema().toString()).isEqualTo("(n long, padded string)");
    assertThat(result.column("padded")).containsExactly("0042");
  }

  @Test
  void badParametersNameTheNodeAndTheRule() {
    assertThatThrownBy(() -> format("Left pad", "\"width\": 5, \"fill_character\": \"**\"", "x"))
        .hasMessageContaining("Node 'step'")
        .hasMessageContaining("fill_character is '**' (expected: one character)");
    assertThatThrownBy(() -> format("Left pad", "\"width\": 5000", "x"))
        .hasMessageContaining("width is 5000 (expected: 0 to 1000)");
    assertThatThrownBy(() -> format("Reverse", "", "x"))
        .hasMessageContaining("parameter 'operator' is 'Reverse' (expected one of: Lower case");
  }
}
