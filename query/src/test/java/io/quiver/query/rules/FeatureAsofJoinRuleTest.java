package io.quiver.query.rules;

import static io.quiver.query.OfflineFixture.fractional;
import static io.quiver.query.OfflineFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.OfflineFixture;
import io.quiver.query.OfflineRow;
import io.quiver.query.QuiverSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureAsofJoinRuleTest {
  static final long T0 = 1_704_067_200L;

  @TempDir static Path dir;
  static OfflineFixture fixture;
  static Connection sql;

  @BeforeAll
  static void setUp() throws SQLException {
    fixture = new OfflineFixture(dir);
    fixture.group("drivers", "id", "ts", string("id"), fractional("ts"), fractional("rating"));
    fixture.group("events", "eid", "ets", string("eid"), fractional("ets"), string("label"));
    fixture.write(
        "drivers",
        List.of(
            row("a", T0 + 10, 1.0),
            row("a", T0 + 20, 2.0),
            row("a", T0 + 30, 3.0),
            row("b", T0 + 15, 10.0)));
    fixture.write(
        "events",
        List.of(
            event("a", T0 + 5, "a5"),
            event("a", T0 + 10, "a10"),
            event("a", T0 + 25, "a25"),
            event("a", T0 + 99, "a99"),
            event("b", T0 + 14, "b14"),
            event("b", T0 + 15, "b15"),
            event("c", T0 + 50, "c50")));
    sql = QuiverSql.connect(fixture.source());
  }

  @AfterAll
  static void tearDown() throws SQLException {
    sql.close();
    fixture.close();
  }

  static OfflineRow row(String id, long ts, double rating) {
    return new OfflineRow(
        new Object[] {id, (double) ts, rating}, ts * 1_000_000L, ts * 1_000_000L, false);
  }

  static OfflineRow event(String id, long ts, String label) {
    return new OfflineRow(
        new Object[] {id, (double) ts, label}, ts * 1_000_000L, ts * 1_000_000L, false);
  }

  @Test
  void explainShowsFeatureAsofJoinForBackwardMatchOnTheIdentifier() throws SQLException {
    String plan =
        rows("EXPLAIN PLAN FOR SELECT e.label, d.rating FROM events AS e LEFT ASOF JOIN drivers AS d "
                + "MATCH_CONDITION d.event_timestamp <= e.event_timestamp ON e.eid = d.id")
            .get(0);
    assertThat(plan)
        .contains("FeatureAsofJoin(table=[[quiver, drivers]]")
        .contains("joinType=[left_asof]")
        .doesNotContain("EnumerableAsofJoin");
  }

  @Test
  void leftAsofKeepsUnmatchedRowsAndMatchesInclusively() throws SQLException {
    assertThat(
            rows(
                "SELECT e.label, d.rating FROM events AS e LEFT ASOF JOIN drivers AS d "
                    + "MATCH_CONDITION d.event_timestamp <= e.event_timestamp ON e.eid = d.id"))
        .containsExactlyInAnyOrder(
            "a5|null", "a10|1.0", "a25|2.0", "a99|3.0", "b14|null", "b15|10.0", "c50|null");
  }

  @Test
  void strictMatchWrittenFromTheLeftAndInnerJoinDropUnmatched() throws SQLException {
    String query =
        "SELECT e.label, d.rating, d.event_timestamp FROM events AS e ASOF JOIN drivers AS d "
            + "MATCH_CONDITION e.event_timestamp > d.event_timestamp ON d.id = e.eid";
    assertThat(rows("EXPLAIN PLAN FOR " + query).get(0))
        .contains("FeatureAsofJoin")
        .contains("match=[right < $");
    // a10 and b15 have rows at their own time only, which "<" excludes; inner: unmatched dropped.
    assertThat(rows(query))
        .containsExactlyInAnyOrder(
            "a25|2.0|2024-01-01 00:00:20.000", "a99|3.0|2024-01-01 00:00:30.000");
  }

  @Test
  void forwardMatchKeepsCalcitesJoin() throws SQLException {
    String plan =
        rows("EXPLAIN PLAN FOR SELECT e.label, d.rating FROM events AS e LEFT ASOF JOIN drivers AS d "
                + "MATCH_CONDITION d.event_timestamp >= e.event_timestamp ON e.eid = d.id")
            .get(0);
    assertThat(plan).contains("EnumerableAsofJoin").doesNotContain("FeatureAsofJoin");
  }

  private static List<String> rows(String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = sql.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          line.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(line.toString());
      }
    }
    return out;
  }
}
