package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.internal.record.RecordCodec.ValueCursor;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * A file's rows given as staged records in their encoded form ({@code docs/format/record.md}),
 * typed straight from the bytes: strings are written from the record's own array, integers parsed
 * from their digits, and only decimals become strings on their way to a double. The same values as
 * decoding the records and parsing their text (RecordRules admits only {@code [+-]?[0-9]+} for an
 * Integral, which the fast path reads; anything else takes the text path).
 */
final class StagedFileRows implements OfflineFileWriter.FileRows {
  private final String groupName;
  private final List<byte[]> records;
  private final int[][] starts;
  private final long writeTimeMicros;
  private final long recordBytes;
  private final ValueCursor cursor = new ValueCursor();

  StagedFileRows(FeatureGroup group, List<byte[]> records, long writeTimeMicros) {
    this.groupName = group.name();
    this.records = records;
    this.writeTimeMicros = writeTimeMicros;
    int featureCount = group.features().size();
    this.starts = new int[records.size()][featureCount];
    long bytes = 0;
    for (int row = 0; row < records.size(); row++) {
      RecordCodec.locateValues(records.get(row), starts[row]);
      bytes += records.get(row).length;
    }
    this.recordBytes = bytes;
  }

  /**
   * The records' own bytes plus a little: a file holds the same values, plus three columns of eight
   * bytes or fewer per row, compressed (and without the records' headers).
   */
  @Override
  public long sizeHint() {
    return recordBytes + recordBytes / 16 + 64L * 1024;
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
    return RecordCodec.apiInvocationMicros(records.get(row));
  }

  @Override
  public boolean deleted(int row) {
    return RecordCodec.isDeleted(records.get(row));
  }

  @Override
  public void writeFeature(
      int position, FeatureDefinition feature, int from, int to, ColumnWriter column) {
    for (int row = from; row < to; row++) {
      int start = starts[row][position];
      if (start < 0) {
        column.writeNull(0, 0);
        continue;
      }
      boolean list = cursor.isList(records.get(row), start);
      if (!feature.isCollection()) {
        // A scalar feature's value is a scalar (RecordRules); a list would be a corrupt record.
        if (list) {
          throw new IllegalStateException(
              "Cannot flush a record of feature group "
                  + groupName
                  + ": feature "
                  + feature.name()
                  + " holds a list (expected: a scalar)");
        }
        cursor.nextString();
        write(feature, 0, 1, column);
        continue;
      }
      int size = list ? cursor.listSize() : 0;
      if (size == 0) {
        column.writeNull(0, 1);
      }
      for (int e = 0; e < size; e++) {
        cursor.nextString();
        write(feature, e == 0 ? 0 : 1, 3, column);
      }
    }
  }

  /** Writes the cursor's current string as a value of {@code feature}'s type. */
  private void write(FeatureDefinition feature, int repetition, int definition, ColumnWriter out) {
    byte[] bytes = cursor.bytes();
    int start = cursor.start();
    int end = cursor.end();
    switch (feature.type()) {
      case INTEGRAL -> out.write(parseLong(bytes, start, end), repetition, definition);
      case FRACTIONAL ->
          out.write(
              Double.parseDouble(new String(bytes, start, end - start, UTF_8)),
              repetition,
              definition);
      case STRING ->
          out.write(
              Binary.fromConstantByteArray(bytes, start, end - start), repetition, definition);
    }
  }

  /** {@code [+-]?[0-9]{1,18}} from the bytes; anything else through the text, as decoded. */
  static long parseLong(byte[] bytes, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
      negative = bytes[i] == '-';
      i++;
    }
    int digits = end - i;
    if (digits > 0 && digits <= 18) {
      long value = 0;
      for (; i < end; i++) {
        int digit = bytes[i] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        value = value * 10 + digit;
      }
      if (i == end) {
        return negative ? -value : value;
      }
    }
    String text = new String(bytes, start, end - start, UTF_8);
    return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
  }
}
