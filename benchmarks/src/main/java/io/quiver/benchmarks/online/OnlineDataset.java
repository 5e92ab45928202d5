package io.quiver.benchmarks.online;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.internal.online.OnlineStore;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.StoredRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.rocksdb.RocksDBException;

/**
 * The feature group and records of the online benchmarks: an online-only group (a String
 * identifier, a Fractional event time, one String of a few hundred characters sized so that every
 * encoded record is exactly {@code recordBytes}, and four numbers), and record {@code i} of it.
 * Immutable and thread-safe.
 *
 * <p>Every value has a fixed width, so every stored value of a run has the same size. Record
 * contents are deterministic: a Quiver store and a baseline database loaded from datasets of the
 * same parameters hold the same keys and, up to the invocation time in the header, the same values.
 */
final class OnlineDataset {
  /** The group's name. */
  static final String GROUP = "bench_customers";

  /** The event time, in seconds, of preloaded records; benchmark writes use later seconds. */
  static final long EVENT_TIME_BASE = 1_700_000_000L;

  /** Index of the event time in {@link #values}. */
  static final int EVENT_TIME_INDEX = 1;

  private static final String EVENT_TIME_FEATURE = "event_time";
  private static final int PROFILES = 1024;
  private static final char[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".toCharArray();

  private final FeatureGroup group;
  private final int records;
  private final String[] profiles;

  private OnlineDataset(FeatureGroup group, int records, String[] profiles) {
    this.group = group;
    this.records = records;
    this.profiles = profiles;
  }

  /** The group definition: online store only, no TTL. */
  static FeatureGroupSpec spec() {
    return FeatureGroupSpec.builder(GROUP)
        .recordIdentifier("customer_id")
        .eventTime(EVENT_TIME_FEATURE)
        .feature("customer_id", FeatureType.STRING)
        .feature(EVENT_TIME_FEATURE, FeatureType.FRACTIONAL)
        .feature("profile", FeatureType.STRING)
        .feature("orders", FeatureType.INTEGRAL)
        .feature("spend", FeatureType.FRACTIONAL)
        .feature("score", FeatureType.FRACTIONAL)
        .feature("segment", FeatureType.INTEGRAL)
        .onlineStore(OnlineStoreConfig.enabled())
        .build();
  }

  /**
   * Default store settings, except that the TTL sweep is off: the group has no TTL, so the sweep
   * would find nothing, but its periodic full scan of the online column family would land in random
   * iterations.
   */
  static StoreConfig storeConfig(Path dataDir) {
    return StoreConfig.builder(dataDir).ttlSweepInterval(Duration.ZERO).build();
  }

  /**
   * The group as the first group of a fresh store describes it (so with the same id as in any fresh
   * store), for encoding records without keeping a store open.
   */
  static FeatureGroup describeGroup() {
    try (TempDirectory dir = TempDirectory.create("quiver-bench-group");
        QuiverStore store = QuiverStore.open(storeConfig(dir.path()))) {
      return store.createFeatureGroup(spec());
    }
  }

  /**
   * A dataset of {@code records} records of {@code group} whose encoded size is {@code
   * recordBytes}.
   *
   * @throws IllegalArgumentException if {@code recordBytes} is below the size of a record with an
   *     empty profile
   */
  static OnlineDataset create(FeatureGroup group, int records, int recordBytes) {
    if (records < 1 || records > 99_999_999) {
      throw new IllegalArgumentException("records: " + records + " (expected: 1 to 99999999)");
    }
    OnlineDataset empty = new OnlineDataset(group, records, new String[] {""});
    int fixed = empty.encoded(0, 0).length;
    // The profile's length prefix is a varint: one byte below 128, two up to 16383.
    int length = recordBytes - fixed >= 128 ? recordBytes - fixed - 1 : recordBytes - fixed;
    if (length < 0 || length > 16_383) {
      throw new IllegalArgumentException(
          "recordBytes: " + recordBytes + " (expected: " + fixed + " to " + (fixed + 16_382) + ")");
    }
    SplittableRandom random = new SplittableRandom(42);
    String[] profiles = new String[PROFILES];
    for (int p = 0; p < PROFILES; p++) {
      char[] chars = new char[length];
      for (int c = 0; c < length; c++) {
        chars[c] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      profiles[p] = new String(chars);
    }
    OnlineDataset dataset = new OnlineDataset(group, records, profiles);
    int actual = dataset.encoded(0, 0).length;
    if (actual != recordBytes) {
      // Only fixed + 128 lands here: its profile would sit exactly on the varint boundary.
      throw new IllegalArgumentException(
          "recordBytes: "
              + recordBytes
              + " (expected: any size from "
              + fixed
              + " but "
              + (fixed + 128)
              + ")");
    }
    return dataset;
  }

  /** How many records there are. */
  int records() {
    return records;
  }

  /** The identifier of record {@code i}, fixed width: {@code customer-00000042}. */
  static String identifier(int i) {
    String digits = Integer.toString(i);
    return "customer-" + "00000000".substring(digits.length()) + digits;
  }

  /** The values of record {@code i}, the event time at {@link #EVENT_TIME_INDEX}. */
  FeatureValue[] values(int i, String eventTime) {
    return new FeatureValue[] {
      FeatureValue.of("customer_id", identifier(i)),
      FeatureValue.of(EVENT_TIME_FEATURE, eventTime),
      FeatureValue.of("profile", profiles[i % profiles.length]),
      FeatureValue.of("orders", Integer.toString(100 + i % 900)),
      FeatureValue.of("spend", (1000 + i % 9000) + ".25"),
      FeatureValue.of("score", "0." + (1000 + i % 9000)),
      FeatureValue.of("segment", Integer.toString(10 + i % 90)),
    };
  }

  /** A record of {@code values} with its event time replaced. */
  static Record withEventTime(FeatureValue[] values, String eventTime) {
    FeatureValue[] copy = values.clone();
    copy[EVENT_TIME_INDEX] = FeatureValue.of(EVENT_TIME_FEATURE, eventTime);
    return new Record(Arrays.asList(copy));
  }

  /** Record {@code i} with the preloaded event time. */
  Record record(int i) {
    return new Record(Arrays.asList(values(i, Long.toString(EVENT_TIME_BASE))));
  }

  /** The online key of record {@code i}, as Quiver builds it. */
  byte[] key(int i) {
    return OnlineStore.key(group.id(), identifier(i));
  }

  /** Record {@code i} encoded as Quiver stores it online, without TTL. */
  byte[] encoded(int i, long apiInvocationMicros) {
    return RecordCodec.encode(
        RecordRules.check(group, record(i)), apiInvocationMicros, StoredRecord.NEVER);
  }

  /** Writes every record through {@link QuiverStore#putRecord}. */
  void preload(QuiverStore store) {
    for (int i = 0; i < records; i++) {
      store.putRecord(GROUP, record(i));
    }
  }

  /**
   * A baseline in {@code folder} holding every record, reopened after loading so that reads start
   * from a database opened on its files, as the store's do.
   */
  BaselineRocksDb loadedBaseline(Path folder) throws RocksDBException {
    try (BaselineRocksDb loading = BaselineRocksDb.open(folder)) {
      preload(loading);
    }
    return BaselineRocksDb.open(folder);
  }

  /** Writes every record's key and encoded value to the baseline with plain puts. */
  void preload(BaselineRocksDb baseline) throws RocksDBException {
    long now = System.currentTimeMillis() * 1_000;
    for (int i = 0; i < records; i++) {
      baseline.db.put(baseline.writeOptions, key(i), encoded(i, now));
    }
  }
}
