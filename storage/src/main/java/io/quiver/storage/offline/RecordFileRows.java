package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.StoredRecord;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/** A file's rows given as stored records, whose values are text: typed here. */
final class RecordFileRows implements OfflineFileWriter.FileRows {
  private final List<StoredRecord> records;
  private final FeatureValue[][] values;
  private final long writeTimeMicros;

  RecordFileRows(FeatureGroup group, List<StoredRecord> records, long writeTimeMicros) {
    this.records = records;
    this.writeTimeMicros = writeTimeMicros;
    int featureCount = group.features().size();
    this.values = new FeatureValue[records.size()][];
    for (int row = 0; row < records.size(); row++) {
      FeatureValue[] byPosition = new FeatureValue[featureCount];
      for (FeatureValue value : records.get(row).record().values()) {
        int position = group.position(value.featureName());
        if (position >= 0) {
          byPosition[position] = value;
        }
      }
      values[row] = byPosition;
    }
  }

  @Override
  public int size() {
    return records.size();
  }

  @Override
  public long writeTimeMicros() {
    return writeTimeMicros;
  }

  @Override
  public long apiInvocationMicros(int row) {
    return records.get(row).apiInvocationMicros();
  }

  @Override
  public boolean deleted(int row) {
    return records.get(row).deleted();
  }

  @Override
  public void writeFeature(
      int position, FeatureDefinition feature, int from, int to, ColumnWriter column) {
    for (int row = from; row < to; row++) {
      FeatureValue value = values[row][position];
      if (value == null) {
        column.writeNull(0, 0);
      } else if (!feature.isCollection()) {
        // a scalar feature's value is a string (the record rules checked it)
        writeScalar(feature, requireNonNull(value.valueAsString()), 0, 1, column);
      } else {
        List<String> elements = value.valueAsStringList();
        if (elements == null || elements.isEmpty()) {
          column.writeNull(0, 1);
        } else {
          for (int e = 0; e < elements.size(); e++) {
            writeScalar(feature, elements.get(e), e == 0 ? 0 : 1, 3, column);
          }
        }
      }
    }
  }

  private static void writeScalar(
      FeatureDefinition feature, String value, int repetition, int definition, ColumnWriter out) {
    switch (feature.type()) {
      case INTEGRAL ->
          out.write(
              Long.parseLong(value.startsWith("+") ? value.substring(1) : value),
              repetition,
              definition);
      case FRACTIONAL -> out.write(Double.parseDouble(value), repetition, definition);
      case STRING ->
          out.write(Binary.fromConstantByteArray(value.getBytes(UTF_8)), repetition, definition);
    }
  }
}
