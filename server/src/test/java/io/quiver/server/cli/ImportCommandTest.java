package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all =
        new ArrayList<>(List.of("import", "--data-dir", tmp.resolve("data").toString()));
    all.addAll(List.of(args));
    return line.execute(all.toArray(String[]::new));
  }

  private String csv(String... lines) throws IOException {
    Path file = tmp.resolve("in.csv");
    Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
    return file.toString();
  }

  @Test
  void createsTheGroupAndImportsTheFile() throws IOException {
    String in = csv("id,ts,orders", "a,2024-05-01T00:00:00Z,3", "b,2024-05-01T00:00:01Z,4");

    int status =
        run(
            "--feature-group",
            "g",
            "--source",
            in,
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith(
            "Created feature group g with 3 features\nImported g: read 2, written 2, skipped 0 in ");
    try (QuiverStore store = QuiverStore.open(tmp.resolve("data"))) {
      Record b = store.getRecord("g", "b").orElseThrow().record();
      assertThat(b.getLong("orders")).isEqualTo(4);
    }
  }

  @Test
  void dryRunPrintsTheInferredDefinitionAndWritesNothing() throws IOException {
    String in = csv("id,ts,orders,spend", "1,1700000000.5,3,1.5");

    int status =
        run(
            "--feature-group",
            "g",
            "--source",
            in,
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts",
            "--dry-run");

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "{\n"
                + "  \"RecordIdentifierFeatureName\": \"id\",\n"
                + "  \"EventTimeFeatureName\": \"ts\",\n"
                + "  \"FeatureDefinitions\": [\n"
                + "    {\"FeatureName\": \"id\", \"FeatureType\": \"Integral\"},\n"
                + "    {\"FeatureName\": \"ts\", \"FeatureType\": \"Fractional\"},\n"
                + "    {\"FeatureName\": \"orders\", \"FeatureType\": \"Integral\"},\n"
                + "    {\"FeatureName\": \"spend\", \"FeatureType\": \"Fractional\"}\n"
                + "  ]\n"
                + "}\n");
    assertThat(Files.exists(tmp.resolve("data"))).isFalse();
  }

  @Test
  void badRowFailsWithOneLineAndTheSummary() throws IOException {
    String in = csv("id,ts,n", "a,2024-05-01T00:00:00Z,1", "b,2024-05-01T00:00:00Z,x");
    run(
        "--feature-group",
        "g",
        "--source",
        in,
        "--create",
        "--record-identifier",
        "id",
        "--event-time",
        "ts",
        "--infer-rows",
        "1");
    out.getBuffer().setLength(0);

    int status = run("--feature-group", "g", "--source", in);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .endsWith(
            "quiver: Cannot import "
                + in
                + ":3: Cannot put record into feature group g: value 'x' of feature 'n' is not a valid"
                + " Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807) (rows committed"
                + " before its batch: 0; nothing from that batch onward was written)\n");
    assertThat(out.toString()).startsWith("Failed: g: read 2, written 0, skipped 0 in ");
  }

  @Test
  void skipPrintsEachRejectedRowAndCountsIt() throws IOException {
    String in = csv("id,ts,n", "a,2024-05-01T00:00:00Z,1", "b,2024-05-01T00:00:00Z,x");
    run(
        "--feature-group",
        "g",
        "--source",
        in,
        "--create",
        "--record-identifier",
        "id",
        "--event-time",
        "ts",
        "--infer-rows",
        "1",
        "--on-error",
        "skip");

    assertThat(err.toString())
        .contains(
            "quiver: rejected " + in + ":3: Cannot put record into feature group g: value 'x'");
    assertThat(out.toString()).contains("Imported g: read 2, written 1, skipped 1 in ");
  }

  @Test
  void missingFileIsOneLineWithoutStackTrace() {
    int status = run("--feature-group", "g", "--source", tmp.resolve("nope.csv").toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "quiver: Cannot find " + tmp.resolve("nope.csv") + ": no such file or directory\n");
  }

  @Test
  void eventTimeOfIntegersIsRefusedWithAClearMessage() throws IOException {
    String in = csv("id,ts", "a,1700000000");

    int status =
        run(
            "--feature-group",
            "g",
            "--source",
            in,
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts",
            "--dry-run");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "quiver: Cannot infer feature definitions from "
                + in
                + ": event time column 'ts' holds integers (expected: ISO-8601"
                + " UTC times such as 2024-05-01T12:00:00Z, or fractional seconds since the epoch such as 1714564800.0);"
                + " convert the column, or create the feature group yourself and import into it\n");
  }
}
