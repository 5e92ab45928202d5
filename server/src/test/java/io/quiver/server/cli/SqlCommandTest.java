package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver sql}: the three output formats and a bad query, on a closed data directory. */
class SqlCommandTest {
  @TempDir Path dir;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void writeHistory() {
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(dir).ttlSweepInterval(Duration.ZERO).build())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("drivers")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .feature("note", FeatureType.STRING)
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
      store.putRecord(
          "drivers",
          Record.builder()
              .set("id", "d1")
              .set("ts", 1_700_000_000.0)
              .set("note", "a, \"quoted\" note")
              .build());
      store.putRecord(
          "drivers", Record.builder().set("id", "d2").set("ts", 1_700_000_001.0).build());
    }
  }

  @Test
  void csvHasAHeaderThenRowsQuotedWhereNeeded() {
    assertThat(run("--format", "csv", "SELECT id, note FROM quiver.drivers ORDER BY id")).isZero();
    assertThat(out.toString().lines())
        .containsExactly("id,note", "d1,\"a, \"\"quoted\"\" note\"", "d2,");
  }

  @Test
  void jsonIsOneObjectPerLineWithNulls() {
    assertThat(run("--format", "json", "SELECT id, note FROM quiver.drivers ORDER BY id")).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "{\"id\":\"d1\",\"note\":\"a, \\\"quoted\\\" note\"}", "{\"id\":\"d2\",\"note\":null}");
  }

  @Test
  void tableShowsEveryRow() {
    assertThat(run("--format", "table", "SELECT id FROM quiver.drivers ORDER BY id")).isZero();
    assertThat(out.toString()).contains("| id |", "| d1 |", "| d2 |");
  }

  @Test
  void badQueryIsOneLineWithThePosition() {
    assertThat(run("SELECT nope FROM quiver.drivers")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: From line 1, column 8 to line 1, column 11: Column 'nope' not found in any table");
    assertThat(out.toString()).isEmpty();
  }

  // ---- Issue 15: errors a user can act on, typed JSON

  @Test
  void aMisspelledKeywordSaysWhere() {
    assertThat(run("SELEC * FROM quiver.drivers")).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("quiver: Cannot parse the query at line 1, column 1: ")
        .doesNotContain("Exception", "java.", "org.apache");
  }

  @Test
  void dataManipulationIsRefusedAsReadOnly() {
    for (String dml :
        new String[] {
          "DELETE FROM quiver.drivers",
          "INSERT INTO quiver.drivers (id) VALUES ('x')",
          "UPDATE quiver.drivers SET note = 'x'"
        }) {
      assertThat(run(dml)).as(dml).isEqualTo(1);
      assertThat(err.toString().strip())
          .as(dml)
          .startsWith(
              "quiver: Cannot run "
                  + dml.substring(0, dml.indexOf(' '))
                  + ": SQL in Quiver is read-only");
    }
  }

  @Test
  void aFailingCastFailsBeforeAnyOutput() {
    assertThat(
            run(
                "--format",
                "csv",
                "SELECT id, CAST(note AS INTEGER) AS n FROM quiver.drivers ORDER BY id"))
        .isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip())
        .isEqualTo(
            "quiver: Cannot run the query: 'a, \"quoted\" note' is not a number (a CAST or"
                + " arithmetic needs one)");
  }

  @Test
  void jsonKeepsNumbersAndNullsTyped() {
    int status =
        run(
            "--format",
            "json",
            "SELECT id, ts, CAST(1 AS INTEGER) AS n1, 2.5 AS half, ts > 0 AS positive, note"
                + " FROM quiver.drivers ORDER BY id");
    assertThat(status).as(err::toString).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "{\"id\":\"d1\",\"ts\":1700000000,\"n1\":1,\"half\":2.5,\"positive\":true,\"note\":\"a,"
                + " \\\"quoted\\\" note\"}",
            "{\"id\":\"d2\",\"ts\":1700000001,\"n1\":1,\"half\":2.5,\"positive\":true,\"note\":null}");
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "sql";
    all[1] = "--data-dir";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return line.execute(all);
  }
}
