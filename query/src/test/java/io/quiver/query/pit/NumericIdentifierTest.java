package io.quiver.query.pit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.QuiverSql;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature groups whose record identifier is Integral or Fractional join like String ones: from a
 * CSV base (text, so {@code 007} and {@code +7} denote the record 7 as a typed join would), from a
 * group base and from a Parquet base whose identifier column is a number; flushed and staged rows
 * alike. Expected rows are worked by hand from the records put.
 */
class NumericIdentifierTest {
  @TempDir Path dir;
  private QuiverStore store;

  @BeforeEach
  void putHistory() {
    store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("store"))
                .offlineFlushAge(Duration.ofDays(36_500))
                .build());
    store.createFeatureGroup(
        group("drivers", "driver_id", FeatureType.INTEGRAL, "trips", FeatureType.INTEGRAL));
    store.createFeatureGroup(
        group("scores", "score_id", FeatureType.FRACTIONAL, "score", FeatureType.FRACTIONAL));
    store.putRecord("drivers", driver(7, 100, 3));
    store.putRecord("drivers", driver(8, 100, 1));
    store.putRecord(
        "scores", Record.builder().set("score_id", 7.0).set("ts", 100.0).set("score", 0.5).build());
    store.putRecord(
        "scores", Record.builder().set("score_id", 8.5).set("ts", 100.0).set("score", 0.9).build());
    store.flush();
    store.putRecord("drivers", driver(7, 200, 5)); // staged
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void csvBaseFindsIntegralAndFractionalIdentifiersByTheNumberTheyDenote() throws IOException {
    Path base = dir.resolve("base.csv");
    Files.writeString(
        base,
        """
        driver_id,score_id,ts
        7,7,150
        007,7.0,250
        +7,8.50,250
        8,x,150
        x,8.5,150
        9,7,150
        """);
    Dataset dataset =
        DatasetBuilder.create(store.offlineHistory(), DatasetBase.csv(base, "driver_id", "ts"))
            .withFeatureGroup("drivers", "driver_id", List.of("trips"), JoinType.INNER)
            .withFeatureGroup("scores", "score_id", List.of("score"), JoinType.LEFT)
            .pointInTimeAccurateJoin()
            .build();

    assertThat(dataset.columnNames())
        .containsExactly("driver_id", "score_id", "ts", "trips", "score");
    assertThat(rows(dataset))
        .containsExactlyInAnyOrder(
            List.of("7", "7", "150", 3L, 0.5),
            List.of("007", "7.0", "250", 5L, 0.5),
            List.of("+7", "8.50", "250", 5L, 0.9),
            Arrays.asList("8", "x", "150", 1L, null));
  }

  @Test
  void groupAndParquetBasesWithNumericIdentifiersJoin() {
    Dataset fromGroup =
        DatasetBuilder.create(store.offlineHistory(), DatasetBase.featureGroup("drivers"))
            .withFeatureGroup("scores", "driver_id", List.of("score"), JoinType.LEFT)
            .pointInTimeAccurateJoin()
            .build();
    assertThat(fromGroup.columnNames()).containsExactly("driver_id", "ts", "trips", "score");
    assertThat(rows(fromGroup))
        .containsExactlyInAnyOrder(
            List.of(7L, 100.0, 3L, 0.5),
            List.of(7L, 200.0, 5L, 0.5),
            Arrays.asList(8L, 100.0, 1L, null));

    Path parquet = dir.resolve("base.parquet");
    fromGroup.writeParquet(parquet);
    Dataset fromParquet =
        DatasetBuilder.create(
                store.offlineHistory(), DatasetBase.parquet(parquet, "driver_id", "ts"))
            .withFeatureGroup("drivers", "driver_id", List.of("trips"), JoinType.INNER)
            .pointInTimeAccurateJoin()
            .build();
    assertThat(rows(fromParquet))
        .containsExactlyInAnyOrder(
            List.of(7L, 100.0, 3L, 0.5, 3L),
            List.of(7L, 200.0, 5L, 0.5, 5L),
            Arrays.asList(8L, 100.0, 1L, null, 1L));
  }

  @Test
  void sqlAsofJoinsOnNumericIdentifiersRunAsTimelineProbes() throws SQLException {
    String query =
        "SELECT l.driver_id, l.ts, d.trips, s.score FROM drivers AS l"
            + " LEFT ASOF JOIN drivers AS d"
            + " MATCH_CONDITION d.event_timestamp < l.event_timestamp"
            + " ON l.driver_id = d.driver_id"
            + " LEFT ASOF JOIN scores AS s"
            + " MATCH_CONDITION s.event_timestamp <= l.event_timestamp"
            + " ON CAST(l.driver_id AS DOUBLE) = s.score_id"
            + " ORDER BY l.driver_id, l.ts";
    List<String> rows = new ArrayList<>();
    StringBuilder plan = new StringBuilder();
    try (Connection sql = QuiverSql.connect(store.offlineHistory());
        Statement statement = sql.createStatement()) {
      try (ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR " + query)) {
        while (rs.next()) {
          plan.append(rs.getString(1));
        }
      }
      try (ResultSet rs = statement.executeQuery(query)) {
        while (rs.next()) {
          rows.add(
              rs.getString(1)
                  + ","
                  + rs.getString(2)
                  + ","
                  + rs.getString(3)
                  + ","
                  + rs.getString(4));
        }
      }
    }
    assertThat(plan.toString())
        .contains("FeatureAsofJoin(table=[[quiver, drivers]]")
        .contains("FeatureAsofJoin(table=[[quiver, scores]]");
    assertThat(rows).containsExactly("7,100.0,null,0.5", "7,200.0,3,0.5", "8,100.0,null,null");
  }

  private static List<List<@Nullable Object>> rows(Dataset dataset) {
    List<List<@Nullable Object>> rows = new ArrayList<>();
    for (@Nullable Object[] row : dataset) {
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  private static Record driver(long id, double ts, long trips) {
    return Record.builder().set("driver_id", id).set("ts", ts).set("trips", trips).build();
  }

  private static FeatureGroupSpec group(
      String name, String id, FeatureType idType, String value, FeatureType valueType) {
    return FeatureGroupSpec.builder(name)
        .recordIdentifier(id)
        .eventTime("ts")
        .feature(id, idType)
        .feature("ts", FeatureType.FRACTIONAL)
        .feature(value, valueType)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .build();
  }
}
