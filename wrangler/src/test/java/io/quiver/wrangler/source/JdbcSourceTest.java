package io.quiver.wrangler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportFixture;
import io.quiver.wrangler.importer.ImportSummary;
import io.quiver.wrangler.importer.OnError;
import io.quiver.wrangler.importer.RowError;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import from a real PostgreSQL server over plain JDBC. */
class JdbcSourceTest {
  static PostgresServer postgres;

  @TempDir Path tmp;
  ImportFixture fx;

  @BeforeAll
  static void start() throws Exception {
    postgres = PostgresServer.start();
    try (Connection c = DriverManager.getConnection(postgres.url());
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE customers (id text PRIMARY KEY, ts timestamptz NOT NULL, n bigint, i int, x double precision,"
              + " r real, d numeric(10,2), day date, flag boolean)");
      s.execute(
          "INSERT INTO customers SELECT 'c' || g, timestamptz '2024-05-01 00:00:00+00' + g * interval '1.5 second',"
              + " g * 10, g, g / 4.0, 1.5, g + 0.25, date '2024-05-01', g % 2 = 0 FROM generate_series(1, 2500) g");
      s.execute("UPDATE customers SET n = NULL, x = NULL WHERE id = 'c7'");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void queryResultIsInferredAndImported() {
    ImportSummary summary;
    try (ImportSource source =
        ImportSource.jdbc(
            postgres.url(), "SELECT * FROM customers ORDER BY id", new Properties())) {
      summary = fx.createAndImport("customers", source, "id", "ts", ImportConfig.defaults());
    }

    assertThat(summary.rowsWritten()).isEqualTo(2500);
    assertThat(fx.store.describeFeatureGroup("customers").features())
        .containsExactly(
            FeatureDefinition.of("id", FeatureType.STRING),
            FeatureDefinition.of("ts", FeatureType.STRING),
            FeatureDefinition.of("n", FeatureType.INTEGRAL),
            FeatureDefinition.of("i", FeatureType.INTEGRAL),
            FeatureDefinition.of("x", FeatureType.FRACTIONAL),
            FeatureDefinition.of("r", FeatureType.FRACTIONAL),
            FeatureDefinition.of("d", FeatureType.FRACTIONAL),
            FeatureDefinition.of("day", FeatureType.STRING),
            FeatureDefinition.of("flag", FeatureType.STRING));
    assertThat(fx.online("customers", "c3"))
        .isEqualTo(
            Map.of(
                "id",
                "c3",
                "ts",
                "2024-05-01T00:00:04.500Z",
                "n",
                "30",
                "i",
                "3",
                "x",
                "0.75",
                "r",
                "1.5",
                "d",
                "3.25",
                "day",
                "2024-05-01",
                "flag",
                "false"));
    assertThat(fx.online("customers", "c7")).doesNotContainKeys("n", "x");
  }

  @Test
  void badRowsAreReportedByRowNumber() {
    fx.create(
        io.quiver.storage.catalog.FeatureGroupSpec.builder("g")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("v", FeatureType.INTEGRAL));
    String query =
        "SELECT id, extract(epoch FROM ts)::float8 AS ts, CASE WHEN i % 1000 = 0 THEN 'x' ELSE i::text END AS v"
            + " FROM customers ORDER BY i";

    ImportSummary summary;
    try (ImportSource source = ImportSource.jdbc(postgres.url(), query, new Properties())) {
      summary = fx.importInto("g", source, ImportConfig.builder().onError(OnError.SKIP).build());
    }

    String where = postgres.url().substring(0, postgres.url().indexOf('?'));
    assertThat(fx.rejected)
        .containsExactly(
            new RowError(
                where + ": row 1000",
                "Cannot put record into feature group g: value 'x' of feature 'v' is not a valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807)"),
            new RowError(
                where + ": row 2000",
                "Cannot put record into feature group g: value 'x' of feature 'v' is not a valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807)"));
    assertThat(List.of(summary.rowsRead(), summary.rowsWritten(), summary.rowsSkipped()))
        .containsExactly(2500L, 2498L, 2L);
  }

  @Test
  void badQueryIsReportedWithTheDatabaseMessage() {
    assertThatThrownBy(
            () -> ImportSource.jdbc(postgres.url(), "SELECT * FROM nowhere", new Properties()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("Cannot run the query on jdbc:postgresql://127.0.0.1:")
        .hasMessageContaining("relation \"nowhere\" does not exist");
  }
}
