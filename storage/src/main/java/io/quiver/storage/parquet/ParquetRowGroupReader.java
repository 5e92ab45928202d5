package io.quiver.storage.parquet;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.objectstore.ReadableObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads chosen columns of one Parquet file a row group at a time, each into its own {@link
 * ColumnBatch}, so that a whole-file scan holds one row group in memory and several readers of the
 * same file can share its row groups out between threads. Columns the file lacks read as all null.
 *
 * <p>Not thread-safe: one instance per thread; open one per reading thread on the same file.
 */
public final class ParquetRowGroupReader implements AutoCloseable {
  private final ReadableObject file;
  private final ParquetFileReader reader;
  private final List<ColumnSpec> columns;
  private final MessageType requested;
  private final List<Type> fields = new ArrayList<>();
  private final int[] fieldOf;
  private final String createdBy;

  private ParquetRowGroupReader(
      ReadableObject file, ParquetFileReader reader, List<ColumnSpec> columns) {
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
   * Opens {@code file} to read {@code columns} (distinct names); the reader closes the file.
   *
   * @throws IllegalArgumentException if a column is named twice
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   */
  public static ParquetRowGroupReader open(ReadableObject file, List<ColumnSpec> columns) {
    if (columns.stream().map(ColumnSpec::name).distinct().count() != columns.size()) {
      throw new IllegalArgumentException("columns: " + columns + " (expected: distinct names)");
    }
    try {
      return new ParquetRowGroupReader(file, ParquetColumnReader.open(file), columns);
    } catch (IOException | RuntimeException | LinkageError e) {
      closeQuietly(file);
      throw ReadFailure.of(file.uri(), e);
    }
  }

  private static void closeQuietly(ReadableObject file) {
    try {
      file.close();
    } catch (Exception ignored) {
      // already failing with the more useful exception
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
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   */
  public ColumnBatch read(int index) {
    BlockMetaData block = reader.getRowGroups().get(index);
    if (block.getRowCount() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "Cannot read "
              + file.uri()
              + ": row group "
              + index
              + " has too many rows for one batch");
    }
    int rows = (int) block.getRowCount();
    List<ColumnVector> vectors = new ArrayList<>();
    ParquetColumnReader.ValueConverter[] converters =
        new ParquetColumnReader.ValueConverter[fields.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnKind kind = columns.get(i).kind();
      if (fieldOf[i] < 0) {
        vectors.add(ColumnVector.allNull(kind, rows));
        continue;
      }
      ColumnVector vector = new ColumnVector(kind, rows);
      vectors.add(vector);
      converters[fieldOf[i]] =
          new ParquetColumnReader.ValueConverter(
              vector, kind, fields.get(fieldOf[i]).asPrimitiveType(), null);
    }
    try {
      PageReadStore pages = reader.readRowGroup(index);
      ColumnReadStoreImpl store =
          new ColumnReadStoreImpl(
              pages, new ParquetColumnReader.RootConverter(converters), requested, createdBy);
      for (int f = 0; f < fields.size(); f++) {
        Type field = fields.get(f);
        ColumnDescriptor descriptor =
            requested.getColumnDescription(new String[] {field.getName()});
        if (ParquetColumnReader.allFalse(block, field)) {
          continue; // zero-filled already
        }
        ColumnChunkMetaData chunk = ParquetColumnReader.chunk(block, field.getName());
        if (converters[f].kind == ColumnKind.DOUBLE
            && chunk != null
            && DirectPageDecoder.supportsDoubles(chunk, descriptor)) {
          DirectPageDecoder.readDoubles(
              pages.getPageReader(descriptor), descriptor, converters[f].vector, 0, rows);
          continue;
        }
        ParquetColumnReader.readColumn(
            store.getColumnReader(descriptor), descriptor, converters[f], 0, rows);
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      throw ReadFailure.of(file.uri(), e);
    }
    return new ColumnBatch(rows, vectors);
  }

  @Override
  public void close() {
    try (file) {
      reader.close();
    } catch (Exception e) {
      throw ReadFailure.of(file.uri(), e);
    }
  }
}
