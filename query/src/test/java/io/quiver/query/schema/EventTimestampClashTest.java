package io.quiver.query.schema;

import static io.quiver.query.OfflineFixture.fractional;
import static io.quiver.query.OfflineFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.OfflineFixture;
import io.quiver.query.OfflineRow;
import io.quiver.query.QuiverSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group whose event time feature is itself called {@code event_timestamp} (SageMaker accepts the
 * name) keeps its feature column, and the event time as a timestamp is {@code
 * quiver_event_timestamp}; before, every query of the group failed with an ambiguous column.
 */
class EventTimestampClashTest {
  /** 2024-01-01T00:00:00Z. */
  private static final double T0 = 1_704_067_200;

  @TempDir Path dir;

  @Test
  void featureNamedEventTimestampKeepsItsNameAndTheTimestampColumnMovesAside() throws SQLException {
    try (OfflineFixture fixture = new OfflineFixture(dir)) {
      fixture.group("clash", "id", "event_timestamp", string("id"), fractional("event_timestamp"));
      fixture.group("events", "eid", "ts", string("eid"), fractional("ts"));
      fixture.write("events", List.of(new OfflineRow(new Object[] {"a", T0 + 60}, 0, 0, false)));
      fixture.write(
          "clash",
          List.of(
              new OfflineRow(new Object[] {"a", T0}, 0, 0, false),
              new OfflineRow(new Object[] {"b", T0 + 7200}, 0, 0, false)));
      try (Connection sql = QuiverSql.connect(fixture.source());
          ResultSet all = sql.createStatement().executeQuery("SELECT * FROM clash ORDER BY id")) {
        ResultSetMetaData meta = all.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i));
        }
        assertThat(columns)
            .containsExactly(
                "id",
                "event_timestamp",
                "write_time",
                "api_invocation_time",
                "is_deleted",
                "quiver_event_timestamp");
        assertThat(all.next()).isTrue();
        assertThat(all.getDouble("event_timestamp")).isEqualTo(T0);
        assertThat(all.getString("quiver_event_timestamp")).isEqualTo("2024-01-01 00:00:00.000");

        try (ResultSet filtered =
            sql.createStatement()
                .executeQuery(
                    "SELECT id FROM clash WHERE quiver_event_timestamp >= TIMESTAMP '2024-01-01 01:00:00'")) {
          assertThat(filtered.next()).isTrue();
          assertThat(filtered.getString(1)).isEqualTo("b");
          assertThat(filtered.next()).isFalse();
        }
        try (ResultSet joined =
            sql.createStatement()
                .executeQuery(
                    "SELECT e.eid, c.event_timestamp FROM events AS e LEFT ASOF JOIN clash AS c"
                        + " MATCH_CONDITION c.quiver_event_timestamp <= e.event_timestamp ON e.eid = c.id")) {
          assertThat(joined.next()).isTrue();
          assertThat(joined.getString(1)).isEqualTo("a");
          assertThat(joined.getDouble(2)).isEqualTo(T0);
        }
      }
    }
  }
}
