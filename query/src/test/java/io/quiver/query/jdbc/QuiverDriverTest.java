package io.quiver.query.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdbc:quiver:<dir>} through {@link DriverManager}, found by its service file. */
class QuiverDriverTest {
  @TempDir Path dir;

  @Test
  void driverManagerOpensADataDirectoryByUrl() throws SQLException {
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(dir).ttlSweepInterval(Duration.ZERO).build())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("drivers")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
      store.putRecord("drivers", Record.builder().set("id", "d1").set("ts", 1.7e9).build());
      store.flush();
      store.putRecord("drivers", Record.builder().set("id", "d2").set("ts", 1.7e9 + 1).build());
    }
    try (Connection c = DriverManager.getConnection("jdbc:quiver:" + dir);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM drivers")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
  }

  @Test
  void aFolderWithoutADatabaseIsRefusedWithItsName() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:quiver:" + dir.resolve("none")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("holds no Quiver database");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:quiver:"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("names no data directory");
  }
}
