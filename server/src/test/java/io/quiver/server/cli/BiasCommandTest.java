package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver bias} end to end, in process: arguments in, analysis.json and exit code out. */
class BiasCommandTest {
  private static final String VECTOR_A =
      "sex,y,yhat,group\n"
          + "M,1,1,A\nM,1,1,A\nM,1,0,A\nM,1,1,A\nM,0,1,B\nM,0,0,B\n"
          + "F,1,1,A\nF,0,0,A\nF,0,1,B\nF,0,0,B\n";

  @TempDir Path dir;
  private Path csv;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeInput() throws Exception {
    csv = Files.writeString(dir.resolve("rows.csv"), VECTOR_A);
  }

  private int run(String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("bias"));
    all.addAll(List.of(args));
    return line.execute(all.toArray(String[]::new));
  }

  private static JsonNode metric(JsonNode section, String facet, int entry, String name) {
    for (JsonNode m : section.path("facets").path(facet).path(entry).path("metrics")) {
      if (m.path("name").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no metric " + name);
  }

  @Test
  void printsAnalysisJsonForTheWorkedExample() throws Exception {
    int code =
        run(
            "--source",
            csv.toString(),
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
    assertThat(code).as(err.toString()).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toString());
    JsonNode pre = root.path("pre_training_bias_metrics");
    JsonNode post = root.path("post_training_bias_metrics");
    assertThat(pre.path("label_value_or_threshold").asText()).isEqualTo("1");
    assertThat(metric(pre, "sex", 0, "CI").path("value").asDouble()).isCloseTo(0.2, within(1e-9));
    assertThat(metric(pre, "sex", 0, "CDDL").path("value").asDouble())
        .isCloseTo(0.68, within(1e-9));
    assertThat(metric(post, "sex", 0, "DI").path("value").asDouble()).isCloseTo(0.75, within(1e-9));
    assertThat(metric(post, "sex", 0, "GE").path("value").asDouble())
        .isCloseTo(29.0 / 242, within(1e-9));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void withoutFacetValuesEveryValueIsEvaluatedOneVsRest() throws Exception {
    assertThat(
            run(
                "--source",
                csv.toString(),
                "--label",
                "y",
                "--label-threshold",
                "0.5",
                "--facet",
                "sex"))
        .isZero();
    JsonNode pre = new ObjectMapper().readTree(out.toString()).path("pre_training_bias_metrics");
    assertThat(pre.path("label_value_or_threshold").asText()).isEqualTo("(0.5, 1.0]");
    assertThat(pre.path("facets").path("sex"))
        .extracting(n -> n.path("value_or_threshold").asText())
        .containsExactly("M", "F");
    assertThat(metric(pre, "sex", 0, "CI").path("value").asDouble()).isCloseTo(-0.2, within(1e-9));
  }

  @Test
  void strictModeAndHtmlReport() throws Exception {
    Path html = dir.resolve("bias.html");
    assertThat(
            run(
                "--source",
                csv.toString(),
                "--label",
                "y",
                "--label-values",
                "1",
                "--facet",
                "sex",
                "--facet-values",
                "F",
                "--strict",
                "--report",
                html.toString()))
        .isZero();
    assertThat(Files.readString(html)).contains("strict mode").contains(">KL</abbr>");
  }

  // Issue 15: quiver bias failed outright on a missing value in a thresholded column.
  @Test
  void missingValuesAreSkippedAndCountedUnlessFailIsAsked() throws Exception {
    Path gappy = Files.writeString(dir.resolve("gappy.csv"), VECTOR_A + "M,,1,A\n,1,1,B\n");

    int skipped =
        run(
            "--source",
            gappy.toString(),
            "--label",
            "y",
            "--label-threshold",
            "0.5",
            "--facet",
            "sex",
            "--facet-values",
            "F");

    assertThat(skipped).as(err.toString()).isZero();
    assertThat(err.toString())
        .isEqualTo("quiver: left out 2 of 12 rows for a missing value (--missing skip)\n");
    err.getBuffer().setLength(0);
    out.getBuffer().setLength(0);
    int failed =
        run(
            "--source",
            gappy.toString(),
            "--label",
            "y",
            "--label-threshold",
            "0.5",
            "--facet",
            "sex",
            "--facet-values",
            "F",
            "--missing",
            "fail");
    assertThat(failed).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "quiver: Cannot compute bias: row 11 of "
                + gappy
                + " has no value in column 'y' (leave such rows out with --missing skip)\n");
  }

  @Test
  void missingColumnIsOneLineAndExitCode1() {
    int code =
        run("--source", csv.toString(), "--label", "y", "--label-values", "1", "--facet", "gender");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("quiver: Cannot read ")
        .contains("no column 'gender'")
        .doesNotContain("\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void facetValueWithNoRowsNamesTheValue() {
    int code =
        run(
            "--source",
            csv.toString(),
            "--label",
            "y",
            "--label-values",
            "1",
            "--facet",
            "sex",
            "--facet-values",
            "X");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot compute bias for facet 'sex': no row has the value 'X', so group"
                + " d is empty");
  }

  @Test
  void nonNumericValueUnderAThresholdIsOneLine() {
    int code =
        run(
            "--source",
            csv.toString(),
            "--label",
            "y",
            "--label-values",
            "1",
            "--facet",
            "sex",
            "--facet-threshold",
            "3");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot compute bias: row 1 of "
                + csv
                + " has 'M' in column 'sex',"
                + " which is not a number (a threshold needs numbers)");
  }

  @Test
  void missingFileIsOneLine() {
    int code =
        run(
            "--source",
            dir.resolve("none.csv").toString(),
            "--label",
            "y",
            "--label-values",
            "1",
            "--facet",
            "sex");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).endsWith("none.csv: no such file").doesNotContain("\n");
  }

  @Test
  void labelValuesAndThresholdTogetherAreAUsageError() {
    int code =
        run(
            "--source",
            csv.toString(),
            "--label",
            "y",
            "--label-values",
            "1",
            "--label-threshold",
            "0.5",
            "--facet",
            "sex");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }
}
