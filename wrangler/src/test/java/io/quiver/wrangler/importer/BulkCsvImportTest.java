package io.quiver.wrangler.importer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.bulk.BulkLoad;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bulk CSV import against the same import through PutRecords (issue 18): the same rejected rows
 * at the same positions, the same online records and the same offline rows, whatever the chunk size
 * (tiny chunks cut through quoted cells and force the fallback to one chunk).
 */
class BulkCsvImportTest {
  private static final String CSV =
      String.join(
          "\n",
          "\uFEFFid,ts,n,x,s",
          "a,1700000000,1,1.5,plain",
          "b,1700000000.5,007,1e3,\"quoted, with comma\"\r",
          "\"c\",1700003600,+5,100,\"multi",
          "line\"",
          "d,1700000000,1.5,2,bad integral",
          "",
          "e,1700007200,3,,\"he said \"\"hi\"\"\"",
          "a,1700000001,2,0.25,later a",
          "f,,1,1,no event time",
          "g,1700000000,-0,.5,h\u00e9llo \u65e5\u672c",
          "a,1700000001,9,9,tie: not applied online",
          "h,1700000000,1",
          "i,not a time,1,1,x",
          "j,1700010800,4,4,\"last, without a line break\"");

  @TempDir Path tmp;
  private QuiverStore bulk;
  private QuiverStore puts;
  private Path csv;

  @BeforeEach
  void open() throws Exception {
    bulk = QuiverStore.open(tmp.resolve("bulk"));
    puts = QuiverStore.open(tmp.resolve("puts"));
    bulk.createFeatureGroup(spec(tmp.resolve("bulk-offline")));
    puts.createFeatureGroup(spec(tmp.resolve("puts-offline")));
    csv = tmp.resolve("in.csv");
    Files.writeString(csv, CSV, UTF_8);
  }

  @AfterEach
  void close() {
    bulk.close();
    puts.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 40, 1 << 20})
  void writesWhatTheImportThroughPutRecordsWrites(int chunkBytes) throws Exception {
    ImportConfig config = ImportConfig.builder().onError(OnError.SKIP).build();
    Recorder bulkHeard = new Recorder();
    ImportSummary bulkSummary;
    try (BulkLoad load = bulk.bulkLoad("g")) {
      bulkSummary =
          new BulkCsvImport(config, bulkHeard, chunkBytes).run(load, List.of(csv), () -> false);
    }
    Recorder putsHeard = new Recorder();
    ImportSummary putsSummary;
    try (ImportSource source = ImportSource.open(csv.toString(), SourceOptions.defaults())) {
      putsSummary = Importer.create(RecordSink.local(puts), config).run(source, "g", putsHeard);
    }
    puts.flush();

    assertThat(bulkHeard.rejected).hasSize(3).isEqualTo(putsHeard.rejected);
    assertThat(
            List.of(bulkSummary.rowsRead(), bulkSummary.rowsWritten(), bulkSummary.rowsSkipped()))
        .isEqualTo(
            List.of(putsSummary.rowsRead(), putsSummary.rowsWritten(), putsSummary.rowsSkipped()));
    for (String id : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) {
      Optional<OnlineRecord> expected = puts.getRecord("g", id);
      assertThat(bulk.getRecord("g", id).map(r -> r.record().values()))
          .as("online %s", id)
          .isEqualTo(expected.map(r -> r.record().values()));
    }
    assertThat(bulk.getRecord("g", "c").orElseThrow().record().getString("s"))
        .isEqualTo("multi\nline");
    assertThat(offlineRows(tmp.resolve("bulk-offline")))
        .hasSize(9)
        .isEqualTo(offlineRows(tmp.resolve("puts-offline")));
    assertThat(bulkHeard.steps).contains("writing offline files", "loading online store");
  }

  private static FeatureGroupSpec spec(Path offline) {
    return FeatureGroupSpec.builder("g")
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.FRACTIONAL)
        .feature("n", FeatureType.INTEGRAL)
        .feature("x", FeatureType.FRACTIONAL)
        .feature("s", FeatureType.STRING)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.at(offline.toUri().toString()))
        .build();
  }

  /** Every row below {@code folder} but the write's times, as text, sorted. */
  private static List<String> offlineRows(Path folder) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT id, ts, n, x, s, is_deleted FROM read_parquet('"
                    + folder.toAbsolutePath()
                    + "/**/*.parquet') ORDER BY ALL")) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
          row.add(rs.getObject(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** Keeps what an import tells its listener. */
  private static final class Recorder implements ImportListener {
    final List<RowError> rejected = new ArrayList<>();
    final List<String> steps = new ArrayList<>();

    @Override
    public void onProgress(ImportProgress progress) {}

    @Override
    public void onRowRejected(RowError error) {
      rejected.add(error);
    }

    @Override
    public void onWriteProgress(String step, long done, long total) {
      steps.add(step);
    }
  }
}
