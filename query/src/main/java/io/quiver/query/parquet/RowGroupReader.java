package io.quiver.query.parquet;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads chosen columns of one Parquet file a row group at a time, each into its own {@link
 * ColumnBatch}, so that a whole-file scan holds one row group in memory and several readers of the
 * same file can share its row groups out between threads. Columns the file lacks read as all null.
 *
 * <p>Not thread-safe: one instance per thread; open one per reading thread on the same file.
 */
public final class RowGroupReader implements AutoCloseable {
  private final Path file;
  private final ParquetFileReader reader;
  private final List<ColumnSpec> columns;
  private final MessageType requested;
  private final List<Type> fields = new ArrayList<>();
  private final int[] fieldOf;
  private final String createdBy;

  private RowGroupReader(Path file, ParquetFileReader reader, List<ColumnSpec> columns) {
    this.file = file;
    this.reader = reader;
    this.columns = List.copyOf(columns);
    MessageType schema = reader.getFooter().getFileMetaData().getSchema();
    this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
    this.fieldOf = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      fieldOf[i] = -1;
      if (schema.containsField(name)) {
        Type type = schema.getType(name);
        if (type.isPrimitive() && !type.isRepetition(Type.Repetition.REPEATED)) {
          fields.add(type);
          fieldOf[i] = fields.size() - 1;
        }
      }
    }
    this.requested = new MessageType(schema.getName(), fields);
    reader.setRequestedSchema(requested);
  }

  /**
   * Opens {@code file} to read {@code columns} (distinct names).
   *
   * @throws IllegalArgumentException if a column is named twice
   * @throws UncheckedIOException if the file cannot be opened or is not Parquet
   */
  public static RowGroupReader open(Path file, List<ColumnSpec> columns) {
    if (columns.stream().map(ColumnSpec::name).distinct().count() != columns.size()) {
      throw new IllegalArgumentException("columns: " + columns + " (expected: distinct names)");
    }
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try {
      return new RowGroupReader(
          file, ParquetFileReader.open(new LocalInputFile(file), options), columns);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          "Cannot read " + file + " as Parquet: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** The number of row groups. */
  public int rowGroupCount() {
    return reader.getRowGroups().size();
  }

  /** The number of rows of row group {@code index}. */
  public long rowCount(int index) {
    return reader.getRowGroups().get(index).getRowCount();
  }

  /**
   * Reads row group {@code index} (any order).
   *
   * @throws IndexOutOfBoundsException if there is no such row group
   * @throws UncheckedIOException if the file cannot be read
   */
  public ColumnBatch read(int index) {
    BlockMetaData block = reader.getRowGroups().get(index);
    if (block.getRowCount() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "Cannot read " + file + ": row group " + index + " has too many rows for one batch");
    }
    int rows = (int) block.getRowCount();
    List<ColumnVector> vectors = new ArrayList<>();
    FeatureFileReader.ValueConverter[] converters =
        new FeatureFileReader.ValueConverter[fields.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnKind kind = columns.get(i).kind();
      if (fieldOf[i] < 0) {
        vectors.add(ColumnVector.allNull(kind, rows));
        continue;
      }
      ColumnVector vector = new ColumnVector(kind, rows);
      vectors.add(vector);
      converters[fieldOf[i]] =
          new FeatureFileReader.ValueConverter(
              vector, kind, fields.get(fieldOf[i]).asPrimitiveType(), null);
    }
    try {
      PageReadStore pages = reader.readRowGroup(index);
      ColumnReadStoreImpl store =
          new ColumnReadStoreImpl(
              pages, new FeatureFileReader.RootConverter(converters), requested, createdBy);
      for (int f = 0; f < fields.size(); f++) {
        Type field = fields.get(f);
        ColumnDescriptor descriptor =
            requested.getColumnDescription(new String[] {field.getName()});
        if (FeatureFileReader.allFalse(block, field)) {
          continue; // zero-filled already
        }
        ColumnChunkMetaData chunk = FeatureFileReader.chunk(block, field.getName());
        if (converters[f].kind == ColumnKind.DOUBLE
            && chunk != null
            && DirectPageDecoder.supportsDoubles(chunk, descriptor)) {
          DirectPageDecoder.readDoubles(
              pages.getPageReader(descriptor), descriptor, converters[f].vector, 0, rows);
          continue;
        }
        FeatureFileReader.readColumn(
            store.getColumnReader(descriptor), descriptor, converters[f], 0, rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return new ColumnBatch(rows, vectors);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }
}
