package io.quiver.wrangler.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.jspecify.annotations.Nullable;

/**
 * Reads an ORC file with orc-core's vectorized reader, a batch of rows at a time, on the same
 * Hadoop jars as Parquet. Types map as declared: integers to {@link Long}, float and double to
 * {@link Double}, strings to {@link String}, decimals to {@link java.math.BigDecimal}, timestamps
 * (read as UTC) to {@link Instant}, dates to {@link LocalDate}, booleans to {@link Boolean}, lists
 * to lists. Positions are {@code file: row N}.
 */
final class OrcSource implements RowStream {
  private static final int BATCH_ROWS = 1024;

  private final String name;
  private final Reader reader;
  private final RecordReader rows;
  private final List<String> columns;
  private final List<TypeDescription> types;
  private final VectorizedRowBatch batch;
  private int inBatch;
  private long rowNumber;

  private OrcSource(String name, Reader reader, RecordReader rows) {
    this.name = name;
    this.reader = reader;
    this.rows = rows;
    TypeDescription schema = reader.getSchema();
    this.columns = List.copyOf(schema.getFieldNames());
    this.types = List.copyOf(schema.getChildren());
    this.batch = schema.createRowBatch(BATCH_ROWS);
  }

  static OrcSource open(SourceFile file) {
    try {
      Configuration conf = new Configuration(false);
      Reader reader =
          OrcFile.createReader(
              new org.apache.hadoop.fs.Path(file.localPath().toUri()),
              OrcFile.readerOptions(conf).filesystem(localFileSystem(conf)).useUTCTimestamp(true));
      return new OrcSource(file.name(), reader, reader.rows(reader.options().useZeroCopy(false)));
    } catch (IOException | RuntimeException e) {
      throw new SourceException("Cannot read " + file.name() + " as ORC: " + e.getMessage(), e);
    }
  }

  /**
   * Hadoop's raw local file system, made directly: going through {@code FileSystem.get} would load
   * Hadoop's user and metrics machinery, which needs many more jars than we ship.
   */
  static FileSystem localFileSystem(Configuration conf) throws IOException {
    RawLocalFileSystem fs = new RawLocalFileSystem();
    fs.initialize(URI.create("file:///"), conf);
    return fs;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceRow read() {
    if (inBatch >= batch.size) {
      try {
        if (!rows.nextBatch(batch)) {
          return null;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name + " after row " + rowNumber, e);
      }
      inBatch = 0;
      if (batch.size == 0) {
        return null;
      }
    }
    int row = inBatch++;
    rowNumber++;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(batch.cols[i], types.get(i), row);
    }
    return new SourceRow(name + ": row " + rowNumber, columns, Arrays.asList(values));
  }

  private static @Nullable Object value(ColumnVector vector, TypeDescription type, int row) {
    int r = vector.isRepeating ? 0 : row;
    if (!vector.noNulls && vector.isNull[r]) {
      return null;
    }
    return switch (type.getCategory()) {
      case BOOLEAN -> ((LongColumnVector) vector).vector[r] != 0;
      case BYTE, SHORT, INT, LONG -> ((LongColumnVector) vector).vector[r];
      case DATE -> LocalDate.ofEpochDay(((LongColumnVector) vector).vector[r]);
      case FLOAT ->
          Double.parseDouble(Float.toString((float) ((DoubleColumnVector) vector).vector[r]));
      case DOUBLE -> ((DoubleColumnVector) vector).vector[r];
      case STRING, VARCHAR, CHAR, BINARY -> {
        BytesColumnVector bytes = (BytesColumnVector) vector;
        yield new String(bytes.vector[r], bytes.start[r], bytes.length[r], UTF_8);
      }
      case DECIMAL -> ((DecimalColumnVector) vector).vector[r].getHiveDecimal().bigDecimalValue();
      case TIMESTAMP, TIMESTAMP_INSTANT -> {
        TimestampColumnVector timestamps = (TimestampColumnVector) vector;
        yield Instant.ofEpochSecond(Math.floorDiv(timestamps.time[r], 1000L), timestamps.nanos[r]);
      }
      case LIST -> {
        ListColumnVector list = (ListColumnVector) vector;
        TypeDescription elementType = type.getChildren().get(0);
        int offset = (int) list.offsets[r];
        int length = (int) list.lengths[r];
        List<Object> elements = new ArrayList<>(length);
        for (int k = 0; k < length; k++) {
          Object element = value(list.child, elementType, offset + k);
          if (element != null) {
            elements.add(element);
          }
        }
        yield elements;
      }
      default -> {
        StringBuilder text = new StringBuilder();
        vector.stringifyValue(text, r);
        yield text.toString();
      }
    };
  }

  @Override
  public double fractionRead() {
    long total = reader.getNumberOfRows();
    return total <= 0 ? Double.NaN : (double) rowNumber / total;
  }

  @Override
  public void close() {
    try {
      rows.close();
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + name, e);
    }
  }
}
