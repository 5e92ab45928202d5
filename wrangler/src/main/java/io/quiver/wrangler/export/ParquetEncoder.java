package io.quiver.wrangler.export;

import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Encodes batches of a flow's data as one Parquet file in memory: longs as INT64, floats as DOUBLE,
 * strings as UTF-8 BINARY, booleans, dates as DATE, datetimes as TIMESTAMP(MICROS, UTC), vectors
 * and string arrays as standard three-level LISTs; every column optional. Stateless.
 */
final class ParquetEncoder {
  private ParquetEncoder() {}

  /** The Parquet schema of {@code schema}. */
  static MessageType messageType(Schema schema) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (Column column : schema.columns()) {
      builder.addField(field(column));
    }
    return builder.named("flow");
  }

  private static Type field(Column column) {
    String name = column.name();
    return switch (column.type()) {
      case LONG -> Types.optional(PrimitiveTypeName.INT64).named(name);
      case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
      case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
      case STRING ->
          Types.optional(PrimitiveTypeName.BINARY)
              .as(LogicalTypeAnnotation.stringType())
              .named(name);
      case DATE ->
          Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
      case TIMESTAMP ->
          Types.optional(PrimitiveTypeName.INT64)
              .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
              .named(name);
      case VECTOR -> Types.optionalList().optionalElement(PrimitiveTypeName.DOUBLE).named(name);
      case STRING_LIST ->
          Types.optionalList()
              .optionalElement(PrimitiveTypeName.BINARY)
              .as(LogicalTypeAnnotation.stringType())
              .named(name);
    };
  }

  /** One Parquet file holding {@code frames}, all of {@code schema}. */
  static byte[] encode(Schema schema, List<Frame> frames, CompressionCodecName codec) {
    Bytes file = new Bytes();
    FrameWriteSupport support = new FrameWriteSupport(schema, messageType(schema));
    Builder builder =
        new Builder(file, support)
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(codec)
            .withRowGroupSize(128L << 20);
    // Dictionaries pay for text and flags; for measured numbers they cost a hash per value and
    // are dropped when the dictionary fills, so numbers are written plain from the start.
    for (int c = 0; c < schema.size(); c++) {
      Column column = schema.column(c);
      if (column.type() == DataType.DOUBLE
          || column.type() == DataType.LONG
          || column.type() == DataType.TIMESTAMP
          || (column.type() == DataType.STRING && mostlyDistinct(frames, c))) {
        builder.withDictionaryEncoding(column.name(), false);
      }
    }
    try (ParquetWriter<int[]> writer = builder.build()) {
      int[] row = new int[1];
      for (Frame frame : frames) {
        support.use(frame);
        for (int r = 0; r < frame.rowCount(); r++) {
          row[0] = r;
          writer.write(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a Parquet file", e);
    }
    return file.out.toByteArray();
  }

  /**
   * Whether the first rows of string column {@code c} are mostly distinct (identifiers, free text),
   * where a dictionary would only be built to be dropped.
   */
  private static boolean mostlyDistinct(List<Frame> frames, int c) {
    if (frames.isEmpty()) {
      return false;
    }
    Frame first = frames.get(0);
    int rows = Math.min(first.rowCount(), 4096);
    java.util.Set<String> distinct = new java.util.HashSet<>();
    ColumnVector v = first.vector(c);
    for (int r = 0; r < rows; r++) {
      if (!v.isNull(r)) {
        distinct.add(v.getString(r));
      }
    }
    return rows >= 256 && distinct.size() > rows / 2;
  }

  /** Writes row {@code [0]} of the current frame. */
  private static final class FrameWriteSupport extends WriteSupport<int[]> {
    private final Schema schema;
    private final MessageType type;
    private final String[] names;
    private final DataType[] types;
    private RecordConsumer out;
    private ColumnVector[] vectors = new ColumnVector[0];

    FrameWriteSupport(Schema schema, MessageType type) {
      this.schema = schema;
      this.type = type;
      this.names = schema.names().toArray(new String[0]);
      this.types = new DataType[schema.size()];
      for (int c = 0; c < types.length; c++) {
        types[c] = schema.column(c).type();
      }
    }

    /** Writes rows of {@code frame} from now on. */
    void use(Frame frame) {
      this.vectors = frame.batch().columns().toArray(new ColumnVector[0]);
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(type, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(int[] record) {
      int r = record[0];
      out.startMessage();
      for (int c = 0; c < vectors.length; c++) {
        ColumnVector v = vectors[c];
        if (v.isNull(r)) {
          continue;
        }
        String name = names[c];
        out.startField(name, c);
        switch (types[c]) {
          case LONG, TIMESTAMP -> out.addLong(v.getLong(r));
          case DOUBLE -> out.addDouble(v.getDouble(r));
          case BOOLEAN -> out.addBoolean(v.getLong(r) != 0);
          case STRING -> out.addBinary(Binary.fromString(v.getString(r)));
          case DATE -> out.addInteger((int) Math.floorDiv(v.getLong(r), 86_400_000_000L));
          case VECTOR, STRING_LIST ->
              writeList(v, r, schema.column(c).type() == io.quiver.wrangler.frame.DataType.VECTOR);
        }
        out.endField(name, c);
      }
      out.endMessage();
    }

    private void writeList(ColumnVector v, int r, boolean doubles) {
      out.startGroup();
      int start = v.listStart(r);
      int end = v.listEnd(r);
      if (end > start) {
        out.startField("list", 0);
        ColumnVector elements = v.elements();
        for (int i = start; i < end; i++) {
          out.startGroup();
          if (!elements.isNull(i)) {
            out.startField("element", 0);
            if (doubles) {
              out.addDouble(elements.getDouble(i));
            } else {
              out.addBinary(Binary.fromString(elements.getString(i)));
            }
            out.endField("element", 0);
          }
          out.endGroup();
        }
        out.endField("list", 0);
      }
      out.endGroup();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<int[], Builder> {
    private final FrameWriteSupport support;

    Builder(OutputFile file, FrameWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<int[]> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<int[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /** An in-memory output file. */
  private static final class Bytes implements OutputFile {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return stream();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return stream();
    }

    private PositionOutputStream stream() {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return out.size();
        }

        @Override
        public void write(int b) {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          out.write(b, off, len);
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
