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
