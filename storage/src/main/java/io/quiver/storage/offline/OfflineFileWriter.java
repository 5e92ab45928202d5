package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.parquet.FooterChecksum;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    InMemoryOutputFile file = new InMemoryOutputFile();
    RowWriteSupport support = new RowWriteSupport(group, OfflineSchema.of(group), writeTimeMicros);
    try (ParquetWriter<StoredRecord> writer =
        new Builder(file, support)
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(codec.parquetName())
            .withExtraMetaData(Map.of(FORMAT_KEY, FORMAT_VERSION))
            .build()) {
      for (StoredRecord row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write an offline file of feature group " + group.name(), e);
    }
    return FooterChecksum.seal(file.toByteArray());
  }

  /** Builds a writer around one {@link RowWriteSupport}. */
  private static final class Builder extends ParquetWriter.Builder<StoredRecord, Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<StoredRecord> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<StoredRecord> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /** Turns a stored record into one Parquet row; strings become typed values here. */
  private static final class RowWriteSupport extends WriteSupport<StoredRecord> {
    private final FeatureGroup group;
    private final MessageType schema;
    private final long writeTimeMicros;
    private final int featureCount;
    private RecordConsumer out;

    RowWriteSupport(FeatureGroup group, MessageType schema, long writeTimeMicros) {
      this.group = group;
      this.schema = schema;
      this.writeTimeMicros = writeTimeMicros;
      this.featureCount = group.features().size();
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
      writeLong(OfflineSchema.WRITE_TIME, featureCount, writeTimeMicros);
      writeLong(OfflineSchema.API_INVOCATION_TIME, featureCount + 1, row.apiInvocationMicros());
      out.startField(OfflineSchema.IS_DELETED, featureCount + 2);
      out.addBoolean(row.deleted());
      out.endField(OfflineSchema.IS_DELETED, featureCount + 2);
      out.endMessage();
    }

    private void writeLong(String name, int index, long value) {
      out.startField(name, index);
      out.addLong(value);
      out.endField(name, index);
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
