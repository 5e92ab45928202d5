package io.quiver.wrangler.analyze.profile;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.input.SourceBatch;
import java.util.ArrayList;
import java.util.List;

/** One worker's profile of the batches it read, merged with the others' at the end. */
final class PartialProfile {
  private static final long NULL_HASH = 0x9E3779B97F4A7C15L;

  private final List<ColumnAccumulator> columns = new ArrayList<>();
  private final RowDistinct rows = new RowDistinct();
  private final RowSampler sampler;
  private long rowCount;
  private long[] hashes = new long[0];

  PartialProfile(List<AnalysisColumn> columns, ProfileOptions options) {
    for (AnalysisColumn column : columns) {
      this.columns.add(new ColumnAccumulator(column, options.kllK()));
    }
    this.sampler = new RowSampler(options.sampleRows(), options.seed());
  }

  void add(SourceBatch numbered) {
    ColumnBatch batch = numbered.batch();
    int n = batch.rowCount();
    rowCount += n;
    if (hashes.length < n) {
      hashes = new long[n];
    }
    long[] h = hashes;
    java.util.Arrays.fill(h, 0, n, 1);
    for (int c = 0; c < columns.size(); c++) {
      ColumnVector vector = batch.column(c);
      columns.get(c).add(vector, n);
      hashColumn(vector, h, n);
    }
    for (int r = 0; r < n; r++) {
      rows.add(LongCountMap.mix(h[r]));
    }
    sampler.add(batch, numbered.firstRow());
  }

  /** Folds each row's value of one column into the row hashes. */
  private static void hashColumn(ColumnVector vector, long[] h, int n) {
    switch (vector.kind()) {
      case DOUBLE -> {
        for (int r = 0; r < n; r++) {
          long v = vector.isNull(r) ? NULL_HASH : Double.doubleToLongBits(vector.getDouble(r));
          h[r] = (Long.rotateLeft(h[r], 23) ^ v) * 0xC2B2AE3D27D4EB4FL;
        }
      }
      case STRING, LIST -> {
        for (int r = 0; r < n; r++) {
          String s =
              vector.kind() == ColumnKind.STRING
                  ? vector.getString(r)
                  : vector.isNull(r) ? null : String.valueOf(vector.get(r));
          long v = s == null ? NULL_HASH : ((long) s.hashCode() << 32) ^ s.length();
          h[r] = (Long.rotateLeft(h[r], 23) ^ v) * 0xC2B2AE3D27D4EB4FL;
        }
      }
      default -> {
        for (int r = 0; r < n; r++) {
          long v = vector.isNull(r) ? NULL_HASH : vector.getLong(r);
          h[r] = (Long.rotateLeft(h[r], 23) ^ v) * 0xC2B2AE3D27D4EB4FL;
        }
      }
    }
  }

  void merge(PartialProfile other) {
    rowCount += other.rowCount;
    for (int c = 0; c < columns.size(); c++) {
      columns.get(c).merge(other.columns.get(c));
    }
    rows.merge(other.rows);
    sampler.merge(other.sampler);
  }

  DatasetProfile finish(List<AnalysisColumn> columnList, long[] sourceInvalid) {
    List<ColumnProfile> profiles = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      profiles.add(columns.get(c).finish(sourceInvalid[c]));
    }
    return new DatasetProfile(
        rowCount, profiles, rows.distinct(), new RowSample(columnList, sampler.rows(), rowCount));
  }
}
