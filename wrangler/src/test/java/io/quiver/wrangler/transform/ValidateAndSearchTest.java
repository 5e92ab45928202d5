package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validate string (Python's str predicates) and search and edit, worked by hand. */
class ValidateAndSearchTest {
  private static final Schema TEXT = Schema.of(new Column("s", STRING));

  private static List<Object> run(
      String family, String operator, String parameters, String... values) {
    List<Object[]> rows = Arrays.stream(values).map(v -> new Object[] {v}).toList();
    return StepRunner.run(
            TEXT,
            rows,
            family,
            "{\"operator\": \""
                + operator
                + "\", \""
                + Parameters.snake(operator)
                + "_parameters\": {\"input_column\": \"s\", \"output_column\": \"out\""
                + (parameters.isEmpty() ? "" : ", " + parameters)
                + "}}")
        .column("out");
  }

  private static List<Object> validate(String operator, String parameters, String... values) {
    return run("validate_string", operator, parameters, values);
  }

  private static List<Object> search(String operator, String parameters, String... values) {
    return run("search_and_edit", operator, parameters, values);
  }

  @Test
  void predicatesFollowPythonStrMethods() {
    assertThat(validate("Is alphanumeric", "", "abc1", "", "a b", null))
        .containsExactly(1L, 0L, 0L, null);
    assertThat(validate("Is alpha", "", "abc", "abc1")).containsExactly(1L, 0L);
    assertThat(validate("Is digit", "", "0123", "1.5")).containsExactly(1L, 0L);
    assertThat(validate("Is space", "", " \t", "")).containsExactly(1L, 0L);
    assertThat(validate("Is title", "", "Hello World", "Hello world", "123"))
        .containsExactly(1L, 0L, 0L);
    assertThat(validate("Is lower", "", "abc1", "aBc", "123")).containsExactly(1L, 0L, 0L);
    assertThat(validate("Is upper", "", "ABC1", "ABc")).containsExactly(1L, 0L);
    assertThat(validate("Is numeric", "", "12\u00bd", "12a")).containsExactly(1L, 0L);
    assertThat(validate("Is decimal", "", "12", "12\u00bd")).containsExactly(1L, 0L);
    assertThat(validate("Length equals", "\"length\": 3", "abc", "ab")).containsExactly(1L, 0L);
    assertThat(validate("Starts with", "\"prefix\": \"ab\"", "abc", "cab")).containsExactly(1L, 0L);
    assertThat(validate("Ends with", "\"suffix\": \"ab\"", "cab", "abc")).containsExactly(1L, 0L);
  }

  @Test
  void findsAreZeroBasedAndMinusOneWhenAbsent() {
    assertThat(search("Find substring", "\"pattern\": \"an\"", "banana", "xyz"))
        .containsExactly(1L, -1L);
    assertThat(search("Find substring", "\"pattern\": \"an\", \"start\": 2", "banana"))
        .containsExactly(3L);
    assertThat(search("Find substring (from right)", "\"pattern\": \"an\"", "banana"))
        .containsExactly(3L);
    assertThat(
            search(
                "Matches prefix", "\"pattern\": \"BA\", \"case_sensitive\": false", "banana", "ab"))
        .containsExactly(true, false);
    assertThat(search("Matches pattern", "\"pattern\": \"b[an]+\"", "banana", "abc"))
        .containsExactly(true, false);
  }

  @Test
  void extractsReplacesAndSplits() {
    assertThat(search("Find all occurrences", "\"pattern\": \"\\\\d+\"", "ab12cd34"))
        .containsExactly(List.of("12", "34"));
    assertThat(search("Extract using regex", "\"pattern\": \"\\\\d+\"", "ab12cd34", "none"))
        .containsExactly("12", null);
    assertThat(
            search(
                "Extract between delimiters",
                "\"left_delimiter\": \"<\", \"right_delimiter\": \">\"",
                "a<b>c",
                "a<b"))
        .containsExactly("b", null);
    assertThat(
            search("Extract from position", "\"start_position\": 1, \"length\": 3", "abcdef", "ab"))
        .containsExactly("bcd", "b");
    assertThat(
            search(
                "Find and replace substring",
                "\"pattern\": \"a+\", \"replacement\": \"$\"",
                "baaad"))
        .containsExactly("b$d");
    assertThat(
            search(
                "Replace between delimiters",
                "\"left_delimiter\": \"<\", \"right_delimiter\": \">\", \"replacement\": \"*\"",
                "a<b>c"))
        .containsExactly("a<*>c");
    assertThat(
            search(
                "Replace from position",
                "\"start_position\": 1, \"length\": 2, \"replacement\": \"-\"",
                "abcd"))
        .containsExactly("a-d");
    assertThat(search("Convert regex to missing", "\"pattern\": \"[0-9]{3}\"", "123", "12a"))
        .containsExactly("123", null);
    assertThat(
            search(
                "Split string by delimiter",
                "\"delimiter\": \",\", \"max_splits\": 1",
                "a,b,c",
                "a"))
        .containsExactly(List.of("a", "b,c"), List.of("a"));
  }

  @Test
  void aBadRegexIsReported() {
    assertThatThrownBy(() -> search("Extract using regex", "\"pattern\": \"(\"", "x"))
        .hasMessageContaining("pattern '(' is not a valid regular expression");
  }
}
