package io.quiver.storage.bulk;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** Rows of text for bulk load tests, as batches and as records, and the group they fit. */
final class BulkRows {
  static final List<String> COLUMNS = List.of("id", "ts", "count", "ratio", "label", "row");

  private BulkRows() {}

  /** A group of the test columns, with the stores asked for; offline below {@code offline}. */
  static FeatureGroupSpec spec(String name, boolean online, @Nullable Path offline) {
    FeatureGroupSpec.Builder spec =
        FeatureGroupSpec.builder(name)
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("count", FeatureType.INTEGRAL)
            .feature("ratio", FeatureType.FRACTIONAL)
            .feature("label", FeatureType.STRING)
            .feature("row", FeatureType.INTEGRAL);
    if (online) {
      spec.onlineStore(OnlineStoreConfig.enabled());
    }
    if (offline != null) {
      spec.offlineStore(OfflineStoreConfig.at(offline.toUri().toString()));
    }
    return spec.build();
  }

  /**
   * {@code count} rows drawn from {@code seed}: few identifiers (many rewrites), few event times
   * (ties, over {@code hours} hours), numbers in non-canonical spellings, non-ASCII text, missing
   * values; column {@code row} numbers the rows.
   */
  static List<@Nullable String[]> random(long seed, int count, int ids, int hours) {
    Random random = new Random(seed);
    String[] counts = {"007", "+5", "-3", "42", "0", null};
    String[] ratios = {"0.5", "1e3", "100", ".25", "-0.0", "3.14159", "12345678.9012", null};
    String[] labels = {"héllo", "日本", "", "plain", "x,y", null};
    List<@Nullable String[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long seconds = 1_700_000_000L + random.nextInt(Math.max(1, hours) * 4) * 900L;
      String ts =
          switch (random.nextInt(3)) {
            case 0 -> seconds + ".5";
            case 1 -> seconds + ".50";
            default -> Long.toString(seconds);
          };
      rows.add(
          new String[] {
            "c" + random.nextInt(ids),
            ts,
            counts[random.nextInt(counts.length)],
            ratios[random.nextInt(ratios.length)],
            labels[random.nextInt(labels.length)],
            Integer.toString(i)
          });
    }
    return rows;
  }

  /** The record PutRecord gets for {@code row}: its non-null values, in column order. */
  static Record record(List<String> columns, @Nullable String[] row) {
    List<FeatureValue> values = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      if (row[c] != null) {
        values.add(FeatureValue.of(columns.get(c), row[c]));
      }
    }
    return new Record(values);
  }

  /**
   * {@code rows} as a batch of text columns: UTF-8 vectors, or plain strings if not {@code utf8}.
   */
  static ColumnBatch batch(int columns, List<@Nullable String[]> rows, boolean utf8) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      if (utf8) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] offsets = new int[rows.size() + 1];
        BitSet nulls = new BitSet();
        for (int r = 0; r < rows.size(); r++) {
          String value = rows.get(r)[c];
          if (value == null) {
            nulls.set(r);
          } else {
            bytes.writeBytes(value.getBytes(UTF_8));
          }
          offsets[r + 1] = bytes.size();
        }
        vectors.add(ColumnVector.utf8(bytes.toByteArray(), offsets, nulls));
      } else {
        ColumnVector vector = new ColumnVector(ColumnKind.STRING, rows.size());
        for (int r = 0; r < rows.size(); r++) {
          String value = rows.get(r)[c];
          if (value == null) {
            vector.setNull(r);
          } else {
            vector.setString(r, value);
          }
        }
        vectors.add(vector);
      }
    }
    return new ColumnBatch(rows.size(), vectors);
  }
}
