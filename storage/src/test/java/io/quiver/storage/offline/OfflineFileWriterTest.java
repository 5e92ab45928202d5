package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.TestGroups;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.internal.catalog.TestFeatureGroups;
import io.quiver.storage.internal.record.RecordCodec;
import io.quiver.storage.parquet.FooterChecksum;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.StoredRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The column-at-a-time encoder writes the bytes Parquet's own row-at-a-time {@link ParquetWriter}
 * writes for the same rows (through Parquet's example object model, an independent path), for every
 * value kind, nulls, empty and missing lists, deletions, several slices, several pages.
 */
class OfflineFileWriterTest {
  private static final long WRITE_TIME = 1_700_000_000_000_000L;

  private final FeatureGroup group =
      TestFeatureGroups.of(
          TestGroups.customers("writer")
              .offlineStore(OfflineStoreConfig.at("file:///offline"))
              .build());

  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void recordsEncodeAsParquetWriterEncodesThem(ParquetCodec codec) {
    for (int size : new int[] {1, 3, 511, 512, 513, 1_300}) {
      List<StoredRecord> rows = records(new Random(size), size, 40);
      try (OfflineFileWriter writer = new OfflineFileWriter(codec)) {
        byte[] written = writer.write(group, new RecordFileRows(group, rows, WRITE_TIME));
        assertThat(written).as("%d rows", size).isEqualTo(reference(rows, codec));
        // The writer keeps its compressor: a second file is encoded alike.
        assertThat(writer.write(group, new RecordFileRows(group, rows, WRITE_TIME)))
            .isEqualTo(written);
      }
    }
  }

  /**
   * A writer keeps its file buffer from one file to the next (letting go of one grown past a few
   * megabytes): files written after larger or smaller ones are the bytes a new writer writes.
   */
  @Test
  void aWriterWritesTheSameBytesWhateverItWroteBefore() {
    List<StoredRecord> large = records(new Random(5), 8_000, 4_000);
    List<StoredRecord> small = records(new Random(6), 20, 40);
    byte[] fresh;
    try (OfflineFileWriter writer = new OfflineFileWriter(ParquetCodec.UNCOMPRESSED)) {
      fresh = writer.write(group, new RecordFileRows(group, small, WRITE_TIME));
    }
    try (OfflineFileWriter writer = new OfflineFileWriter(ParquetCodec.UNCOMPRESSED)) {
      byte[] first = writer.write(group, new RecordFileRows(group, small, WRITE_TIME));
      byte[] largeFile = writer.write(group, new RecordFileRows(group, large, WRITE_TIME));
      assertThat(largeFile.length).isGreaterThan(8 << 20);
      assertThat(writer.write(group, new RecordFileRows(group, small, WRITE_TIME)))
          .isEqualTo(first)
          .isEqualTo(fresh);
      assertThat(writer.write(group, new RecordFileRows(group, large, WRITE_TIME)))
          .isEqualTo(largeFile);
    }
  }

  /**
   * Page buffers handed out again (RecyclingBufferAllocator) change no byte of a file, even when
   * every buffer is overwritten with garbage as soon as Parquet releases it: Parquet reads nothing
   * after releasing it and only what it wrote. Files with and without dictionaries, dictionaries
   * that fall back, many pages, lists and nulls, one after the other on one writer.
   */
  @ParameterizedTest
  @EnumSource(
      value = ParquetCodec.class,
      names = {"UNCOMPRESSED", "SNAPPY"})
  void recycledPageBuffersChangeNoByte(ParquetCodec codec) {
    PoisoningAllocator poisoning = new PoisoningAllocator();
    try (OfflineFileWriter recycling = new OfflineFileWriter(codec, poisoning);
        OfflineFileWriter heap = new OfflineFileWriter(codec, new HeapByteBufferAllocator())) {
      for (int[] shape : new int[][] {{700, 40}, {5_000, 40}, {6_000, 3_000}, {20, 10}}) {
        List<StoredRecord> rows = records(new Random(shape[0]), shape[0], shape[1]);
        assertThat(recycling.write(group, new RecordFileRows(group, rows, WRITE_TIME)))
            .as("%d rows of strings up to %d", shape[0], shape[1])
            .isEqualTo(heap.write(group, new RecordFileRows(group, rows, WRITE_TIME)));
      }
    }
    assertThat(poisoning.reused).isPositive();
  }

  /**
   * Hands out RecyclingBufferAllocator's buffers and overwrites each one it handed out as it is
   * released, so that a read after release shows in the bytes written.
   */
  private static final class PoisoningAllocator implements ByteBufferAllocator {
    private final RecyclingBufferAllocator recycling = new RecyclingBufferAllocator(64 << 20);
    private final Set<ByteBuffer> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<ByteBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    int reused;

    @Override
    public ByteBuffer allocate(int size) {
      ByteBuffer buffer = recycling.allocate(size);
      if (!handedOut.add(buffer)) {
        reused++;
      }
      live.add(buffer);
      return buffer;
    }

    @Override
    public void release(ByteBuffer buffer) {
      if (live.remove(buffer)) {
        Arrays.fill(buffer.array(), (byte) 0x5A);
      }
      recycling.release(buffer);
    }

    @Override
    public boolean isDirect() {
      return false;
    }
  }

  /**
   * The file given in slices (to be written without another copy) is the file written whole: the
   * written bytes up to the footer's key-value list, lent, then a new tail no longer than the
   * sealed footer and trailer.
   */
  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void aFileGivenInSlicesIsTheFileWrittenWhole(ParquetCodec codec) {
    for (int size : new int[] {1, 513, 3_000}) {
      List<StoredRecord> rows = records(new Random(size), size, 400);
      try (OfflineFileWriter writer = new OfflineFileWriter(codec)) {
        byte[] whole = writer.write(group, new RecordFileRows(group, rows, WRITE_TIME));
        ByteArrayOutputStream given = new ByteArrayOutputStream();
        List<Integer> tails = new ArrayList<>();
        int length =
            writer.write(
                group,
                new RecordFileRows(group, rows, WRITE_TIME),
                slices -> {
                  assertThat(slices).hasSize(2);
                  tails.add(slices[1].remaining());
                  for (ByteBuffer slice : slices) {
                    byte[] bytes = new byte[slice.remaining()];
                    slice.duplicate().get(bytes);
                    given.writeBytes(bytes);
                  }
                });
        assertThat(given.toByteArray()).as("%d rows", size).isEqualTo(whole);
        assertThat(length).isEqualTo(whole.length);
        assertThat(tails.get(0)).isLessThanOrEqualTo(whole.length - footerStart(whole));
      }
    }
  }

  /**
   * Past a page, the page boundaries may fall elsewhere (the encoder decides between slices of
   * rows, ParquetWriter between rows), so the rows read back are compared.
   */
  @ParameterizedTest
  @EnumSource(
      value = ParquetCodec.class,
      names = {"UNCOMPRESSED", "SNAPPY"})
  void manyPagesHoldTheRowsParquetWriterWrites(ParquetCodec codec, @TempDir Path folder)
      throws IOException {
    // About 6 MB of strings: several pages per string column.
    List<StoredRecord> rows = records(new Random(7), 3_000, 4_000);
    try (OfflineFileWriter writer = new OfflineFileWriter(codec)) {
      byte[] written = writer.write(group, new RecordFileRows(group, rows, WRITE_TIME));
      List<String> read = read(written, folder.resolve("written.parquet"));
      assertThat(read).hasSize(rows.size());
      assertThat(read).isEqualTo(read(reference(rows, codec), folder.resolve("reference.parquet")));
    }
  }

  /** Every row of a file, as Parquet's example reader prints it. */
  private static List<String> read(byte[] file, Path path) throws IOException {
    Files.write(path, file);
    List<String> rows = new ArrayList<>();
    try (ParquetReader<Group> reader =
        new ParquetReader.Builder<Group>(
            new LocalInputFile(path), new PlainParquetConfiguration()) {
          @Override
          protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
          }
        }.build()) {
      for (Group row = reader.read(); row != null; row = reader.read()) {
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void typedColumnsEncodeAsTheSameRecords(ParquetCodec codec) {
    typedColumnsEncodeAsTheSameRecords(codec, 3, 400, batch -> false);
  }

  /**
   * Strings held as UTF-8 bytes take the writer's gathering path (every batch UTF-8) or its value
   * by value path (a mix of UTF-8 and String vectors); both write what ParquetWriter writes, in
   * files with dictionary pages (1,200 rows) and without (450).
   */
  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void typedColumnsWithUtf8StringsEncodeAsTheSameRecords(ParquetCodec codec) {
    typedColumnsEncodeAsTheSameRecords(codec, 5, 400, batch -> true);
    typedColumnsEncodeAsTheSameRecords(codec, 7, 400, batch -> batch != 1);
    typedColumnsEncodeAsTheSameRecords(codec, 9, 150, batch -> true);
    typedColumnsEncodeAsTheSameRecords(codec, 11, 150, batch -> batch != 1);
  }

  private void typedColumnsEncodeAsTheSameRecords(
      ParquetCodec codec, long seed, int batchRows, IntPredicate utf8Batch) {
    Random random = new Random(seed);
    List<StoredRecord> records = new ArrayList<>();
    List<ColumnBatch> batches = new ArrayList<>();
    List<Long> order = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      List<StoredRecord> batchRecords = scalarRecords(random, batchRows);
      ColumnBatch batch = batchOf(batchRecords);
      batches.add(utf8Batch.test(b) ? withUtf8Strings(batch) : batch);
      for (int row = 0; row < batchRecords.size(); row++) {
        order.add((long) b << 32 | row);
      }
    }
    // File order interleaves the batches, as a bulk load's event-time order does.
    Collections.shuffle(order, random);
    long[] references = new long[order.size()];
    for (int i = 0; i < order.size(); i++) {
      long reference = order.get(i);
      references[i] = reference;
      records.add(recordAt(batches, reference));
    }
    long invocation = 1_600_000_000_000_000L;
    List<StoredRecord> expected = new ArrayList<>();
    for (StoredRecord record : records) {
      expected.add(new StoredRecord(0, invocation, StoredRecord.NEVER, false, record.record()));
    }
    try (OfflineFileWriter writer = new OfflineFileWriter(codec)) {
      byte[] written =
          writer.write(group, new BatchFileRows(batches, references, WRITE_TIME, invocation));
      assertThat(written).isEqualTo(reference(expected, codec));
    }
  }

  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void stagedRecordsEncodeAsTheirDecodedRecords(ParquetCodec codec) {
    Random random = new Random(11);
    List<byte[]> staged = new ArrayList<>();
    for (StoredRecord record : records(random, 700, 60)) {
      staged.add(
          record.deleted()
              ? RecordCodec.encodeDeletion(
                  group.recordIdentifierPosition(),
                  record.record().getString("customer_id"),
                  group.eventTimePosition(),
                  record.record().getString("event_time"),
                  0,
                  record.apiInvocationMicros())
              : RecordCodec.encode(
                  RecordRules.check(group, record.record()),
                  record.apiInvocationMicros(),
                  StoredRecord.NEVER));
    }
    // Integrals the fast path reads and those it leaves to the text path.
    for (String orders :
        List.of("+17", "-0", "007", "9223372036854775807", "-9223372036854775808", "-42")) {
      Record record = TestGroups.customer("c", "1.5").set("orders", orders).build();
      staged.add(RecordCodec.encode(RecordRules.check(group, record), 5, StoredRecord.NEVER));
    }
    List<StoredRecord> decoded = new ArrayList<>();
    for (byte[] record : staged) {
      decoded.add(RecordCodec.decode(record, group, null));
    }
    try (OfflineFileWriter writer = new OfflineFileWriter(codec)) {
      assertThat(writer.write(group, new StagedFileRows(group, staged, WRITE_TIME)))
          .isEqualTo(writer.write(group, new RecordFileRows(group, decoded, WRITE_TIME)));
    }
  }

  @Test
  void theSizeHintChangesNoByteOfTheFile() {
    List<StoredRecord> rows = records(new Random(5), 3_000, 40);
    try (OfflineFileWriter writer = new OfflineFileWriter(ParquetCodec.SNAPPY)) {
      byte[] unhinted = writer.write(group, new RecordFileRows(group, rows, WRITE_TIME));
      for (long hint : new long[] {1, unhinted.length - 1, unhinted.length, 4L * unhinted.length}) {
        assertThat(writer.write(group, hinted(new RecordFileRows(group, rows, WRITE_TIME), hint)))
            .as("file written with a size hint of %d bytes", hint)
            .isEqualTo(unhinted);
      }
    }
  }

  /** {@code rows} with a size hint of {@code bytes}. */
  private static OfflineFileWriter.FileRows hinted(OfflineFileWriter.FileRows rows, long bytes) {
    return new OfflineFileWriter.FileRows() {
      @Override
      public int size() {
        return rows.size();
      }

      @Override
      public long sizeHint() {
        return bytes;
      }

      @Override
      public long writeTimeMicros() {
        return rows.writeTimeMicros();
      }

      @Override
      public long apiInvocationMicros(int row) {
        return rows.apiInvocationMicros(row);
      }

      @Override
      public boolean deleted(int row) {
        return rows.deleted(row);
      }

      @Override
      public void writeFeature(
          int position, FeatureDefinition feature, int from, int to, ColumnWriter column) {
        rows.writeFeature(position, feature, from, to, column);
      }
    };
  }

  /**
   * Sealing adds the checksum entry after the format version without parsing the footer: the result
   * must be what the specification says, checked here through Parquet's own footer parser.
   */
  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void sealingAddsTheChecksumOfTheWrittenFooterAsItsLastEntry(ParquetCodec codec)
      throws IOException {
    for (int size : new int[] {1, 700, 1_300}) {
      byte[] unsealed = unsealedReference(records(new Random(size), size, 40), codec);
      byte[] sealed = FooterChecksum.seal(unsealed);
      int unsealedFooter = footerStart(unsealed);
      int sealedFooter = footerStart(sealed);
      assertThat(sealedFooter).isEqualTo(unsealedFooter);
      assertThat(Arrays.copyOf(sealed, sealedFooter))
          .isEqualTo(Arrays.copyOf(unsealed, unsealedFooter));
      assertThat(Arrays.copyOfRange(sealed, sealed.length - 4, sealed.length))
          .isEqualTo("PAR1".getBytes(UTF_8));
      FileMetaData written = footer(unsealed);
      FileMetaData read = footer(sealed);
      List<KeyValue> entries = new ArrayList<>(read.getKey_value_metadata());
      CRC32C crc = new CRC32C();
      crc.update(unsealed, unsealedFooter, unsealed.length - 8 - unsealedFooter);
      assertThat(entries)
          .containsExactly(
              new KeyValue(OfflineFileWriter.FORMAT_KEY).setValue("2"),
              new KeyValue(FooterChecksum.KEY)
                  .setValue(HexFormat.of().toHexDigits((int) crc.getValue())));
      // What a reader verifies: the footer without the entry serializes to the bytes checksummed.
      read.setKey_value_metadata(entries.subList(0, 1));
      assertThat(read).isEqualTo(written);
      ByteArrayOutputStream reserialized = new ByteArrayOutputStream();
      Util.writeFileMetaData(read, reserialized);
      assertThat(reserialized.toByteArray())
          .isEqualTo(Arrays.copyOfRange(unsealed, unsealedFooter, unsealed.length - 8));
      // A file at the start of a longer buffer seals alike.
      byte[] longer = Arrays.copyOf(unsealed, unsealed.length + 100);
      assertThat(FooterChecksum.seal(longer, unsealed.length)).isEqualTo(sealed);
    }
  }

  private static int footerStart(byte[] file) {
    int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return file.length - 8 - length;
  }

  private static FileMetaData footer(byte[] file) throws IOException {
    int start = footerStart(file);
    return Util.readFileMetaData(new ByteArrayInputStream(file, start, file.length - 8 - start));
  }

  @Test
  void integersAreReadFromTheirDigits() {
    for (String text :
        List.of("0", "+1", "-1", "123456789012345678", "-999999999999999999", "+0012")) {
      byte[] bytes = ("x" + text + "y").getBytes(UTF_8);
      assertThat(StagedFileRows.parseLong(bytes, 1, bytes.length - 1))
          .as(text)
          .isEqualTo(Long.parseLong(text));
    }
  }

  /** Random records of every feature, each value missing one time in five. */
  private List<StoredRecord> records(Random random, int count, int maxStringLength) {
    List<StoredRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Record.Builder record = Record.builder().set("customer_id", "c" + random.nextInt(50));
      record.set("event_time", Double.toString(random.nextInt(1_000_000) / 8.0));
      if (random.nextInt(5) > 0) {
        record.set("orders", random.nextInt(2_000) - 1_000);
      }
      if (random.nextInt(5) > 0) {
        record.set("score", random.nextGaussian());
      }
      if (random.nextInt(5) > 0) {
        record.set("name", "n" + random.nextInt(30));
      }
      if (random.nextInt(5) > 0) {
        record.set("bio", text(random, random.nextInt(maxStringLength)));
      }
      if (random.nextInt(5) > 0) {
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
          tags.add("t" + random.nextInt(9));
        }
        record.setList("tags", tags);
      }
      if (random.nextInt(5) > 0) {
        record.setList("codes", List.of(random.nextInt(100), 100 + random.nextInt(100)));
      }
      if (random.nextInt(5) > 0) {
        record.setVector("embedding", random.nextDouble(), random.nextDouble(), 0.5);
      }
      rows.add(
          new StoredRecord(
              0,
              1_600_000_000_000_000L + random.nextInt(1_000),
              StoredRecord.NEVER,
              random.nextInt(10) == 0,
              record.build()));
    }
    return rows;
  }

  /** Random records of the scalar features only, as a bulk load's batches hold them. */
  private static List<StoredRecord> scalarRecords(Random random, int count) {
    List<StoredRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Record.Builder record = Record.builder().set("customer_id", "c" + random.nextInt(500));
      record.set("event_time", random.nextInt(1_000_000) / 4.0);
      if (random.nextInt(5) > 0) {
        record.set("orders", random.nextLong());
      }
      if (random.nextInt(5) > 0) {
        record.set("score", random.nextGaussian());
      }
      if (random.nextInt(5) > 0) {
        record.set("name", text(random, random.nextInt(20)));
      }
      rows.add(new StoredRecord(0, 0, StoredRecord.NEVER, false, record.build()));
    }
    return rows;
  }

  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  /** One vector per feature: LONG, DOUBLE and plain STRING, collections all null. */
  private ColumnBatch batchOf(List<StoredRecord> records) {
    List<ColumnVector> columns = new ArrayList<>();
    for (FeatureDefinition feature : group.features()) {
      ColumnKind kind =
          feature.isCollection()
              ? ColumnKind.STRING
              : switch (feature.type()) {
                case INTEGRAL -> ColumnKind.LONG;
                case FRACTIONAL -> ColumnKind.DOUBLE;
                case STRING -> ColumnKind.STRING;
              };
      ColumnVector vector = new ColumnVector(kind, records.size());
      for (int row = 0; row < records.size(); row++) {
        FeatureValue value = records.get(row).record().value(feature.name()).orElse(null);
        if (value == null || feature.isCollection()) {
          vector.setNull(row);
          continue;
        }
        switch (kind) {
          case LONG -> vector.setLong(row, Long.parseLong(value.valueAsString()));
          case DOUBLE -> vector.setDouble(row, Double.parseDouble(value.valueAsString()));
          default -> vector.setString(row, value.valueAsString());
        }
      }
      columns.add(vector);
    }
    return new ColumnBatch(records.size(), columns);
  }

  /** The same batch with its String vectors held as UTF-8 bytes. */
  private static ColumnBatch withUtf8Strings(ColumnBatch batch) {
    List<ColumnVector> columns = new ArrayList<>();
    for (int c = 0; c < batch.columns().size(); c++) {
      ColumnVector vector = batch.column(c);
      if (vector.kind() != ColumnKind.STRING) {
        columns.add(vector);
        continue;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int[] offsets = new int[batch.rowCount() + 1];
      BitSet nulls = new BitSet();
      for (int row = 0; row < batch.rowCount(); row++) {
        String value = vector.getString(row);
        if (value == null) {
          nulls.set(row);
        } else {
          bytes.writeBytes(value.getBytes(UTF_8));
        }
        offsets[row + 1] = bytes.size();
      }
      columns.add(ColumnVector.utf8(bytes.toByteArray(), offsets, nulls));
    }
    return new ColumnBatch(batch.rowCount(), columns);
  }

  private StoredRecord recordAt(List<ColumnBatch> batches, long reference) {
    ColumnBatch batch = batches.get((int) (reference >>> 32));
    int row = (int) reference;
    Record.Builder record = Record.builder();
    for (int i = 0; i < group.features().size(); i++) {
      ColumnVector column = batch.column(i);
      if (!column.isNull(row)) {
        record.set(group.features().get(i).name(), String.valueOf(column.get(row)));
      }
    }
    return new StoredRecord(0, 0, StoredRecord.NEVER, false, record.build());
  }

  /** The file ParquetWriter writes for {@code rows}, sealed as the offline store seals files. */
  private byte[] reference(List<StoredRecord> rows, ParquetCodec codec) {
    return FooterChecksum.seal(unsealedReference(rows, codec));
  }

  /** The file ParquetWriter writes for {@code rows}, with the offline format's metadata. */
  private byte[] unsealedReference(List<StoredRecord> rows, ParquetCodec codec) {
    MessageType schema = OfflineSchema.of(group);
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    InMemoryOutputFile file = new InMemoryOutputFile();
    try (ParquetWriter<Group> writer =
        new ReferenceBuilder(file, schema)
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(codec.parquetName())
            .withDictionaryEncoding(rows.size() >= OfflineFileWriter.DICTIONARY_MIN_ROWS)
            .withExtraMetaData(
                Map.of(OfflineFileWriter.FORMAT_KEY, OfflineFileWriter.FORMAT_VERSION))
            .build()) {
      for (StoredRecord row : rows) {
        writer.write(groupOf(factory, row));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return file.toByteArray();
  }

  private Group groupOf(SimpleGroupFactory factory, StoredRecord row) {
    Group out = factory.newGroup();
    for (FeatureDefinition feature : group.features()) {
      FeatureValue value = row.record().value(feature.name()).orElse(null);
      if (value == null) {
        continue;
      }
      if (!feature.isCollection()) {
        append(out, feature, feature.name(), value.valueAsString());
        continue;
      }
      Group list = out.addGroup(feature.name());
      for (String element : value.valueAsStringList()) {
        append(list.addGroup("list"), feature, "element", element);
      }
    }
    out.append(OfflineSchema.WRITE_TIME, WRITE_TIME);
    out.append(OfflineSchema.API_INVOCATION_TIME, row.apiInvocationMicros());
    out.append(OfflineSchema.IS_DELETED, row.deleted());
    return out;
  }

  private static void append(Group out, FeatureDefinition feature, String field, String value) {
    switch (feature.type()) {
      case INTEGRAL -> out.append(field, Long.parseLong(value));
      case FRACTIONAL -> out.append(field, Double.parseDouble(value));
      case STRING -> out.append(field, Binary.fromConstantByteArray(value.getBytes(UTF_8)));
    }
  }

  /** A ParquetWriter of example groups, without an object model name in the footer. */
  private static final class ReferenceBuilder
      extends ParquetWriter.Builder<Group, ReferenceBuilder> {
    private final MessageType schema;

    ReferenceBuilder(OutputFile file, MessageType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected ReferenceBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(Configuration conf) {
      return new ReferenceSupport(schema);
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(ParquetConfiguration conf) {
      return new ReferenceSupport(schema);
    }
  }

  private static final class ReferenceSupport extends WriteSupport<Group> {
    private final MessageType schema;
    private GroupWriter writer;

    ReferenceSupport(MessageType schema) {
      this.schema = schema;
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
      writer = new GroupWriter(recordConsumer, schema);
    }

    @Override
    public void write(Group record) {
      writer.write(record);
    }
  }
}
