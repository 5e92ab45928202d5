package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.parquet.FooterChecksum;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one offline Parquet file of a feature group, in memory, from rows already in file order.
 * The bytes depend only on the group's schema, the rows, the write time and the codec, so a re-run
 * flush writes the same file. Stateless; thread-safe.
 */
final class OfflineFileWriter {
  /**
   * Key-value metadata naming the format version of the file ({@code
   * docs/format/offline-store.md}).
   */
  static final String FORMAT_KEY = FooterChecksum.FORMAT_KEY;

  /** Version 2 adds the footer checksum ({@link FooterChecksum}) to version 1. */
  static final String FORMAT_VERSION = FooterChecksum.SEALED_FROM;

  private OfflineFileWriter() {}

  static byte[] write(
      FeatureGroup group, List<StoredRecord> rows, long writeTimeMicros, ParquetCodec codec) {
    return write(group, rows, new RowWriteSupport(group, writeTimeMicros), codec);
  }

  /**
   * Writes rows given as typed columns: {@code batches} hold one vector per feature of the group in
   * definition order (LONG for Integral, DOUBLE for Fractional, STRING, plain or {@link
   * ColumnVector#utf8 UTF-8}, for String; collection features all null), and {@code rows} lists the
   * rows in file order, each {@code batch index << 32 | row index}.
   */
  static byte[] writeColumns(
      FeatureGroup group,
      List<ColumnBatch> batches,
      long[] rows,
      long writeTimeMicros,
      long apiInvocationMicros,
      ParquetCodec codec) {
    List<Long> order = new ArrayList<>(rows.length);
    for (long row : rows) {
      order.add(row);
    }
    return write(
        group,
        order,
        new ColumnWriteSupport(group, batches, writeTimeMicros, apiInvocationMicros),
        codec);
  }

  private static <T> byte[] write(
      FeatureGroup group, Iterable<T> rows, WriteSupport<T> support, ParquetCodec codec) {
    InMemoryOutputFile file = new InMemoryOutputFile();
    try (ParquetWriter<T> writer =
        new Builder<>(file, support)
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(codec.parquetName())
            .withExtraMetaData(Map.of(FORMAT_KEY, FORMAT_VERSION))
            .build()) {
      for (T row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write an offline file of feature group " + group.name(), e);
    }
    return FooterChecksum.seal(file.toByteArray());
  }

  /** Builds a writer around one write support. */
  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final WriteSupport<T> support;

    Builder(OutputFile file, WriteSupport<T> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /**
   * A write support of one group's offline schema: the schema, the consumer, and the columns that
   * close every row.
   */
  private abstract static class OfflineWriteSupport<T> extends WriteSupport<T> {
    final FeatureGroup group;
    final int featureCount;
    private final MessageType schema;
    RecordConsumer out;

    OfflineWriteSupport(FeatureGroup group) {
      this.group = group;
      this.featureCount = group.features().size();
      this.schema = OfflineSchema.of(group);
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    /** Writes {@code write_time}, {@code api_invocation_time} and {@code is_deleted}. */
    void writeTrailer(long writeTimeMicros, long apiInvocationMicros, boolean deleted) {
      writeLong(OfflineSchema.WRITE_TIME, featureCount, writeTimeMicros);
      writeLong(OfflineSchema.API_INVOCATION_TIME, featureCount + 1, apiInvocationMicros);
      out.startField(OfflineSchema.IS_DELETED, featureCount + 2);
      out.addBoolean(deleted);
      out.endField(OfflineSchema.IS_DELETED, featureCount + 2);
    }

    private void writeLong(String name, int index, long value) {
      out.startField(name, index);
      out.addLong(value);
      out.endField(name, index);
    }
  }

  /** Writes one row of typed columns, addressed as {@code batch << 32 | row}. */
  private static final class ColumnWriteSupport extends OfflineWriteSupport<Long> {
    private final List<ColumnBatch> batches;
    private final long writeTimeMicros;
    private final long apiInvocationMicros;

    ColumnWriteSupport(
        FeatureGroup group,
        List<ColumnBatch> batches,
        long writeTimeMicros,
        long apiInvocationMicros) {
      super(group);
      this.batches = batches;
      this.writeTimeMicros = writeTimeMicros;
      this.apiInvocationMicros = apiInvocationMicros;
    }

    @Override
    public void write(Long reference) {
      ColumnBatch batch = batches.get((int) (reference >>> 32));
      int row = (int) (long) reference;
      List<FeatureDefinition> features = group.features();
      out.startMessage();
      for (int i = 0; i < featureCount; i++) {
        ColumnVector column = batch.column(i);
        if (column.isNull(row)) {
          continue;
        }
        String name = features.get(i).name();
        out.startField(name, i);
        switch (column.kind()) {
          case LONG -> out.addLong(column.getLong(row));
          case DOUBLE -> out.addDouble(column.getDouble(row));
          case STRING -> out.addBinary(utf8(column, row));
          default ->
              throw new IllegalArgumentException(
                  "batch: a " + column.kind() + " column (expected: LONG, DOUBLE or STRING)");
        }
        out.endField(name, i);
      }
      writeTrailer(writeTimeMicros, apiInvocationMicros, false);
      out.endMessage();
    }

    private static Binary utf8(ColumnVector column, int row) {
      if (column.isUtf8()) {
        int start = column.utf8Start(row);
        return Binary.fromConstantByteArray(column.utf8Bytes(), start, column.utf8End(row) - start);
      }
      return Binary.fromConstantByteArray(column.getString(row).getBytes(UTF_8));
    }
  }

  /** Turns a stored record into one Parquet row; strings become typed values here. */
  private static final class RowWriteSupport extends OfflineWriteSupport<StoredRecord> {
    private final long writeTimeMicros;

    RowWriteSupport(FeatureGroup group, long writeTimeMicros) {
      super(group);
      this.writeTimeMicros = writeTimeMicros;
    }

    @Override
    public void write(StoredRecord row) {
      FeatureValue[] values = new FeatureValue[featureCount];
      for (FeatureValue value : row.record().values()) {
        int position = group.position(value.featureName());
        if (position >= 0) {
          values[position] = value;
        }
      }
      out.startMessage();
      List<FeatureDefinition> features = group.features();
      for (int i = 0; i < featureCount; i++) {
        FeatureValue value = values[i];
        if (value == null) {
          continue;
        }
        FeatureDefinition feature = features.get(i);
        out.startField(feature.name(), i);
        if (feature.isCollection()) {
          writeList(feature, value);
        } else {
          writeScalar(feature, value.valueAsString());
        }
        out.endField(feature.name(), i);
      }
      writeTrailer(writeTimeMicros, row.apiInvocationMicros(), row.deleted());
      out.endMessage();
    }

    /** The standard three-level list: {@code <name> (LIST) { repeated group list { element } }}. */
    private void writeList(FeatureDefinition feature, FeatureValue value) {
      List<String> elements = value.valueAsStringList();
      out.startGroup();
      if (elements != null && !elements.isEmpty()) {
        out.startField("list", 0);
        for (String element : elements) {
          out.startGroup();
          out.startField("element", 0);
          writeScalar(feature, element);
          out.endField("element", 0);
          out.endGroup();
        }
        out.endField("list", 0);
      }
      out.endGroup();
    }

    private void writeScalar(FeatureDefinition feature, String value) {
      switch (feature.type()) {
        case INTEGRAL ->
            out.addLong(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
        case FRACTIONAL -> out.addDouble(Double.parseDouble(value));
        case STRING -> out.addBinary(Binary.fromConstantByteArray(value.getBytes(UTF_8)));
      }
    }
  }
}
