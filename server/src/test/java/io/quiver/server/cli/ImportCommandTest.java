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
            "Created feature group g with 3 features, online and offline under "
                + tmp.resolve("data")
                    .resolve("offline-store")
                    .toUri()
                    .toString()
                    .replaceAll("/$", ""))
        .contains("\nImported g: read 2, written 2, skipped 0 in ");
    try (QuiverStore store = QuiverStore.open(tmp.resolve("data"))) {
      Record b = store.getRecord("g", "b").orElseThrow().record();
      assertThat(b.getLong("orders")).isEqualTo(4);
    }
    // Issue 15: --create made an online-only group, an empty table in quiver sql.
    assertThat(CliRun.sql(tmp.resolve("data"), "SELECT id, orders FROM quiver.g ORDER BY id"))
        .containsExactly("id,orders", "a,3", "b,4");
  }

  @Test
  void onlineOnlyCreatesAGroupWithoutHistory() throws IOException {
    String in = csv("id,ts,orders", "a,2024-05-01T00:00:00Z,3");

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
            "--online-only");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("Created feature group g with 3 features, online only\n");
    try (QuiverStore store = QuiverStore.open(tmp.resolve("data"))) {
      assertThat(store.describeFeatureGroup("g").spec().hasOfflineStore()).isFalse();
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
        .contains(
            "\"FeatureName\" : \"id\",\n    \"FeatureType\" : \"Integral\"",
            "\"FeatureName\" : \"spend\",\n    \"FeatureType\" : \"Fractional\"");
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

    int status = run("--feature-group", "g", "--source", in, "--no-bulk");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "quiver: Cannot import "
                + in
                + ":3: Cannot put record into feature group g: value 'x' of feature 'n' is not a valid"
                + " Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807) (rows committed"
                + " before its batch: 0; nothing from that batch onward was written)\n")
        .endsWith("quiver: no row of the input is committed; to resume, run the same command\n");
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
    QuiverStore.open(tmp.resolve("data")).close();

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

  // ---- Issue 15: validation before work, honest inference, resumption

  @Test
  void mistypedDataDirectoryIsRefusedInsteadOfCreated() throws IOException {
    String in = csv("id,ts", "a,2024-05-01T00:00:00Z");

    int status = run("--feature-group", "g", "--source", in);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "--data-dir: "
                + tmp.resolve("data")
                + " holds no Quiver data directory (expected: a folder made by quiver serve or"
                + " quiver import --create; check the path, or add --create to start one)");
    assertThat(Files.exists(tmp.resolve("data"))).isFalse();
  }

  @Test
  void conflictingOptionsAreRefused() throws IOException {
    String in = csv("id,ts", "a,2024-05-01T00:00:00Z");
    String[][] cases = {
      {"--online-only"},
      {"--record-identifier", "id"},
      {
        "--create",
        "--record-identifier",
        "id",
        "--event-time",
        "ts",
        "--online-only",
        "--offline-store",
        "file:///tmp/x"
      },
      {"--batch-size", "0"},
      {"--format", "xlsx"},
      {"--skip-rows", "-1"},
    };
    String[] expected = {
      "--online-only and --offline-store go with --create",
      "--record-identifier and --event-time go with --create",
      "--online-only and --offline-store contradict each other",
      "--batch-size: 0 (expected: >= 1)",
      "--format: xlsx (expected: csv, json, parquet or orc)",
      "--skip-rows: -1 (expected: >= 0)",
    };
    for (int i = 0; i < cases.length; i++) {
      err.getBuffer().setLength(0);
      List<String> args = new ArrayList<>(List.of("--feature-group", "g", "--source", in));
      args.addAll(List.of(cases[i]));

      assertThat(run(args.toArray(String[]::new))).as(expected[i]).isEqualTo(2);
      assertThat(err.toString()).startsWith(expected[i]);
    }
    assertThat(Files.exists(tmp.resolve("data"))).isFalse();
  }

  @Test
  void unfitSampledRowsFailTheDryRunUnlessSkipped() throws IOException {
    String in =
        csv(
            "id,ts,amount",
            "a,2024-05-01T00:00:00Z,1.5",
            "b,2024-05-01T00:00:01Z,n/a",
            "c,tomorrow,2.5",
            "d,2024-05-01T00:00:03Z,3");
    String[] dryRun = {
      "--feature-group",
      "g",
      "--source",
      in,
      "--create",
      "--record-identifier",
      "id",
      "--event-time",
      "ts",
      "--dry-run"
    };

    int failed = run(dryRun);

    assertThat(failed).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "quiver: Cannot create feature group g: 2 of the 4 sampled rows do not fit the"
                + " inferred definition ("
                + in
                + ":3: amount 'n/a' is not Fractional; "
                + in
                + ":4: ts 'tomorrow' is not an ISO-8601 UTC time); fix those rows, or pass"
                + " --on-error skip to import without them\n");
    assertThat(out.toString()).isEmpty();

    err.getBuffer().setLength(0);
    List<String> skip = new ArrayList<>(List.of(dryRun));
    skip.addAll(List.of("--on-error", "skip"));
    assertThat(run(skip.toArray(String[]::new))).isZero();
    assertThat(out.toString())
        .contains("\"FeatureName\" : \"amount\",\n    \"FeatureType\" : \"Fractional\"");
    assertThat(err.toString()).startsWith("quiver: warning: 2 of the 4 sampled rows do not fit");
    assertThat(Files.exists(tmp.resolve("data"))).isFalse();
  }

  @Test
  void createWithSkipImportsTheRowsThatFit() throws IOException {
    String in =
        csv(
            "id,ts,amount",
            "a,2024-05-01T00:00:00Z,1.5",
            "b,2024-05-01T00:00:01Z,n/a",
            "c,2024-05-01T00:00:02Z,2");

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
            "--on-error",
            "skip");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Imported g: read 3, written 2, skipped 1 in ");
  }

  @Test
  void aFeatureTheFileHasNoColumnForIsWarnedAbout() throws IOException {
    String in = csv("id,ts,orders,city", "a,2024-05-01T00:00:00Z,3,Paris");
    assertThat(
            run(
                "--feature-group",
                "g",
                "--source",
                in,
                "--create",
                "--record-identifier",
                "id",
                "--event-time",
                "ts"))
        .isZero();
    err.getBuffer().setLength(0);

    int status =
        run("--feature-group", "g", "--source", csv("id,ts,orders", "b,2024-05-02T00:00:00Z,4"));

    assertThat(status).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains(
            "quiver: warning: "
                + tmp.resolve("in.csv")
                + " has no column for feature 'city' of feature group g: it stays empty in every"
                + " record");
  }

  @Test
  void aFailedImportSaysHowToResumeAndTheResumedRunWritesEachRowOnce() throws IOException {
    String in =
        csv(
            "id,ts,n",
            "a,2024-05-01T00:00:00Z,1",
            "b,2024-05-01T00:00:00Z,2",
            "c,2024-05-01T00:00:00Z,3",
            "d,2024-05-01T00:00:00Z,x",
            "e,2024-05-01T00:00:00Z,5");
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
        "--batch-size",
        "2",
        "--no-bulk");

    assertThat(err.toString())
        .endsWith(
            "quiver: rows 1 to 2 of the input are committed, none after them; to resume, run the same command with --skip-rows 2 and without --create\n");

    Files.writeString(
        tmp.resolve("in.csv"),
        Files.readString(tmp.resolve("in.csv"))
            .replace("d,2024-05-01T00:00:00Z,x", "d,2024-05-01T00:00:00Z,4"));
    err.getBuffer().setLength(0);
    int resumed =
        run("--feature-group", "g", "--source", in, "--skip-rows", "2", "--batch-size", "2");

    assertThat(resumed).as(err.toString()).isZero();
    assertThat(CliRun.sql(tmp.resolve("data"), "SELECT id, n FROM quiver.g ORDER BY id"))
        .containsExactly("id,n", "a,1", "b,2", "c,3", "d,4", "e,5");
  }

  // Issue 15: "LocalInputFile@549949be is not a Parquet file".
  @Test
  void aFileThatIsNotParquetIsNamed() throws IOException {
    Path fake = tmp.resolve("fake.parquet");
    Files.writeString(fake, "id,ts\na,1.0\n", UTF_8);

    int status =
        run(
            "--feature-group",
            "g",
            "--source",
            fake.toString(),
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("quiver: Cannot read " + fake)
        .contains("not a Parquet file")
        .doesNotContain("InputFile@", "Exception");
  }
}
