package io.quiver.wrangler.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Parquet file with parquet-hadoop's example {@link Group} API (no HDFS: a local input file
 * and a plain configuration). Types map as declared: integers to {@link Long}, floating point to
 * {@link Double}, strings and unannotated binaries to {@link String}, decimals to {@link
 * BigDecimal}, timestamps (INT64 and legacy INT96) to {@link Instant}, dates to {@link LocalDate},
 * and LIST groups to lists. Positions are {@code file: row N}.
 */
final class ParquetSource implements RowStream {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final String name;
  private final ParquetReader<Group> reader;
  private final List<String> columns;
  private final GroupType schema;
  private final long totalRows;
  private long rows;

  private ParquetSource(
      String name, ParquetReader<Group> reader, GroupType schema, long totalRows) {
    this.name = name;
    this.reader = reader;
    this.schema = schema;
    this.totalRows = totalRows;
    List<String> names = new ArrayList<>();
    for (Type field : schema.getFields()) {
      names.add(field.getName());
    }
    this.columns = List.copyOf(names);
  }

  static ParquetSource open(SourceFile file) {
    InputFile input = new LocalInputFile(file.localPath());
    try {
      GroupType schema;
      long totalRows;
      try (ParquetFileReader footer = ParquetFileReader.open(input)) {
        schema = footer.getFooter().getFileMetaData().getSchema();
        totalRows = footer.getRecordCount();
      }
      return new ParquetSource(
          file.name(), new GroupReaderBuilder(input).build(), schema, totalRows);
    } catch (IOException | RuntimeException e) {
      throw new SourceException("Cannot read " + file.name() + ": " + problem(e), e);
    }
  }

  /** What is wrong with a file Parquet cannot open, in words that name no library class. */
  private static String problem(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("is not a Parquet file")) {
      return "it is not a Parquet file (it does not start and end with PAR1)";
    }
    return "it is damaged or not valid Parquet ("
        + message.replaceAll("[a-z]+(\\.[a-z0-9]+)+\\.[A-Z]\\w*(@[0-9a-f]+)?", "the file")
        + ")";
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceRow read() {
    Group group;
    try {
      group = reader.read();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + " after row " + rows, e);
    } catch (RuntimeException e) {
      throw new SourceException(
          "Cannot read " + name + ": row " + (rows + 1) + ": " + e.getMessage(), e);
    }
    if (group == null) {
      return null;
    }
    rows++;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = field(group, i, schema.getType(i));
    }
    return new SourceRow(name + ": row " + rows, columns, Arrays.asList(values));
  }

  private static @Nullable Object field(Group group, int index, Type type) {
    int count = group.getFieldRepetitionCount(index);
    if (count == 0) {
      return null;
    }
    if (type.isPrimitive()) {
      if (type.isRepetition(Type.Repetition.REPEATED)) {
        List<Object> elements = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
          elements.add(primitive(group, index, k, type.asPrimitiveType()));
        }
        return elements;
      }
      return primitive(group, index, 0, type.asPrimitiveType());
    }
    GroupType groupType = type.asGroupType();
    Group child = group.getGroup(index, 0);
    if (groupType.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && groupType.getFieldCount() == 1) {
      // Three-level list: LIST { repeated group list { element } }.
      Type repeated = groupType.getType(0);
      int size = child.getFieldRepetitionCount(0);
      List<Object> elements = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        Object element =
            repeated.isPrimitive()
                ? primitive(child, 0, k, repeated.asPrimitiveType())
                : field(child.getGroup(0, k), 0, repeated.asGroupType().getType(0));
        if (element != null) {
          elements.add(element);
        }
      }
      return elements;
    }
    return child.toString();
  }

  private static Object primitive(Group group, int index, int repetition, PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> group.getBoolean(index, repetition);
      case INT32 -> {
        int value = group.getInteger(index, repetition);
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          yield LocalDate.ofEpochDay(value);
        }
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
          yield BigDecimal.valueOf(value, decimal.getScale());
        }
        yield (long) value;
      }
      case INT64 -> {
        long value = group.getLong(index, repetition);
        if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
          yield switch (timestamp.getUnit()) {
            case MILLIS -> Instant.ofEpochMilli(value);
            case MICROS ->
                Instant.ofEpochSecond(
                    Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOS ->
                Instant.ofEpochSecond(
                    Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
          };
        }
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
          yield BigDecimal.valueOf(value, decimal.getScale());
        }
        yield value;
      }
      case FLOAT -> Double.parseDouble(Float.toString(group.getFloat(index, repetition)));
      case DOUBLE -> group.getDouble(index, repetition);
      case INT96 -> int96(group.getInt96(index, repetition));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        Binary binary = group.getBinary(index, repetition);
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
          yield new BigDecimal(new BigInteger(binary.getBytes()), decimal.getScale());
        }
        yield binary.toStringUsingUTF8();
      }
    };
  }

  /** A legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
  private static Instant int96(Binary binary) {
    ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buffer.getLong();
    long julianDay = Integer.toUnsignedLong(buffer.getInt());
    return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
  }

  @Override
  public double fractionRead() {
    return totalRows <= 0 ? Double.NaN : (double) rows / totalRows;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + name, e);
    }
  }

  /**
   * Reads {@link Group}s from an {@link InputFile}; parquet-hadoop has no public builder for it.
   */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
