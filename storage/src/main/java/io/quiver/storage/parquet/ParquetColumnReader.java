package io.quiver.storage.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.objectstore.ReadableObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveComparator;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/*
 * Design: the record-assembly API (Group, ParquetReader) costs an object per row and per value;
 * the point-in-time join reads a million rows per query, so this reader drives the column readers
 * directly, one column at a time, into primitive arrays. String columns install the page
 * dictionary once and hand out the same String instance for every row of an id, so hashing in the
 * join is cached by the String itself. With IdentifierCodes, the identifier column is interned
 * across the files of a scan and carries int codes; DirectPageDecoder reads it (and PLAIN DOUBLE
 * columns) from the pages without per-value objects. Top-level primitive columns are read, and
 * top-level lists of primitives (collection features) into LIST vectors by their repetition and
 * definition levels. Page checksums are verified
 * on every read (by parquet-java when it loads a chunk's pages, before either decoder sees them),
 * so a damaged page fails the read instead of decoding to wrong values. The class exceeds 300
 * lines for the converter, which must handle every physical type for every in-memory kind.
 */

/**
 * Reads chosen top-level columns of one Parquet file (an offline store file, or any file: a dataset
 * base, an import) into a {@link ColumnBatch}, skipping row groups whose statistics exclude the
 * wanted record identifiers. Not thread-safe; cheap to create.
 *
 * <p>Failures name the file: {@link io.quiver.storage.error.CorruptFileException} when its content
 * is damaged (a failed page checksum, a bad footer, a page that does not decompress), the object
 * store's own exception when it cannot be read at all.
 */
public final class ParquetColumnReader {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  // Options hold a codec factory that pools decompressors: not thread-safe, so one per thread.
  private static final ThreadLocal<ParquetReadOptions> OPTIONS =
      ThreadLocal.withInitial(ParquetColumnReader::options);

  private final ScanStatistics statistics;

  /** A reader that records what it reads in {@code statistics}. */
  public ParquetColumnReader(ScanStatistics statistics) {
    this.statistics = statistics;
  }

