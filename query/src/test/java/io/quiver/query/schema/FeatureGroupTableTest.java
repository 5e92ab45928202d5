package io.quiver.query.schema;

import static io.quiver.query.OfflineFixture.fractional;
import static io.quiver.query.OfflineFixture.integral;
import static io.quiver.query.OfflineFixture.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.query.OfflineFixture;
import io.quiver.query.OfflineRow;
import io.quiver.query.QuiverSql;
import io.quiver.storage.parquet.ScanStatistics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureGroupTableTest {
  /** 2024-01-01T00:00:00Z. */
  static final long T0 = 1_704_067_200L;

  @TempDir static Path dir;
  static OfflineFixture fixture;
  static ScanStatistics statistics = new ScanStatistics();
  static Connection sql;

  @BeforeAll
  static void setUp() throws SQLException {
    fixture = new OfflineFixture(dir);
    fixture.group(
        "drivers",
        "id",
        "ts",
        string("id"),
        fractional("ts"),
        integral("trips"),
        fractional("rating"));
    fixture.group("customer-events", "cid", "ts", string("cid"), fractional("ts"), string("label"));
    List<OfflineRow> rows = new ArrayList<>();
    // 10 hours, 3 drivers, one row per driver per hour.
    for (int h = 0; h < 10; h++) {
      for (int d = 0; d < 3; d++) {
        long ts = T0 + h * 3600L + d * 60L;
        rows.add(
            new OfflineRow(
                new Object[] {"d" + d, (double) ts, (long) (h * 10 + d), h + d / 10.0},
                ts * 1_000_000L + 5,
                ts * 1_000_000L,
                false));
      }
    }
    fixture.write("drivers", rows);
    fixture.stage(
        "drivers",
        new OfflineRow(
            new Object[] {"d9", (double) T0 + 7200, 99L, 9.9},
            (T0 + 7200) * 1_000_000L,
            (T0 + 7200) * 1_000_000L,
            false));
    fixture.write(
        "customer-events",
        List.of(
            new OfflineRow(new Object[] {"d1", (double) T0 + 3 * 3600 + 30, "yes"}, 0, 0, false),
            new OfflineRow(new Object[] {"d2", (double) T0 + 30, "no"}, 0, 0, false)));
    sql = QuiverSql.connect(fixture.source(), statistics);
  }

  @AfterAll
  static void tearDown() throws SQLException {
    sql.close();
    fixture.close();
  }

  @BeforeEach
  void resetCounters() {
    statistics.reset();
  }

  @Test
  void tableHasTypedFeatureAndSystemColumns() throws SQLException {
    assertThat(rows("SELECT * FROM drivers WHERE id = 'd1' AND trips = 31"))
        .containsExactly(
            "d1|1.70407806E9|31|3.1|2024-01-01 03:01:00.000|2024-01-01 03:01:00.000|false|2024-01-01 03:01:00.000");
  }

  @Test
  void stagedRowsAreVisible() throws SQLException {
    assertThat(rows("SELECT id, trips FROM drivers WHERE id = 'd9'")).containsExactly("d9|99");
  }

  @Test
  void eventTimeRangePrunesHourPartitions() throws SQLException {
    String query =
        "SELECT id, trips FROM drivers "
            + "WHERE event_timestamp >= TIMESTAMP '2024-01-01 02:00:00' AND event_timestamp < TIMESTAMP '2024-01-01 04:00:00'";
    assertThat(rows(query))
        .containsExactlyInAnyOrder("d0|20", "d1|21", "d2|22", "d9|99", "d0|30", "d1|31", "d2|32");
    assertThat(statistics.filesOpened()).isEqualTo(2);
    assertThat(statistics.filesPruned()).isEqualTo(8);
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + query));
    assertThat(plan)
        .contains(
            "BindableTableScan(table=[[quiver, drivers]], filters=[[SEARCH($7, Sarg[[2024-01-01 02:00:00");
    assertThat(plan).contains("projects=[[0, 2]]");
  }

  @Test
  void identifierEqualityUsesRowGroupStatistics() throws SQLException {
    assertThat(rows("SELECT trips FROM drivers WHERE id = 'zzz'")).isEmpty();
    assertThat(statistics.rowGroupsSkipped()).isEqualTo(10);
    assertThat(statistics.rowGroupsRead()).isZero();
  }

  @Test
  void quotedGroupNamesAndAsofJoin() throws SQLException {
    String query =
        "SELECT e.cid, e.label, d.trips FROM \"customer-events\" AS e "
            + "LEFT ASOF JOIN drivers AS d MATCH_CONDITION d.event_timestamp <= e.event_timestamp ON e.cid = d.id";
    assertThat(rows(query)).containsExactlyInAnyOrder("d1|yes|21", "d2|no|null");
  }

  @Test
  void badQueryNamesThePosition() {
    assertThatThrownBy(() -> rows("SELECT nope FROM drivers"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(
            "From line 1, column 8 to line 1, column 11: Column 'nope' not found");
  }

  @Test
  void anUnknownGroupIsAnsweredWithTheGroupsThereAre() {
    assertThatThrownBy(() -> rows("SELECT * FROM driverz"))
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(QuiverSql.errorMessage(e))
                    .isEqualTo(
                        "From line 1, column 15 to line 1, column 21: Object 'driverz' not found:"
                            + " no feature group has that name (feature groups: customer-events,"
                            + " drivers)"));
  }

  static List<String> rows(String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = sql.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }
}
