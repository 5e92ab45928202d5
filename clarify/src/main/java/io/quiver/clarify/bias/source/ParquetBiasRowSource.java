package io.quiver.clarify.bias.source;

import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Reads the needed columns of a local Parquet file through parquet-hadoop's example {@link Group}
 * API, projected so that other columns are never decoded. Not thread-safe.
 *
 * <p>Values become text the way a CSV export would hold them: integers as {@code 42}, floating
 * point as Java's shortest round-trip text ({@code 0.5}), decimals as plain decimals, strings as
 * UTF-8, booleans as {@code true}/{@code false}, nulls as the empty string.
 */
final class ParquetBiasRowSource extends SlottedBiasRowSource {
  private final Path file;
  private final BiasColumns columns;
  private final ParquetReader<Group> reader;
  private final int[] fieldOfSlot = {-1, -1, -1, -1};
  private final PrimitiveType[] typeOfSlot = new PrimitiveType[4];
  private boolean closed;

  private ParquetBiasRowSource(
      Path file, BiasColumns columns, MessageType projection, ParquetReader<Group> reader) {
    this.file = file;
    this.columns = columns;
    this.reader = reader;
    @Nullable String[] wanted = slotColumns(columns);
    for (int slot = 0; slot < wanted.length; slot++) {
      if (wanted[slot] != null) {
        fieldOfSlot[slot] = projection.getFieldIndex(wanted[slot]);
        typeOfSlot[slot] = projection.getType(fieldOfSlot[slot]).asPrimitiveType();
      }
    }
  }

  static BiasRowSource open(Path file, BiasColumns columns) {
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(
          "Cannot read " + file + ": no such file",
          new java.io.FileNotFoundException(file.toString()));
    }
    InputFile input = new LocalInputFile(file);
    try {
      MessageType projection = projection(file, input, columns);
      ParquetReader<Group> reader = new ProjectedReaderBuilder(input, projection).build();
      return new ParquetBiasRowSource(file, columns, projection, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static MessageType projection(Path file, InputFile input, BiasColumns columns)
      throws IOException {
    MessageType schema;
    try (ParquetFileReader footer = ParquetFileReader.open(input)) {
      schema = footer.getFileMetaData().getSchema();
    }
    Set<String> names = new LinkedHashSet<>(columns.names());
    List<Type> fields = new ArrayList<>();
    for (String name : names) {
      if (!schema.containsField(name)) {
        List<String> present = new ArrayList<>();
        schema.getFields().forEach(f -> present.add(f.getName()));
        throw new ValidationException(
            "Cannot read "
                + file
                + ": no column '"
                + name
                + "' (columns: "
                + String.join(", ", present)
                + ")");
      }
      Type field = schema.getType(name);
      if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        throw new ValidationException(
            "Cannot read " + file + ": column '" + name + "' is not a single primitive value");
      }
    }
    for (Type field : schema.getFields()) {
      if (names.contains(field.getName())) {
        fields.add(field); // keep file order
      }
    }
    return new MessageType(schema.getName(), fields);
  }

  @Override
  public BiasColumns columns() {
    return columns;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public boolean next() {
    Group row;
    try {
      row = reader.read();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    if (row == null) {
      return false;
    }
    for (int slot = 0; slot < fieldOfSlot.length; slot++) {
      if (fieldOfSlot[slot] >= 0) {
        values[slot] = text(row, fieldOfSlot[slot], typeOfSlot[slot]);
      }
    }
    return true;
  }

  private static String text(Group row, int field, PrimitiveType type) {
    if (row.getFieldRepetitionCount(field) == 0) {
      return "";
    }
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      return decimalText(row, field, type, decimal.getScale());
    }
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        return Integer.toString(row.getInteger(field, 0));
      case INT64:
        return Long.toString(row.getLong(field, 0));
      case DOUBLE:
        return Double.toString(row.getDouble(field, 0));
      case FLOAT:
        return Float.toString(row.getFloat(field, 0));
      case BOOLEAN:
        return Boolean.toString(row.getBoolean(field, 0));
      case BINARY:
        return row.getString(field, 0);
      default:
        return row.getValueToString(field, 0);
    }
  }

  private static String decimalText(Group row, int field, PrimitiveType type, int scale) {
    BigInteger unscaled =
        switch (type.getPrimitiveTypeName()) {
          case INT32 -> BigInteger.valueOf(row.getInteger(field, 0));
          case INT64 -> BigInteger.valueOf(row.getLong(field, 0));
          default -> new BigInteger(row.getBinary(field, 0).getBytes());
        };
    return new BigDecimal(unscaled, scale).toPlainString();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }

  /** Builds a reader of {@link Group}s restricted to the projection, with no Hadoop file system. */
  private static final class ProjectedReaderBuilder extends ParquetReader.Builder<Group> {
    private final MessageType projection;

    ProjectedReaderBuilder(InputFile input, MessageType projection) {
      super(input, new PlainParquetConfiguration());
      this.projection = projection;
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport() {
        @Override
        public ReadContext init(InitContext context) {
          return new ReadContext(projection);
        }
      };
    }
  }
}