  /** Read options that verify page checksums. */
  static ParquetReadOptions options() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration())
        .usePageChecksumVerification(true)
        .build();
  }

  /**
   * Reads {@code columns} of {@code file}. Columns the file lacks read as all null.
   *
   * @param idColumn the column {@code idValues} apply to, or {@code null}
   * @param idValues if not {@code null}, row groups whose min/max statistics of {@code idColumn}
   *     exclude every one of these values are skipped (rows of kept groups are not filtered)
   * @throws IllegalArgumentException if two columns have the same name
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if an S3 object cannot be read
   */
  public ColumnBatch read(
      ReadableObject file,
      List<ColumnSpec> columns,
      @Nullable String idColumn,
      @Nullable Set<String> idValues) {
    return read(file, columns, idColumn, idValues, null);
  }

  /**
   * As {@link #read(ReadableObject, List, String, Set)}; if {@code codes} is not null, the strings
   * of {@code idColumn} are interned in it and the vector carries their codes ({@link
   * ColumnVector#code}).
   *
   * @throws IllegalArgumentException if two columns have the same name
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if an S3 object cannot be read
   */
  public ColumnBatch read(
      ReadableObject file,
      List<ColumnSpec> columns,
      @Nullable String idColumn,
      @Nullable Set<String> idValues,
      @Nullable IdentifierCodes codes) {
    Set<String> names = new HashSet<>();
    for (ColumnSpec column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("columns: " + columns + " (expected: distinct names)");
      }
    }
    try (ParquetFileReader reader = open(file)) {
      statistics.fileOpened();
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      List<Type> fields = new ArrayList<>();
      int[] fieldOf = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        String name = columns.get(i).name();
        fieldOf[i] = -1;
        if (schema.containsField(name)) {
          Type type = schema.getType(name);
          boolean readable =
              columns.get(i).kind() == ColumnKind.LIST
                  ? ListLeaf.of(type) != null
                  : type.isPrimitive() && !type.isRepetition(Type.Repetition.REPEATED);
          if (readable) {
            fields.add(type);
            fieldOf[i] = fields.size() - 1;
          }
        }
      }
      MessageType requested = new MessageType(schema.getName(), fields);
      reader.setRequestedSchema(requested);
      List<BlockMetaData> blocks = reader.getRowGroups();
      boolean[] keep = new boolean[blocks.size()];
      long total = 0;
      for (int b = 0; b < blocks.size(); b++) {
        keep[b] =
            idValues == null || idColumn == null || mayContain(blocks.get(b), idColumn, idValues);
        if (keep[b]) {
          total += blocks.get(b).getRowCount();
        }
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException(total + " rows exceed one batch");
      }
      int size = (int) total;
      List<ColumnVector> vectors = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        ColumnKind kind = columns.get(i).kind();
        boolean coded =
            codes != null
                && fieldOf[i] >= 0
                && kind == ColumnKind.STRING
                && columns.get(i).name().equals(idColumn)
                && isBinary(fields.get(fieldOf[i]));
        ColumnKind elementKind = columns.get(i).elementKind();
        if (fieldOf[i] < 0) {
          vectors.add(ColumnVector.allNull(kind, size));
        } else if (elementKind != null) {
          String[] leaf = ListLeaf.of(fields.get(fieldOf[i])).path();
          vectors.add(ColumnVector.list(elementKind, size, leafValues(blocks, keep, leaf)));
        } else {
          vectors.add(new ColumnVector(kind, size, coded ? codes : null));
        }
      }
      ValueConverter[] converters = new ValueConverter[fields.size()];
      Converter[] fieldConverters = new Converter[fields.size()];
      for (int i = 0; i < columns.size(); i++) {
        if (fieldOf[i] < 0) {
          continue;
        }
        Type field = fields.get(fieldOf[i]);
        ColumnKind elementKind = columns.get(i).elementKind();
        if (elementKind != null) {
          ListLeaf leaf = ListLeaf.of(field);
          ValueConverter values =
              new ValueConverter(vectors.get(i).elements(), elementKind, leaf.type(), null);
          converters[fieldOf[i]] = values;
          fieldConverters[fieldOf[i]] = leaf.wrap(values);
        } else {
          converters[fieldOf[i]] =
              new ValueConverter(
                  vectors.get(i),
                  columns.get(i).kind(),
                  field.asPrimitiveType(),
                  vectors.get(i).hasCodes() ? codes : null);
          fieldConverters[fieldOf[i]] = converters[fieldOf[i]];
        }
      }
      GroupConverter root = new RootConverter(fieldConverters);
      int offset = 0;
      for (int b = 0; b < blocks.size(); b++) {
        if (!keep[b]) {
          reader.skipNextRowGroup();
          statistics.rowGroupSkipped();
          continue;
        }
        PageReadStore pages = reader.readNextRowGroup();
        int rows = (int) pages.getRowCount();
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, root, requested, createdBy);
        for (int f = 0; f < fields.size(); f++) {
          if (!fields.get(f).isPrimitive()) {
            ListLeaf leaf = ListLeaf.of(fields.get(f));
            ColumnDescriptor descriptor = requested.getColumnDescription(leaf.path());
            readList(
                store.getColumnReader(descriptor),
                descriptor,
                leaf.listDefinition(),
                converters[f],
                listVector(vectors, converters[f]),
                offset,
                rows);
            continue;
          }
          ColumnDescriptor descriptor =
              requested.getColumnDescription(new String[] {fields.get(f).getName()});
          if (allFalse(blocks.get(b), fields.get(f))) {
            continue; // zero-filled already; typical of is_deleted
          }
          ColumnChunkMetaData chunk = chunk(blocks.get(b), fields.get(f).getName());
          if (codes != null
              && converters[f].vector.hasCodes()
              && chunk != null
              && DirectPageDecoder.supports(chunk, descriptor)) {
            DirectPageDecoder.read(
                pages.getPageReader(descriptor),
                descriptor,
                converters[f].vector,
                codes,
                offset,
                rows);
            continue;
          }
          if (converters[f].kind == ColumnKind.DOUBLE
              && chunk != null
              && DirectPageDecoder.supportsDoubles(chunk, descriptor)) {
            DirectPageDecoder.readDoubles(
                pages.getPageReader(descriptor), descriptor, converters[f].vector, offset, rows);
            continue;
          }
          readColumn(store.getColumnReader(descriptor), descriptor, converters[f], offset, rows);
        }
        statistics.rowGroupRead(rows);
        offset += rows;
      }
      return new ColumnBatch(size, vectors);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw ReadFailure.of(file.uri(), e);
    }
  }

  /** Opens {@code file} once its footer checksum, if it has one, is verified. */
  static ParquetFileReader open(ReadableObject file) throws IOException {
    ObjectInputFile input = new ObjectInputFile(file);
    FooterChecksum.verify(input, file.uri());
    return ParquetFileReader.open(input, OPTIONS.get());
  }

  /**
   * The top-level scalar columns of {@code file} and the kind each reads as (INT64/INT32 as LONG
   * unless annotated as a timestamp, INT96 as a timestamp, FLOAT/DOUBLE as DOUBLE, BINARY as
   * STRING, BOOLEAN as BOOLEAN).
   *
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if an S3 object cannot be read
   */
  public static List<ColumnSpec> columnsOf(ReadableObject file) {
    try (ParquetFileReader reader = open(file)) {
      List<ColumnSpec> specs = new ArrayList<>();
      for (Type type : reader.getFooter().getFileMetaData().getSchema().getFields()) {
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
          continue;
        }
        PrimitiveType p = type.asPrimitiveType();
        ColumnKind kind =
            switch (p.getPrimitiveTypeName()) {
              case INT64, INT32 ->
                  p.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation
                      ? ColumnKind.TIMESTAMP_MICROS
                      : ColumnKind.LONG;
              case INT96 -> ColumnKind.TIMESTAMP_MICROS;
              case FLOAT, DOUBLE -> ColumnKind.DOUBLE;
              case BOOLEAN -> ColumnKind.BOOLEAN;
              default -> ColumnKind.STRING;
            };
        specs.add(new ColumnSpec(type.getName(), kind));
      }
      return specs;
    } catch (IOException | RuntimeException | LinkageError e) {
      throw ReadFailure.of(file.uri(), e);
    }
  }

  static void readColumn(
      ColumnReader reader,
      ColumnDescriptor descriptor,
      ValueConverter converter,
      int offset,
      int rows) {
    int maxDefinition = descriptor.getMaxDefinitionLevel();
    ColumnVector vector = converter.vector;
    PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
    // Fast paths: the common same-type numeric columns read straight from the column reader,
    // without a converter call per value.
    if (physical == PrimitiveTypeName.DOUBLE && converter.kind == ColumnKind.DOUBLE) {
      for (int r = 0; r < rows; r++) {
        int row = offset + r;
        if (reader.getCurrentDefinitionLevel() == maxDefinition) {
          vector.setDouble(row, reader.getDouble());
        } else {
          vector.setNull(row);
        }
        reader.consume();
      }
      return;
    }
    if (physical == PrimitiveTypeName.INT64 && converter.plainLong()) {
      for (int r = 0; r < rows; r++) {
        int row = offset + r;
        if (reader.getCurrentDefinitionLevel() == maxDefinition) {
          vector.setLong(row, reader.getLong());
        } else {
          vector.setNull(row);
        }
        reader.consume();
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int row = offset + r;
      if (reader.getCurrentDefinitionLevel() == maxDefinition) {
        converter.row = row;
        reader.writeCurrentValueToConverter();
      } else {
        vector.setNull(row);
      }
      reader.consume();
    }
  }

  /**
   * Reads one row group's values of a list column: a row starts at repetition level 0; below the
   * list's own definition level it is null, at it empty, above it holds elements (null below the
   * leaf's maximum definition level).
   */
  static void readList(
      ColumnReader reader,
      ColumnDescriptor descriptor,
      int listDefinition,
      ValueConverter elements,
      ColumnVector list,
      int offset,
      int rows) {
    int maxDefinition = descriptor.getMaxDefinitionLevel();
    long remaining = reader.getTotalValueCount();
    int next = list.listStart(offset);
    for (int r = 0; r < rows; r++) {
      int row = offset + r;
      int definition = reader.getCurrentDefinitionLevel();
      if (definition <= listDefinition) {
        if (definition < listDefinition) {
          list.setNull(row);
        } else {
          list.setListEnd(row, next);
        }
        reader.consume();
        remaining--;
        continue;
      }
      do {
        if (reader.getCurrentDefinitionLevel() == maxDefinition) {
          elements.row = next;
          reader.writeCurrentValueToConverter();
        } else {
          elements.vector.setNull(next);
        }
        next++;
        reader.consume();
        remaining--;
      } while (remaining > 0 && reader.getCurrentRepetitionLevel() > 0);
      list.setListEnd(row, next);
    }
  }

  private static ColumnVector listVector(List<ColumnVector> vectors, ValueConverter elements) {
    for (ColumnVector vector : vectors) {
      if (vector.kind() == ColumnKind.LIST && vector.elements() == elements.vector) {
        return vector;
      }
    }
    throw new IllegalStateException("No list vector owns the converter's elements");
  }

  /** The number of leaf values (elements, nulls and empty lists) of the kept row groups. */
  private static int leafValues(List<BlockMetaData> blocks, boolean[] keep, String[] path) {
    long values = 0;
    for (int b = 0; b < blocks.size(); b++) {
      if (!keep[b]) {
        continue;
      }
      for (ColumnChunkMetaData chunk : blocks.get(b).getColumns()) {
        if (Arrays.equals(chunk.getPath().toArray(), path)) {
          values += chunk.getValueCount();
        }
      }
    }
    if (values > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(values + " list elements exceed one batch");
    }
    return (int) values;
  }

  static @Nullable ColumnChunkMetaData chunk(BlockMetaData block, String name) {
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (chunk.getPath().size() == 1 && chunk.getPath().toArray()[0].equals(name)) {
        return chunk;
      }
    }
    return null;
  }

  private static boolean isBinary(Type field) {
    PrimitiveTypeName physical = field.asPrimitiveType().getPrimitiveTypeName();
    return physical == PrimitiveTypeName.BINARY
        || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
  }

  static boolean allFalse(BlockMetaData block, Type field) {
    if (!field.isPrimitive()
        || field.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BOOLEAN) {
      return false;
    }
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (chunk.getPath().size() == 1 && chunk.getPath().toArray()[0].equals(field.getName())) {
        Statistics<?> stats = chunk.getStatistics();
        return stats != null
            && !stats.isEmpty()
            && stats.hasNonNullValue()
            && stats.getNumNulls() == 0
            && Boolean.FALSE.equals(stats.genericGetMax());
      }
    }
    return false;
  }

  private static boolean mayContain(BlockMetaData block, String column, Set<String> values) {
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (chunk.getPath().size() != 1 || !chunk.getPath().toArray()[0].equals(column)) {
        continue;
      }
      Statistics<?> stats = chunk.getStatistics();
      if (stats == null
          || stats.isEmpty()
          || !stats.hasNonNullValue()
          || chunk.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
        return true;
      }
      Binary min = (Binary) stats.genericGetMin();
      Binary max = (Binary) stats.genericGetMax();
      PrimitiveComparator<Binary> comparator =
          PrimitiveComparator.UNSIGNED_LEXICOGRAPHICAL_BINARY_COMPARATOR;
      for (String value : values) {
        Binary v = Binary.fromString(value);
        if (comparator.compare(min, v) <= 0 && comparator.compare(v, max) <= 0) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  static long int96ToMicros(Binary value) {
    ByteBuffer buffer = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buffer.getLong();
    long julianDay = Integer.toUnsignedLong(buffer.getInt());
    return (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanosOfDay / 1_000;
  }

  /**
   * The scalar leaf of a top-level list field: the standard three-level {@code <name> (LIST) {
   * repeated group list { element } }}, or the legacy two-level {@code <name> (LIST) { repeated
   * <type> element }} some writers use.
   *
   * @param path the leaf's column path
   * @param type the leaf's type
   * @param listDefinition the definition level of an empty list (null lists are below it)
   * @param depth the group levels between the field and the leaf (1 or 2)
   */
  record ListLeaf(String[] path, PrimitiveType type, int listDefinition, int depth) {
    static @Nullable ListLeaf of(Type field) {
      if (field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      var group = field.asGroupType();
      if (group.getFieldCount() != 1 || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      int listDefinition = field.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
      Type repeated = group.getType(0);
      if (repeated.isPrimitive()) {
        return new ListLeaf(
            new String[] {field.getName(), repeated.getName()},
            repeated.asPrimitiveType(),
            listDefinition,
            1);
      }
      var middle = repeated.asGroupType();
      if (middle.getFieldCount() != 1
          || !middle.getType(0).isPrimitive()
          || middle.getType(0).isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      Type element = middle.getType(0);
      return new ListLeaf(
          new String[] {field.getName(), repeated.getName(), element.getName()},
          element.asPrimitiveType(),
          listDefinition,
          2);
    }

    /** The converter of the field: group converters down to {@code leaf}. */
    Converter wrap(Converter leaf) {
      Converter converter = leaf;
      for (int i = 0; i < depth; i++) {
        converter = new RootConverter(new Converter[] {converter});
      }
      return converter;
    }
  }

  /** Routes each requested field to its converter. */
  static final class RootConverter extends GroupConverter {
    private final Converter[] converters;

    RootConverter(Converter[] converters) {
      this.converters = converters;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }

  /**
   * Writes the values of one column into a vector at {@link #row}, converting between physical and
   * in-memory types (widening INT32 and FLOAT, scaling timestamps to micros, decoding INT96).
   */
  static final class ValueConverter extends PrimitiveConverter {
    final ColumnVector vector;
    final ColumnKind kind;
    private final long timestampMultiplier;
    private final long timestampDivisor;
    private final @Nullable IdentifierCodes codes;
    private @Nullable String[] dictionary;
    private int @Nullable [] codedDictionary;
    int row;

    ValueConverter(
        ColumnVector vector, ColumnKind kind, PrimitiveType type, @Nullable IdentifierCodes codes) {
      this.vector = vector;
      this.kind = kind;
      this.codes = codes;
      long multiplier = 1;
      long divisor = 1;
      LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
      if (logical instanceof TimestampLogicalTypeAnnotation ts) {
        if (ts.getUnit() == TimeUnit.MILLIS) {
          multiplier = 1_000;
        } else if (ts.getUnit() == TimeUnit.NANOS) {
          divisor = 1_000;
        }
      }
      this.timestampMultiplier = multiplier;
      this.timestampDivisor = divisor;
    }

    @Override
    public boolean hasDictionarySupport() {
      return kind == ColumnKind.STRING;
    }

    /** Whether longs are stored as read (LONG, BOOLEAN, or micros timestamps). */
    boolean plainLong() {
      return kind == ColumnKind.LONG
          || kind == ColumnKind.BOOLEAN
          || (kind == ColumnKind.TIMESTAMP_MICROS
              && timestampMultiplier == 1
              && timestampDivisor == 1);
    }

    @Override
    public void setDictionary(Dictionary dictionary) {
      if (codes != null) {
        int[] entries = new int[dictionary.getMaxId() + 1];
        for (int i = 0; i < entries.length; i++) {
          entries[i] = codes.intern(dictionary.decodeToBinary(i)).code();
        }
        this.codedDictionary = entries;
        return;
      }
      String[] strings = new String[dictionary.getMaxId() + 1];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = dictionary.decodeToBinary(i).toStringUsingUTF8();
      }
      this.dictionary = strings;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      if (codedDictionary != null) {
        vector.setCoded(row, codedDictionary[dictionaryId]);
      } else {
        vector.setString(row, dictionary[dictionaryId]);
      }
    }

    @Override
    public void addBinary(Binary value) {
      if (codes != null) {
        vector.setCoded(row, codes.intern(value).code());
        return;
      }
      switch (kind) {
        case STRING -> vector.setString(row, value.toStringUsingUTF8());
        case TIMESTAMP_MICROS, LONG -> vector.setLong(row, int96ToMicros(value));
        case DOUBLE ->
            vector.setDouble(row, Double.parseDouble(new String(value.getBytes(), UTF_8)));
        case BOOLEAN ->
            vector.setLong(row, Boolean.parseBoolean(value.toStringUsingUTF8()) ? 1 : 0);
      }
    }

    @Override
    public void addLong(long value) {
      switch (kind) {
        case LONG, BOOLEAN -> vector.setLong(row, value);
        case TIMESTAMP_MICROS ->
            vector.setLong(row, value * timestampMultiplier / timestampDivisor);
        case DOUBLE -> vector.setDouble(row, value);
        case STRING -> vector.setString(row, Long.toString(value));
      }
    }

    @Override
    public void addInt(int value) {
      addLong(value);
    }

    @Override
    public void addDouble(double value) {
      switch (kind) {
        case DOUBLE -> vector.setDouble(row, value);
        case LONG, TIMESTAMP_MICROS, BOOLEAN -> vector.setLong(row, (long) value);
        case STRING -> vector.setString(row, Double.toString(value));
      }
    }

    @Override
    public void addFloat(float value) {
      addDouble(value);
    }

    @Override
    public void addBoolean(boolean value) {
      switch (kind) {
        case STRING -> vector.setString(row, Boolean.toString(value));
        case DOUBLE -> vector.setDouble(row, value ? 1 : 0);
        default -> vector.setLong(row, value ? 1 : 0);
      }
    }
  }
}
