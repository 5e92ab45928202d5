package io.quiver.clarify.bias.source;

import static io.quiver.clarify.bias.source.VectorAStore.GROUP;
import static io.quiver.clarify.bias.source.VectorAStore.ROWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.query.QuiverSql;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.offline.OfflineSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL sources (a query over the offline store, a feature group's latest records, any JDBC result)
 * give the same analysis as CSV and Parquet files holding the same rows.
 */
class OfflineBiasRowSourceTest {
  private static final String QUERY =
      "SELECT facet, y, yhat, \"group\", age, score FROM "
          + GROUP
          + " WHERE NOT is_deleted ORDER BY ts";

  @TempDir Path dir;

  private static List<BiasConfig> configs() {
    List<BiasConfig> configs = new ArrayList<>();
    configs.add(
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("facet", ValueSelector.anyOf("F"))
            .predictedLabel("yhat")
            .groupVariable("group")
            .build());
    configs.add(BiasConfig.builder().label("y", ValueSelector.above(0.5)).facet("age").build());
    configs.add(
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("age", ValueSelector.above(40))
            .predictedLabel("yhat", ValueSelector.above(0))
            .groupVariable("facet")
            .build());
    configs.add(
        BiasConfig.builder().label("yhat", ValueSelector.anyOf("1.0")).facet("score").build());
    configs.add(
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("score", ValueSelector.above(0.75))
            .build());
    return configs;
  }

  private static String json(BiasConfig config, BiasRowSource source) {
    try (source) {
      return AnalysisJson.toJson(BiasAnalyzer.analyze(config, source));
    }
  }

  /** Vector A, one identifier per row, the first six flushed to Parquet and the rest staged. */
  private VectorAStore vectorA() {
    VectorAStore store = new VectorAStore(dir.resolve("data"));
    for (int row = 0; row < ROWS.rows().size(); row++) {
      store.put("r" + row, row, row);
      if (row == 5) {
        store.flush();
      }
    }
    return store;
  }

  @Test
  void featureGroupAndQueryGiveTheSameAnalysisAsCsvAndParquet() {
    Path csv = ROWS.writeCsv(dir.resolve("rows.csv"));
    Path parquet =
        ParquetFiles.write(
            ROWS,
            VectorAStore.PARQUET_SCHEMA,
            dir.resolve("rows.parquet"),
            CompressionCodecName.SNAPPY);
    try (VectorAStore store = vectorA();
        ReadOnlyStore offline = store.openReadOnly()) {
      for (BiasConfig config : configs()) {
        String expected = json(config, BiasRowSource.open(csv, config.columns()));
        assertThat(json(config, BiasRowSource.open(parquet, config.columns()))).isEqualTo(expected);
        assertThat(json(config, BiasRowSource.featureGroup(offline, GROUP, config.columns())))
            .isEqualTo(expected);
        assertThat(json(config, BiasRowSource.query(offline, QUERY, config.columns())))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void featureGroupSourceReadsTheLatestNonDeletedRecordPerIdentifier() {
    try (VectorAStore store = vectorA()) {
      store
          .put("r0", 9, 100) // overwritten by a later event time: r0 becomes row 9's values
          .put("r1", 8, -1) // an older event time written later loses: r1 keeps row 1
          .put("r2", 2, 2) // same event time, later invocation: same values
          .put("r3", 3, 50)
          .delete("r3", 60) // deleted: gone
          .put("r4", 4, 50)
          .flush()
          .delete("r4", 60)
          .put("r4", 7, 70) // deleted, then written again: row 7's values
          .delete("r5", 1); // a deletion older than the record: no effect
      List<String> seen = new ArrayList<>();
      try (BiasRowSource rows =
          BiasRowSource.featureGroup(
              store.source(), GROUP, new BiasColumns("age", "y", "yhat", "id"))) {
        while (rows.next()) {
          seen.add(
              rows.groupVariable()
                  + ":"
                  + rows.facet()
                  + ","
                  + rows.label()
                  + ","
                  + rows.predictedLabel());
        }
      }
      assertThat(seen)
          .containsExactlyInAnyOrder(
              "r0:52,0,0", // row 9
              "r1:35,1,1",
              "r2:41,1,0",
              "r4:35,0,0", // row 7
              "r5:19,0,0",
              "r6:23,1,1",
              "r7:35,0,0",
              "r8:41,0,1",
              "r9:52,0,0");
    }
  }

  @Test
  void resultSetValuesReadAsTheFileSourcesWriteThem() throws Exception {
    OfflineHistory nothing =
        new OfflineHistory() {
          @Override
          public List<FeatureGroup> featureGroups() {
            return List.of();
          }

          @Override
          public OfflineSnapshot snapshot(String nameOrArn) {
            throw new ResourceNotFoundException(nameOrArn);
          }
        };
    try (Connection sql = QuiverSql.connect(nothing);
        var statement = sql.createStatement()) {
      var result =
          statement.executeQuery(
              "SELECT CAST(1 AS BIGINT) AS i, CAST(1 AS DOUBLE) AS d, 0.50 AS dc,"
                  + " CAST(NULL AS VARCHAR) AS n, TRUE AS b, CAST(0.1 AS REAL) AS r");
      try (BiasRowSource rows =
          BiasRowSource.resultSet(result, "values", new BiasColumns("i", "d", "dc", "b"))) {
        assertThat(rows.next()).isTrue();
        assertThat(List.of(rows.facet(), rows.label(), rows.predictedLabel(), rows.groupVariable()))
            .containsExactly("1", "1.0", "0.50", "true");
        assertThat(rows.next()).isFalse();
      }
    }
  }

  @Test
  void badQueryFailsWithCalcitesMessageAndPosition() {
    try (VectorAStore store = vectorA()) {
      assertThatThrownBy(
              () ->
                  BiasRowSource.query(
                      store.source(), "SELECT nope FROM " + GROUP, BiasColumns.of("a", "b")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "Cannot run the query: From line 1, column 8 to line 1, column 11")
          .hasMessageContaining("'nope'");
    }
  }

  @Test
  void missingColumnNamesTheColumnsThereAre() {
    try (VectorAStore store = vectorA()) {
      BiasColumns columns = BiasColumns.of("sex", "y");
      assertThatThrownBy(
              () -> BiasRowSource.query(store.source(), "SELECT facet, y FROM " + GROUP, columns))
          .isInstanceOf(ValidationException.class)
          .hasMessage("Cannot read the query: no column 'sex' in its result (columns: facet, y)");
      assertThatThrownBy(() -> BiasRowSource.featureGroup(store.source(), GROUP, columns))
          .isInstanceOf(ValidationException.class)
          .hasMessage(
              "Cannot read feature group 'vector_a': no column 'sex' (columns: id, ts, facet, y,"
                  + " yhat, group, age, score, write_time, api_invocation_time, is_deleted,"
                  + " event_timestamp)");
    }
  }

  @Test
  void unknownFeatureGroupNamesTheGroupsThereAre() {
    try (VectorAStore store = vectorA()) {
      assertThatThrownBy(
              () ->
                  BiasRowSource.featureGroup(store.source(), "nope", BiasColumns.of("facet", "y")))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessage("Cannot read feature group 'nope': no such feature group (groups: vector_a)");
    }
  }

  @Test
  void emptyFeatureGroupIsAnErrorNamingIt() {
    try (VectorAStore store = new VectorAStore(dir.resolve("empty"))) {
      assertThatThrownBy(
              () ->
                  json(
                      configs().get(0),
                      BiasRowSource.featureGroup(
                          store.source(), GROUP, configs().get(0).columns())))
          .isInstanceOf(ValidationException.class)
          .hasMessage("Cannot compute bias: feature group 'vector_a' has no rows");
    }
  }
}
