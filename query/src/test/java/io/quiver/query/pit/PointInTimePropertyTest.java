package io.quiver.query.pit;

import static io.quiver.query.OfflineFixture.fractional;
import static io.quiver.query.OfflineFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.OfflineFixture;
import io.quiver.query.OfflineRow;
import io.quiver.query.QuiverSql;
import io.quiver.storage.offline.OfflineHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test (a seeded random loop; jqwik was not added to keep the build lean): random
 * histories with out-of-order writes, equal event times, duplicates, deletes and TTL expiry
 * markers, some rows still staged, and random entity sets; the SQL ASOF join and the dataset
 * builder must match brute-force references written in plain Java.
 */
class PointInTimePropertyTest {
  static final long T0 = 1_704_067_200L;
  static final int CASES = 40;

  @TempDir Path dir;

  record Row(String id, long e, long api, long write, boolean deleted, Double v) {}

  record Entity(int k, String id, long t) {}

  @Test
  void asofJoinAndDatasetBuilderMatchBruteForce() throws Exception {
    try (OfflineFixture fixture = new OfflineFixture(dir)) {
      for (int seed = 0; seed < CASES; seed++) {
        Random random = new Random(seed);
        String fg = "f" + seed;
        String eg = "e" + seed;
        fixture.group(fg, "id", "ts", string("id"), fractional("ts"), fractional("v"));
        fixture.group(eg, "eid", "ets", string("eid"), fractional("ets"), fractional("k"));
        List<Row> history = history(random);
        List<OfflineRow> files = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
          boolean staged = random.nextInt(10) == 0;
          Row r = history.get(i);
          if (staged) {
            // A staged row has no write time yet: readers see its invocation time.
            r = new Row(r.id, r.e, r.api, r.api, r.deleted, r.v);
            history.set(i, r);
          }
          OfflineRow row =
              new OfflineRow(
                  new Object[] {r.id, (double) r.e, r.deleted ? null : r.v},
                  r.write * 1_000_000L,
                  r.api * 1_000_000L,
                  r.deleted);
          if (staged) {
            fixture.stage(fg, row);
          } else {
            files.add(row);
          }
        }
        fixture.write(fg, files);
        List<Entity> entities = new ArrayList<>();
        List<OfflineRow> entityRows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("eid,ets,k\n");
        for (int k = 0, n = random.nextInt(25); k < n; k++) {
          Entity en =
              new Entity(
                  k,
                  "i" + random.nextInt(6),
                  T0 + random.nextInt(24) * 1800L + random.nextInt(3) * 600L);
          entities.add(en);
          entityRows.add(
              new OfflineRow(new Object[] {en.id, (double) en.t, (double) k}, 0, 0, false));
          csv.append(en.id).append(',').append(en.t).append(',').append(k).append('\n');
        }
        fixture.write(eg, entityRows);
        Path base = dir.resolve("base" + seed + ".csv");
        Files.writeString(base, csv);

        checkSql(fixture.source(), fg, eg, history, entities, seed);
        checkBuilder(fixture.source(), fg, base, history, entities, random, seed);
      }
    }
  }

  static List<Row> history(Random random) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0, n = random.nextInt(60); i < n; i++) {
      String id = "i" + random.nextInt(5);
      long e = T0 + random.nextInt(20) * 1800L; // equal event times are common; 10 hours
      long api = T0 + random.nextInt(100_000); // out of order with respect to event time
      long write = api + random.nextInt(1000);
      boolean deleted = random.nextInt(8) == 0;
      rows.add(new Row(id, e, api, write, deleted, deleted ? null : (double) i));
      if (!deleted && random.nextInt(12) == 0) {
        // TTL expiry: a deletion marker at the expiry time, written later.
        rows.add(new Row(id, e + 3600, api + 3600, write + 3600, true, null));
      }
    }
    return rows;
  }

  static void checkSql(
      OfflineHistory offline,
      String fg,
      String eg,
      List<Row> history,
      List<Entity> entities,
      int seed)
      throws Exception {
    List<String> actual = new ArrayList<>();
    try (Connection sql = QuiverSql.connect(offline);
        Statement st = sql.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT e.k, f.v, f.event_timestamp FROM "
                    + eg
                    + " AS e LEFT ASOF JOIN "
                    + fg
                    + " AS f MATCH_CONDITION f.event_timestamp <= e.event_timestamp ON e.eid = f.id")) {
      while (rs.next()) {
        actual.add((int) rs.getDouble(1) + "|" + rs.getObject(2));
      }
    }
    assertThat(actual).as("seed %s: one row per entity", seed).hasSize(entities.size());
    if (seed == 0) {
      // The join above runs as Quiver's operator (FeatureAsofJoinRule), not Calcite's.
      try (Connection sql = QuiverSql.connect(offline);
          Statement st = sql.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "EXPLAIN PLAN FOR SELECT e.k, f.v, f.event_timestamp FROM "
                      + eg
                      + " AS e LEFT ASOF JOIN "
                      + fg
                      + " AS f MATCH_CONDITION f.event_timestamp <= e.event_timestamp"
                      + " ON e.eid = f.id")) {
        rs.next();
        assertThat(rs.getString(1))
            .contains("FeatureAsofJoin")
            .doesNotContain("EnumerableAsofJoin");
      }
    }
    for (String line : actual) {
      int k = Integer.parseInt(line.substring(0, line.indexOf('|')));
      String v = line.substring(line.indexOf('|') + 1);
      Entity en = entities.get(k);
      // Brute force over the raw history: the rows of the latest event time <= t; ties may match
      // any.
      long best =
          history.stream()
              .filter(r -> r.id.equals(en.id) && r.e <= en.t)
              .mapToLong(Row::e)
              .max()
              .orElse(Long.MIN_VALUE);
      List<String> allowed =
          history.stream()
              .filter(r -> r.id.equals(en.id) && r.e == best)
              .map(r -> String.valueOf(r.v))
              .toList();
      if (best == Long.MIN_VALUE) {
        allowed = List.of("null");
      }
      assertThat(allowed).as("seed %s entity %s", seed, en).contains(v);
    }
  }

  static void checkBuilder(
      OfflineHistory offline,
      String fg,
      Path base,
      List<Row> history,
      List<Entity> entities,
      Random random,
      int seed) {
    boolean includeDeleted = random.nextBoolean();
    boolean includeDuplicated = random.nextBoolean();
    long asOf = random.nextBoolean() ? Long.MAX_VALUE : T0 + random.nextInt(100_000);
    long from = random.nextBoolean() ? Long.MIN_VALUE : T0 + random.nextInt(10) * 1800L;
    long to = random.nextBoolean() ? Long.MAX_VALUE : T0 + 9 * 3600 + random.nextInt(10) * 1800L;
    DatasetBuilder builder =
        DatasetBuilder.create(offline, DatasetBase.csv(base, "eid", "ets"))
            .withFeatureGroup(fg, "eid", List.of("v"), JoinType.LEFT)
            .pointInTimeAccurateJoin();
    if (includeDeleted) {
      builder.includeDeletedRecords();
    }
    if (includeDuplicated) {
      builder.includeDuplicatedRecords();
    }
    if (asOf != Long.MAX_VALUE) {
      builder.asOf(Instant.ofEpochSecond(asOf));
    }
    if (from != Long.MIN_VALUE || to != Long.MAX_VALUE) {
      builder.eventTimeRange(
          Instant.ofEpochSecond(Math.max(from, 0)),
          to == Long.MAX_VALUE ? Instant.parse("9999-01-01T00:00:00Z") : Instant.ofEpochSecond(to));
    }
    Dataset dataset = builder.build();
    List<String> actual = new ArrayList<>();
    for (Object[] row : dataset) {
      actual.add(row[2] + "|" + row[3]);
    }
    List<String> expected =
        reference(history, entities, includeDeleted, includeDuplicated, asOf, from, to);
    assertThat(actual)
        .as(
            "seed %s deleted=%s dup=%s asOf=%s range=[%s,%s]",
            seed, includeDeleted, includeDuplicated, asOf, from, to)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * SageMaker's DatasetBuilder rules (sagemaker-api.md 3.5), then an as-of pick, by brute force.
   */
  static List<String> reference(
      List<Row> history,
      List<Entity> entities,
      boolean includeDeleted,
      boolean includeDuplicated,
      long asOf,
      long from,
      long to) {
    Comparator<Row> order =
        Comparator.comparingLong(Row::e).thenComparingLong(Row::api).thenComparingLong(Row::write);
    List<Row> visible =
        history.stream().filter(r -> r.write <= asOf && r.e >= from && r.e <= to).toList();
    List<Row> kept = new ArrayList<>();
    for (Row r : visible) {
      if (r.deleted) {
        continue;
      }
      if (!includeDuplicated) {
        boolean newest =
            visible.stream()
                .filter(o -> o.id.equals(r.id) && o.e == r.e)
                .allMatch(o -> order.compare(o, r) <= 0);
        if (!newest) {
          continue;
        }
      }
      if (!includeDeleted) {
        Row marker =
            visible.stream().filter(o -> o.id.equals(r.id) && o.deleted).max(order).orElse(null);
        if (marker != null && order.compare(r, marker) <= 0) {
          continue;
        }
      }
      kept.add(r);
    }
    List<String> out = new ArrayList<>();
    for (Entity en : entities) {
      if (en.t * 1_000_000L < (from == Long.MIN_VALUE ? Long.MIN_VALUE : from * 1_000_000L)
          || en.t > to) {
        continue;
      }
      long best =
          kept.stream()
              .filter(r -> r.id.equals(en.id) && r.e <= en.t)
              .mapToLong(Row::e)
              .max()
              .orElse(Long.MIN_VALUE);
      List<Row> matches =
          kept.stream().filter(r -> r.id.equals(en.id) && r.e == best).collect(Collectors.toList());
      if (matches.isEmpty()) {
        out.add(en.k + "|null");
      } else {
        matches.forEach(m -> out.add(en.k + "|" + m.v));
      }
    }
    return out;
  }
}
