package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureDefinition;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.jspecify.annotations.Nullable;

/**
 * A file's rows given as typed columns: one vector per feature in definition order (LONG for
 * Integral, DOUBLE for Fractional, STRING, plain or {@link ColumnVector#utf8 UTF-8}, for String;
 * collection features all null), the rows listed in file order as {@code batch index << 32 | row
 * index}. Every row has the same invocation time and none is a deletion.
 */
final class BatchFileRows implements OfflineFileWriter.FileRows {
  private final List<ColumnBatch> batches;
  private final long[] rows;
  private final long writeTimeMicros;
  private final long apiInvocationMicros;

  /** A slice's gathered values (slices are at most {@link OfflineFileWriter#SLICE_ROWS} rows). */
  private final boolean[] nulls = new boolean[OfflineFileWriter.SLICE_ROWS];

  private final long[] longs = new long[OfflineFileWriter.SLICE_ROWS];
  private final double[] doubles = new double[OfflineFileWriter.SLICE_ROWS];
  private final int[] ends = new int[OfflineFileWriter.SLICE_ROWS];

  BatchFileRows(
      List<ColumnBatch> batches, long[] rows, long writeTimeMicros, long apiInvocationMicros) {
    this.batches = batches;
    this.rows = rows;
    this.writeTimeMicros = writeTimeMicros;
    this.apiInvocationMicros = apiInvocationMicros;
  }

  @Override
  public int size() {
    return rows.length;
  }

  @Override
  public long writeTimeMicros() {
    return writeTimeMicros;
  }

  @Override
  public long apiInvocationMicros(int row) {
    return apiInvocationMicros;
  }

  @Override
  public boolean deleted(int row) {
    return false;
  }

  @Override
  public void writeFeature(
      int position, FeatureDefinition feature, int from, int to, ColumnWriter column) {
    // The rows of a file come from all over the batches: look each batch's vector up once.
    ColumnVector[] vectors = new ColumnVector[batches.size()];
    @Nullable ColumnKind kind = null;
    boolean uniform = !feature.isCollection();
    for (int b = 0; b < vectors.length; b++) {
      ColumnVector vector = batches.get(b).column(position);
      vectors[b] = vector;
      if (kind == null) {
        kind = vector.kind();
      }
      uniform &= vector.kind() == kind && (kind != ColumnKind.STRING || vector.isUtf8());
    }
    if (!uniform || kind == null) {
      writeValueByValue(vectors, feature, from, to, column);
      return;
    }
    switch (kind) {
      case LONG -> writeLongs(vectors, from, to, column);
      case DOUBLE -> writeDoubles(vectors, from, to, column);
      case STRING -> writeUtf8(vectors, from, to, column);
      default -> writeValueByValue(vectors, feature, from, to, column);
    }
  }

  /*
   * The typed paths below first gather a slice's values into contiguous arrays, in a loop that
   * does nothing else, then hand them to the column writer. Each value read is a cache miss (the
   * rows of an hour are spread over the whole input); in a loop without dependencies from one
   * row to the next the processor overlaps those misses, where between the column writer's work
   * for one value and the next it takes them one at a time.
   */

  private boolean gatherNulls(ColumnVector[] vectors, int from, int to) {
    boolean any = false;
    for (int i = from; i < to; i++) {
      long reference = rows[i];
      boolean isNull = vectors[(int) (reference >>> 32)].isNull((int) reference);
      nulls[i - from] = isNull;
      any |= isNull;
    }
    return any;
  }

  private void writeLongs(ColumnVector[] vectors, int from, int to, ColumnWriter column) {
    boolean anyNull = gatherNulls(vectors, from, to);
    for (int i = from; i < to; i++) {
      long reference = rows[i];
      int row = (int) reference;
      ColumnVector vector = vectors[(int) (reference >>> 32)];
      longs[i - from] = nulls[i - from] ? 0 : vector.getLong(row);
    }
    for (int i = 0; i < to - from; i++) {
      if (anyNull && nulls[i]) {
        column.writeNull(0, 0);
      } else {
        column.write(longs[i], 0, 1);
      }
    }
  }

  private void writeDoubles(ColumnVector[] vectors, int from, int to, ColumnWriter column) {
    boolean anyNull = gatherNulls(vectors, from, to);
    for (int i = from; i < to; i++) {
      long reference = rows[i];
      int row = (int) reference;
      ColumnVector vector = vectors[(int) (reference >>> 32)];
      doubles[i - from] = nulls[i - from] ? 0 : vector.getDouble(row);
    }
    for (int i = 0; i < to - from; i++) {
      if (anyNull && nulls[i]) {
        column.writeNull(0, 0);
      } else {
        column.write(doubles[i], 0, 1);
      }
    }
  }

  private void writeUtf8(ColumnVector[] vectors, int from, int to, ColumnWriter column) {
    boolean anyNull = gatherNulls(vectors, from, to);
    int length = 0;
    for (int i = from; i < to; i++) {
      long reference = rows[i];
      int row = (int) reference;
      ColumnVector vector = vectors[(int) (reference >>> 32)];
      if (!nulls[i - from]) {
        length += vector.utf8End(row) - vector.utf8Start(row);
      }
    }
    // A new array per slice: the Binary values handed to the writer are constant (statistics and
    // dictionaries may keep them without a copy), so their bytes must not be overwritten.
    byte[] bytes = new byte[length];
    int at = 0;
    for (int i = from; i < to; i++) {
      long reference = rows[i];
      int row = (int) reference;
      ColumnVector vector = vectors[(int) (reference >>> 32)];
      if (!nulls[i - from]) {
        int start = vector.utf8Start(row);
        int size = vector.utf8End(row) - start;
        System.arraycopy(vector.utf8Bytes(), start, bytes, at, size);
        at += size;
      }
      ends[i - from] = at;
    }
    int start = 0;
    for (int i = 0; i < to - from; i++) {
      if (anyNull && nulls[i]) {
        column.writeNull(0, 0);
      } else {
        column.write(Binary.fromConstantByteArray(bytes, start, ends[i] - start), 0, 1);
      }
      start = ends[i];
    }
  }

  /** Any mix of vectors, a value at a time. */
  private void writeValueByValue(
      ColumnVector[] vectors, FeatureDefinition feature, int from, int to, ColumnWriter column) {
    for (int i = from; i < to; i++) {
      long reference = rows[i];
      ColumnVector vector = vectors[(int) (reference >>> 32)];
      int row = (int) reference;
      if (vector.isNull(row)) {
        column.writeNull(0, 0);
        continue;
      }
      if (feature.isCollection()) {
        throw new IllegalArgumentException(
            "batch: a value of collection feature "
                + feature.name()
                + " (expected: collection features all null)");
      }
      switch (vector.kind()) {
        case LONG -> column.write(vector.getLong(row), 0, 1);
        case DOUBLE -> column.write(vector.getDouble(row), 0, 1);
        case STRING -> column.write(utf8(vector, row), 0, 1);
        default ->
            throw new IllegalArgumentException(
                "batch: a " + vector.kind() + " column (expected: LONG, DOUBLE or STRING)");
      }
    }
  }

  private static Binary utf8(ColumnVector column, int row) {
    if (column.isUtf8()) {
      int start = column.utf8Start(row);
      return Binary.fromConstantByteArray(column.utf8Bytes(), start, column.utf8End(row) - start);
    }
    // called for non-null rows only
    return Binary.fromConstantByteArray(requireNonNull(column.getString(row)).getBytes(UTF_8));
  }
}
