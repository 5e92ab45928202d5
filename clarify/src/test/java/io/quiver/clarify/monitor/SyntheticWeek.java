package io.quiver.clarify.monitor;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Test fixture: a week of inference records (group {@value #RECORDS}) and their labels (group
 * {@value #LABELS}, arriving {@link #LABEL_DELAY} after the inference), with a bias planted on days
 * 5 to 7: more records of group F, and the model's scores for F pushed down, so that it predicts
 * positive for F far less often while the true labels do not change.
 */
final class SyntheticWeek implements AutoCloseable {
  static final String RECORDS = "inferences";
  static final String LABELS = "labels";
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);
  static final int DAYS = 7;
  static final int ROWS_PER_DAY = 1500;
  static final Duration LABEL_DELAY = Duration.ofDays(2);
  static final String HEADER = "inference_id,sex,age,income,score,prediction,label";

  /**
   * One generated inference and its label.
   *
   * @param day 1 to 7
   */
  record Row(
      String id,
      int day,
      Instant time,
      String sex,
      long age,
      double income,
      double score,
      long prediction,
      long label) {
    String csv() {
      return String.join(
          ",",
          id,
          sex,
          Long.toString(age),
          Double.toString(income),
          Double.toString(score),
          Long.toString(prediction),
          Long.toString(label));
    }
  }

  private final Path dir;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final QuiverStore store;
  final List<Row> rows = new ArrayList<>();

  SyntheticWeek(Path dir) {
    this.dir = dir;
    this.store =
        QuiverStore.open(
            StoreConfig.builder(dir)
                .offlineFlushAge(Duration.ofDays(30))
                .ttlSweepInterval(Duration.ZERO)
                .clock(() -> now.get())
                .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder(RECORDS)
            .recordIdentifier("inference_id")
            .eventTime("event_time")
            .feature("inference_id", FeatureType.STRING)
            .feature("event_time", FeatureType.FRACTIONAL)
            .feature("sex", FeatureType.STRING)
            .feature("age", FeatureType.INTEGRAL)
            .feature("income", FeatureType.FRACTIONAL)
            .feature("score", FeatureType.FRACTIONAL)
            .feature("prediction", FeatureType.INTEGRAL)
            .onlineStore(OnlineStoreConfig.enabled())
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder(LABELS)
            .recordIdentifier("inference_id")
            .eventTime("arrived")
            .feature("inference_id", FeatureType.STRING)
            .feature("arrived", FeatureType.STRING)
            .feature("label", FeatureType.INTEGRAL)
            .onlineStore(OnlineStoreConfig.enabled())
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
  }

  /** The inference rows of reference data (no bias), for baselines. */
  static List<Row> reference(int count, long seed) {
    Random random = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(row(random, "ref-" + i, 0, Instant.EPOCH, false));
    }
    return out;
  }

  /** Writes the week's inferences and labels, and flushes them to Parquet. */
  SyntheticWeek write(long seed) {
    Random random = new Random(seed);
    for (int day = 1; day <= DAYS; day++) {
      Instant start = day(day).start();
      for (int i = 0; i < ROWS_PER_DAY; i++) {
        Instant time = start.plusSeconds(86_400L * i / ROWS_PER_DAY);
        Row row = row(random, "d" + day + "-" + i, day, time, day >= 5);
        rows.add(row);
        now.set(time);
        store.putRecord(
            RECORDS,
            Record.builder()
                .set("inference_id", row.id())
                .set("event_time", time.getEpochSecond() + time.getNano() / 1e9)
                .set("sex", row.sex())
                .set("age", row.age())
                .set("income", row.income())
                .set("score", row.score())
                .set("prediction", row.prediction())
                .build());
      }
    }
    for (Row row : rows) {
      Instant arrived = row.time().plus(LABEL_DELAY);
      now.set(arrived);
      store.putRecord(
          LABELS,
          Record.builder()
              .set("inference_id", row.id())
              .set("arrived", arrived.toString())
              .set("label", row.label())
              .build());
    }
    store.flush();
    return this;
  }

  private static Row row(Random random, String id, int day, Instant time, boolean biased) {
    boolean female = random.nextDouble() < (biased ? 0.7 : 0.4);
    long label = random.nextDouble() < 0.5 ? 1 : 0;
    double score = 0.5 + (label == 1 ? 0.25 : -0.25) + 0.15 * random.nextGaussian();
    if (biased && female) {
      score -= 0.35;
    }
    score = Math.max(0, Math.min(1, score));
    return new Row(
        id,
        day,
        time,
        female ? "F" : "M",
        18 + random.nextInt(60),
        Math.round(Math.exp(10.5 + 0.4 * random.nextGaussian()) * 100) / 100.0,
        score,
        score > 0.5 ? 1 : 0,
        label);
  }

  /** The UTC day of day {@code day} (1 to 7). */
  static MonitoringWindow day(int day) {
    return MonitoringWindow.day(FIRST_DAY.plusDays(day - 1));
  }

  /** Writes {@code rows} meeting {@code filter} as CSV with {@link #HEADER}. */
  static Path csv(Path file, List<Row> rows, Predicate<Row> filter) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Row row : rows) {
      if (filter.test(row)) {
        text.append(row.csv()).append('\n');
      }
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The end of the week plus {@code extra}. */
  static Instant afterWeek(Duration extra) {
    return FIRST_DAY.plusDays(DAYS).atStartOfDay(ZoneOffset.UTC).toInstant().plus(extra);
  }

  /** The directory as a reader sees it. */
  OfflineHistory source() {
    return store.offlineHistory();
  }

  static String dayName(int day) {
    return String.format(Locale.ROOT, "day %d (%s)", day, FIRST_DAY.plusDays(day - 1));
  }

  @Override
  public void close() {
    store.close();
  }
}
