package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.ServerFixture;
import io.quiver.server.auth.AccessKeys;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quiver sql --endpoint}: the same text as {@code --data-dir} for the same query, errors
 * with the local query's position, credentials, and a server found on the local port.
 */
class SqlCommandEndpointTest {
  static final String QUERY =
      "SELECT id, ts, fare, n, note, is_deleted, write_time IS NOT NULL AS written, event_timestamp"
          + " FROM quiver.trips ORDER BY id";

  @TempDir static Path dataDir;
  static ServerFixture fixture;
  String out;
  String err;

  @BeforeAll
  static void start() {
    QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dataDir)
                .account("123456789012")
                .ttlSweepInterval(Duration.ZERO)
                .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("trips")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("fare", FeatureType.FRACTIONAL)
            .feature("n", FeatureType.INTEGRAL)
            .feature("note", FeatureType.STRING)
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.putRecord(
        "trips",
        Record.builder()
            .set("id", "a")
            .set("ts", 1_700_000_000.125)
            .set("fare", 12.5)
            .set("n", 3L)
            .set("note", "comma, \"quote\"")
            .build());
    store.putRecord(
        "trips",
        Record.builder().set("id", "b").set("ts", 1_700_000_060.0).set("fare", 1e-7).build());
    store.flush();
    store.putRecord(
        "trips",
        Record.builder()
            .set("id", "c")
            .set("ts", 1_700_000_120.5)
            .set("fare", 123456789.0)
            .set("n", -4L)
            .build());
    fixture =
        ServerFixture.start(
            store,
            b ->
                b.accessKeys(
                    AccessKeys.of(Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  String endpoint() {
    return "grpc://127.0.0.1:" + fixture.server().flightSqlPort();
  }

  List<String> withKeys(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--access-key-id",
            ServerFixture.ACCESS_KEY,
            "--secret-access-key",
            ServerFixture.SECRET_KEY));
    return all;
  }

  @Test
  void everyFormatPrintsWhatTheLocalQueryPrints() {
    for (String format : List.of("csv", "json", "table")) {
      assertThat(
              run(
                  null,
                  "sql",
                  "--data-dir",
                  dataDir.toString(),
                  "--account",
                  "123456789012",
                  "--format",
                  format,
                  QUERY))
          .isZero();
      String local = out;
      assertThat(local.lines()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(
              run(
                  null,
                  withKeys("sql", "--endpoint", endpoint(), "--format", format, QUERY)
                      .toArray(String[]::new)))
          .as(err)
          .isZero();
      assertThat(out).isEqualTo(local);
    }
  }

  @Test
  void errorsKeepTheLocalQuerysPositionAndMessage() {
    assertThat(run(null, "sql", "--data-dir", dataDir.toString(), "SELECT nope FROM trips"))
        .isEqualTo(1);
    String local = err;
    assertThat(local).contains("line 1, column 8");
    assertThat(
            run(
                null,
                withKeys("sql", "--endpoint", endpoint(), "SELECT nope FROM trips")
                    .toArray(String[]::new)))
        .isEqualTo(1);
    assertThat(err).isEqualTo(local);
  }

  @Test
  void missingCredentialsSayWhichOptionsToGive() {
    assertThat(run(null, "sql", "--endpoint", endpoint(), "SELECT 1")).isEqualTo(1);
    assertThat(err.strip())
        .startsWith("quiver: Missing credentials")
        .endsWith(
            "(give --access-key-id and --secret-access-key, or set AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY)");
  }

  @Test
  void withoutDataDirAServerOnTheLocalPortAnswers() {
    assertThat(
            run(
                fixture.server().flightSqlPort(),
                withKeys("sql", "SELECT count(*) AS n FROM trips").toArray(String[]::new)))
        .as(err)
        .isZero();
    assertThat(out.lines()).containsExactly("n", "3");
  }

  @Test
  void badEndpointsAreRefusedWithTheExpectedForm() {
    assertThat(run(null, "sql", "--endpoint", "http://127.0.0.1:1", "SELECT 1")).isEqualTo(2);
    assertThat(err).contains("expected: grpc://host:port, or grpcs://host:port for TLS");
    assertThat(
            run(
                null,
                "sql",
                "--endpoint",
                endpoint(),
                "--data-dir",
                dataDir.toString(),
                "SELECT 1"))
        .isEqualTo(2);
    assertThat(err).contains("--data-dir and --endpoint exclude each other");
  }

  @Test
  void theGrpcPortIsNotMistakenForFlightSql() {
    assertThat(
            run(
                null,
                withKeys(
                        "sql",
                        "--endpoint",
                        "grpc://127.0.0.1:" + fixture.server().grpcPort(),
                        "SELECT 1")
                    .toArray(String[]::new)))
        .isEqualTo(1);
    assertThat(err).contains("does not answer Flight SQL");
  }

  private int run(Integer localPort, String... args) {
    StringWriter outText = new StringWriter();
    StringWriter errText = new StringWriter();
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(outText, true));
    line.setErr(new PrintWriter(errText, true));
    SqlCommand sql = line.getSubcommands().get("sql").getCommand();
    // Never the real default port: other processes on this machine may listen there.
    sql.localServerPort = localPort != null ? localPort : 0;
    int status = line.execute(args);
    out = outText.toString();
    err = errText.toString();
    return status;
  }
}
