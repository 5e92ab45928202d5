package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver analyze} and {@code quiver analyze check} end to end, in process. */
class AnalyzeCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("analyze"));
    all.addAll(List.of(args));
    return line.execute(all.toArray(String[]::new));
  }

  private Path csv(String name, int rows, double shift, boolean newPlan) throws Exception {
    Random random = new Random(name.hashCode());
    StringBuilder text = new StringBuilder("age,income,plan,churned\n");
    String[] plans = {"basic", "plus", "pro"};
    for (int i = 0; i < rows; i++) {
      boolean churned = random.nextDouble() < 0.3;
      text.append(18 + random.nextInt(60))
          .append(',')
          .append(
              String.format(
                  java.util.Locale.ROOT, "%.2f", 50_000 + shift + 8_000 * random.nextGaussian()))
          .append(',')
          .append(newPlan && i % 4 == 0 ? "enterprise" : plans[random.nextInt(3)])
          .append(',')
          .append(churned ? "yes" : "no")
          .append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void analysesACsvFileAndWritesReportChartsAndBaseline() throws Exception {
    Path source = csv("customers.csv", 3_000, 0, false);
    int code =
        run(
            "--source", source.toString(),
            "--target", "churned",
            "--report", dir.resolve("report.html").toString(),
            "--png", dir.resolve("charts").toString(),
            "--baseline", dir.resolve("baseline").toString(),
            "--histogram", "age:churned",
            "--scatter", "age,income:plan");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("3,000 rows, 4 columns")
        .contains("income")
        .contains("Quick model (classification): F1");
    assertThat(dir.resolve("report.html")).exists();
    assertThat(dir.resolve("report-data")).isDirectoryContaining("glob:**.json");
    try (var files = Files.list(dir.resolve("charts"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).contains("histogram-age-by-churned.png", "histogram-age-by-churned.json");
      assertThat(names.stream().filter(n -> n.endsWith(".png")).count())
          .isEqualTo(names.stream().filter(n -> n.endsWith(".json")).count());
    }
    JsonNode constraints =
        new ObjectMapper().readTree(dir.resolve("baseline/constraints.json").toFile());
    assertThat(constraints.path("features").get(2).path("string_constraints").path("domains"))
        .hasSize(3);

    out.getBuffer().setLength(0);
    assertThat(
            run(
                "check",
                "--baseline",
                dir.resolve("baseline").toString(),
                "--source",
                source.toString()))
        .isZero();
    assertThat(out.toString()).contains("meets the baseline");

    out.getBuffer().setLength(0);
    Path drifted = csv("later.csv", 3_000, 30_000, true);
    int checked =
        run(
            "check",
            "--baseline",
            dir.resolve("baseline").toString(),
            "--source",
            drifted.toString());
    assertThat(checked).isEqualTo(AnalyzeCommand.Check.EXIT_VIOLATIONS);
    assertThat(out.toString())
        .contains("income baseline_drift_check")
        .contains("plan categorical_values_check");
    JsonNode violations =
        new ObjectMapper().readTree(dir.resolve("baseline/constraint_violations.json").toFile());
    assertThat(violations.path("violations").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badInputIsOneLineWithoutAStackTrace() throws Exception {
    Path source = csv("customers.csv", 100, 0, false);
    assertThat(run("--source", source.toString(), "--target", "nope")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot analyse column 'nope': no such column in "
                + source
                + " (columns: age, income, plan, churned)")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    err.getBuffer().setLength(0);
    assertThat(run("--target", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Name one input");
  }
}
