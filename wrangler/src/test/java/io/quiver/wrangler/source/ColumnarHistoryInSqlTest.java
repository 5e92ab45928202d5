package io.quiver.wrangler.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.QuiverSql;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportFixture;
import io.quiver.wrangler.schema.SchemaInference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parquet and ORC imports reach the offline history: SQL reads back the typed values. */
class ColumnarHistoryInSqlTest {
  @TempDir Path tmp;
  ImportFixture fx;

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rows.parquet", "rows.orc"})
  void importedRowsAreInTheOfflineHistory(String file) throws SQLException {
    if (file.endsWith(".parquet")) {
      ColumnarFiles.parquet(tmp.resolve(file), CompressionCodecName.SNAPPY);
    } else {
      ColumnarFiles.orc(tmp.resolve(file));
    }
    try (ImportSource source = ImportSource.open(fx.path(file), SourceOptions.defaults())) {
      fx.store.createFeatureGroup(
          SchemaInference.infer(source, "id", "ts", SchemaInference.SAMPLE_ROWS_DEFAULT)
              .toSpec("rows")
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
      assertThat(fx.importInto("rows", source, ImportConfig.defaults()).rowsWritten()).isEqualTo(3);
    }

    try (ReadOnlyStore history =
            ReadOnlyStore.open(StoreConfig.builder(fx.dir.resolve("data")).build());
        Connection sql = QuiverSql.connect(history);
        Statement statement = sql.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT id, ts, n, x FROM quiver.\"rows\" ORDER BY id")) {
      List<String> seen = new ArrayList<>();
      while (rows.next()) {
        seen.add(
            rows.getString(1)
                + "|"
                + rows.getString(2)
                + "|"
                + rows.getObject(3)
                + "|"
                + rows.getObject(4));
      }
      assertThat(seen)
          .containsExactly(
              "r0|2024-05-01T12:00:00.250Z|10|0.1",
              "r1|2024-05-01T12:00:01.250Z|11|1.1",
              "r2|2024-05-01T12:00:02.250Z|null|null");
    }
  }
}
