package io.quiver.query.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.QuiverSql;
import io.quiver.storage.DeletionMode;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path dir;

  @Test
  void queriesSeeFlushedAndStagedRowsWhileTheStoreIsOpen() throws SQLException {
    StoreConfig config =
        StoreConfig.builder(dir)
            .offlineFlushAge(Duration.ofHours(1))
            .ttlSweepInterval(Duration.ZERO)
            .build();
    try (QuiverStore store = QuiverStore.open(config)) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("drivers")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .feature("trips", FeatureType.INTEGRAL)
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
      store.putRecord(
          "drivers",
          Record.builder().set("id", "d1").set("ts", 1_700_000_000.0).set("trips", 3L).build());
      store.flush();
      store.putRecord(
          "drivers",
          Record.builder().set("id", "d1").set("ts", 1_700_000_060.0).set("trips", 4L).build());
      store.deleteRecord(
          "drivers", "d1", "1700000120", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());

      // The store keeps the directory open: the SQL side reads it without its lock.
      try (Connection sql =
              QuiverSql.connect(
                  DataDirectory.open(
                      dir, StoreConfig.ACCOUNT_DEFAULT, StoreConfig.REGION_DEFAULT));
          Statement statement = sql.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT id, trips, is_deleted FROM quiver.drivers ORDER BY ts")) {
        List<String> seen = new ArrayList<>();
        while (rows.next()) {
          seen.add(rows.getString(1) + "," + rows.getObject(2) + "," + rows.getBoolean(3));
        }
        assertThat(seen).containsExactly("d1,3,false", "d1,4,false", "d1,null,true");
      }
    }
  }
}
