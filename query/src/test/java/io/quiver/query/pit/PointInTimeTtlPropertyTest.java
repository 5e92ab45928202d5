package io.quiver.query.pit;

import static io.quiver.query.pit.PointInTimePropertyTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.pit.PointInTimePropertyTest.Entity;
import io.quiver.query.pit.PointInTimePropertyTest.Row;
import io.quiver.storage.MutableClock;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point-in-time property with TTL, over a real store (seeded random loop): records put with and
 * without a time to live, a clock moved by hand, the expiry sweep after every move and flushes now
 * and then. An expired record is live online until its {@code ExpiresAt}, so an as-of query at any
 * earlier instant finds it and one at or after it does not (issue 21: the sweep's marker carried
 * the record's own event time, and the record vanished from every as-of answer). The SQL ASOF join
 * and the dataset builder must match the brute-force references of {@link PointInTimePropertyTest}
 * over the history the test wrote, markers at {@code ExpiresAt}.
 */
class PointInTimeTtlPropertyTest {
  private static final int CASES = 10;

  @TempDir Path dir;

  /** The online record of an identifier as the test's model holds it. */
  private record Live(long eventTime, long expiresAt, double value) {}

  @Test
  void expiredRecordsAreFoundUntilTheirExpiryAndNotAfter() throws Exception {
    for (int seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      MutableClock clock = MutableClock.atEpochSecond(T0);
      StoreConfig config =
          StoreConfig.builder(dir.resolve("store" + seed))
              .clock(clock)
              .ttlSweepInterval(Duration.ZERO)
              .offlineFlushAge(Duration.ofDays(36_500))
              .build();
      try (QuiverStore store = QuiverStore.open(config)) {
        String fg = "f" + seed;
        String eg = "e" + seed;
        store.createFeatureGroup(group(fg, "id", "ts", "v"));
        store.createFeatureGroup(group(eg, "eid", "ets", "k"));

        List<Row> history = new ArrayList<>();
        List<Integer> unflushed = new ArrayList<>();
        Map<String, Live> online = new HashMap<>();
        List<Row> markers = new ArrayList<>();
        for (int step = 0, n = 20 + random.nextInt(40); step < n; step++) {
          long now = clock.instant().getEpochSecond();
          String id = "i" + random.nextInt(4);
          double value = step;
          Record record =
              Record.builder().set("id", id).set("ts", (double) now).set("v", value).build();
          if (random.nextInt(3) > 0) {
            long minutes = 1 + random.nextInt(90);
            store.putRecord(
                fg, record, RecordWriteOptions.withTtl(TtlDuration.of(minutes, TtlUnit.MINUTES)));
            online.put(id, new Live(now, now + minutes * 60, value));
          } else {
            store.putRecord(fg, record);
            online.put(id, new Live(now, Long.MAX_VALUE, value));
          }
          unflushed.add(history.size());
          history.add(new Row(id, now, now, now, false, value));

          clock.advance(Duration.ofSeconds(1 + random.nextInt(1_800)));
          long later = clock.instant().getEpochSecond();
          int expired = store.expireRecords();
          int expected = 0;
          for (var entry : new ArrayList<>(online.entrySet())) {
            Live live = entry.getValue();
            if (live.expiresAt() <= later) {
              Row marker = new Row(entry.getKey(), live.expiresAt(), later, later, true, null);
              unflushed.add(history.size());
              history.add(marker);
              markers.add(marker);
              online.remove(entry.getKey());
              expected++;
            }
          }
          assertThat(expired)
              .as("seed %s step %s: records expired", seed, step)
              .isEqualTo(expected);
          if (random.nextInt(4) == 0) {
            store.flush();
            for (int i : unflushed) {
              Row r = history.get(i);
              history.set(i, new Row(r.id(), r.e(), r.api(), later, r.deleted(), r.v()));
            }
            unflushed.clear();
          }
        }

        // Entities at random times, and either side of every expiry.
        long end = clock.instant().getEpochSecond();
        List<Entity> entities = new ArrayList<>();
        for (int k = 0, n = random.nextInt(20); k < n; k++) {
          entities.add(
              new Entity(
                  entities.size(),
                  "i" + random.nextInt(4),
                  T0 + (long) (random.nextDouble() * (end - T0))));
        }
        for (Row marker : markers) {
          entities.add(new Entity(entities.size(), marker.id(), marker.e() - 1));
          entities.add(new Entity(entities.size(), marker.id(), marker.e()));
        }
        StringBuilder csv = new StringBuilder("eid,ets,k\n");
        for (Entity en : entities) {
          store.putRecord(
              eg,
              Record.builder()
                  .set("eid", en.id())
                  .set("ets", (double) en.t())
                  .set("k", (double) en.k())
                  .build());
          csv.append(en.id()).append(',').append(en.t()).append(',').append(en.k()).append('\n');
        }
        Path base = dir.resolve("base" + seed + ".csv");
        Files.writeString(base, csv);

        PointInTimePropertyTest.checkSql(store.offlineHistory(), fg, eg, history, entities, seed);
        PointInTimePropertyTest.checkBuilder(
            store.offlineHistory(), fg, base, history, entities, random, seed);
      }
    }
  }

  private static FeatureGroupSpec group(String name, String id, String time, String value) {
    return FeatureGroupSpec.builder(name)
        .recordIdentifier(id)
        .eventTime(time)
        .feature(id, FeatureType.STRING)
        .feature(time, FeatureType.FRACTIONAL)
        .feature(value, FeatureType.FRACTIONAL)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .build();
  }
}
