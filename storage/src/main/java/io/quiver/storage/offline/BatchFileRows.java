package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureDefinition;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

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
    for (int b = 0; b < vectors.length; b++) {
      vectors[b] = batches.get(b).column(position);
    }
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
