package io.quiver.wrangler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.QuiverSql;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.wrangler.schema.SchemaInference;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imported rows reach the offline store through the PutRecord path: SQL sees every one of them. */
class ImportedHistoryInSqlTest {
  @TempDir Path tmp;
  ImportFixture fx;

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
    fx.file(
        "drivers.csv",
        "driver_id,event_time,trips,rating",
        "d1,1700000000.0,3,4.5",
        "d2,1700000000.0,8,4.9",
        "d1,1700000060.5,4,4.6");
    fx.file(
        "drivers.jsonl",
        "{\"driver_id\": \"d1\", \"event_time\": 1700000000.0, \"trips\": 3, \"rating\": 4.5}",
        "{\"driver_id\": \"d2\", \"event_time\": 1700000000.0, \"trips\": 8, \"rating\": 4.9}",
        "{\"driver_id\": \"d1\", \"event_time\": 1700000060.5, \"trips\": 4, \"rating\": 4.6}");
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"drivers.csv", "drivers.jsonl"})
  void everyImportedRowIsInTheOfflineHistoryAndTheLatestIsOnline(String file) throws SQLException {
    try (ImportSource source = ImportSource.open(fx.path(file), SourceOptions.defaults())) {
      fx.store.createFeatureGroup(
          SchemaInference.infer(
                  source, "driver_id", "event_time", SchemaInference.SAMPLE_ROWS_DEFAULT)
              .toSpec("drivers")
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
      assertThat(fx.importInto("drivers", source, ImportConfig.defaults()).rowsWritten())
          .isEqualTo(3);
    }

    assertThat(fx.online("drivers", "d1")).containsEntry("trips", "4");
    try (ReadOnlyStore history =
            ReadOnlyStore.open(StoreConfig.builder(fx.dir.resolve("data")).build());
        Connection sql = QuiverSql.connect(history);
        Statement statement = sql.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT driver_id, trips, rating, is_deleted FROM quiver.drivers ORDER BY event_time, driver_id")) {
      List<Map<String, Object>> seen = new ArrayList<>();
      while (rows.next()) {
        seen.add(
            Map.of(
                "id",
                rows.getString(1),
                "trips",
                rows.getLong(2),
                "rating",
                rows.getDouble(3),
                "deleted",
                rows.getBoolean(4)));
      }
      assertThat(seen)
          .containsExactly(
              Map.of("id", "d1", "trips", 3L, "rating", 4.5, "deleted", false),
              Map.of("id", "d2", "trips", 8L, "rating", 4.9, "deleted", false),
              Map.of("id", "d1", "trips", 4L, "rating", 4.6, "deleted", false));
    }
  }
}
