package io.quiver.storage.offline;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.parquet.FooterChecksum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.DirectByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/*
 * Design: a file is encoded a column at a time, through Parquet's column writers, instead of a row
 * at a time through a record consumer. The rows of a file come from anywhere in the input (a bulk
 * load's rows are in event-time order across all its batches), so the row-at-a-time path touched
 * every column of a row before the next, one cache miss after another; a column at a time reads
 * one array at a time and skips the record consumer's state machine. Rows go in slices: every
 * column takes a slice's values, then the store is told the slice's rows ended, which is where it
 * decides on page boundaries (between slices, as a row-at-a-time writer decides between rows).
 * The column writers, page store, encodings, statistics and footer are Parquet's, with
 * ParquetWriter's defaults, so the bytes are those ParquetWriter writes for the same rows
 * (OfflineFileWriterTest compares them).
 */

/**
 * Encodes offline Parquet files of feature groups, in memory, from rows already in file order. The
 * bytes depend only on the group's schema, the rows, the write time and the codec, so a re-run
 * flush writes the same file. Not thread-safe: one per writing thread, which keeps its compressor
 * (and its buffer) from one file to the next.
 */
final class OfflineFileWriter implements AutoCloseable {
  /**
   * Key-value metadata naming the format version of the file ({@code
   * docs/format/offline-store.md}).
   */
  static final String FORMAT_KEY = FooterChecksum.FORMAT_KEY;

  /** Version 2 adds the footer checksum ({@link FooterChecksum}) to version 1. */
  static final String FORMAT_VERSION = FooterChecksum.SEALED_FROM;

  /**
   * Files with fewer rows are written without dictionary pages. A dictionary pays off when values
   * repeat, which in a few rows they seldom do; trying costs a hash per value and, when Parquet
   * then falls back to plain encoding at the end of the page, a second encoding of every value.
   * Hourly partitions make such files common: a bulk import of a year of rows writes thousands.
   */
  static final int DICTIONARY_MIN_ROWS = 1_000;

  /** Rows given to every column before the page boundaries are decided. */
  static final int SLICE_ROWS = 512;

  /** The largest file buffer a writer keeps for its next file. */
  private static final int KEPT_BUFFER_BYTES = 8 << 20;

  /** The most bytes of released page buffers a writer keeps for the next pages of its file. */
  private static final long KEPT_PAGE_BUFFER_BYTES = 16 << 20;

  private final ByteBufferAllocator allocator;
  private final ParquetProperties withDictionary;
  private final ParquetProperties withoutDictionary;
  private final InMemoryOutputFile file = new InMemoryOutputFile();
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;

  /** The schema of the group of the last file, kept: a writer mostly writes one group's files. */
  private @Nullable FeatureGroup schemaGroup;

  private @Nullable MessageType schema;

  OfflineFileWriter(ParquetCodec codec) {
    this(codec, new RecyclingBufferAllocator(KEPT_PAGE_BUFFER_BYTES));
  }

  /** A writer whose pages take their buffers from {@code allocator} (heap buffers). */
  OfflineFileWriter(ParquetCodec codec, ByteBufferAllocator allocator) {
    this.allocator = allocator;
    this.withDictionary = ParquetProperties.builder().withAllocator(allocator).build();
    this.withoutDictionary =
        ParquetProperties.builder().withAllocator(allocator).withDictionaryEncoding(false).build();
    int pageSize = withDictionary.getPageSizeThreshold();
    // Snappy through Parquet's direct codec: one call per page on buffers kept from page to page,
    // where the stream codec builds a compressor stream per page. The same bytes either way.
    this.codecs =
        codec == ParquetCodec.SNAPPY
            ? CodecFactory.createDirectCodecFactory(
                new Configuration(false), DirectByteBufferAllocator.getInstance(), pageSize)
            : new CodecFactory(new PlainParquetConfiguration(), pageSize);
    this.compressor = codecs.getCompressor(codec.parquetName());
  }

  /** Encodes {@code rows} as one file of {@code group}; a file holds at least one row. */
  byte[] write(FeatureGroup group, FileRows rows) {
    try {
      encode(group, rows);
      return FooterChecksum.seal(file.bytes(), file.length());
    } finally {
      file.trimTo(KEPT_BUFFER_BYTES);
    }
  }

  /**
   * Encodes {@code rows} as one file of {@code group}, as {@link #write(FeatureGroup, FileRows)}
   * does, and gives it to {@code sink} as slices to be written one after the other (see {@link
   * FooterChecksum#sealInSlices}), valid only during the call: the first lends this writer's
   * buffer, so a large file reaches its store without another copy.
   *
   * @return the file's length
   */
  int write(FeatureGroup group, FileRows rows, Consumer<ByteBuffer[]> sink) {
    try {
      encode(group, rows);
      ByteBuffer[] sealed = FooterChecksum.sealInSlices(file.bytes(), file.length());
      int length = sealed[0].remaining() + sealed[1].remaining();
      sink.accept(sealed);
      return length;
    } finally {
      file.trimTo(KEPT_BUFFER_BYTES);
    }
  }

  /** Encodes the file, unsealed, into {@link #file}. */
  private void encode(FeatureGroup group, FileRows rows) {
    MessageType schema = schemaOf(group);
    List<ColumnDescriptor> descriptors = schema.getColumns();
    List<FeatureDefinition> features = group.features();
    int total = rows.size();
    ParquetProperties properties = total < DICTIONARY_MIN_ROWS ? withoutDictionary : withDictionary;
    try {
      ParquetFileWriter out =
          new ParquetFileWriter(
              file,
              schema,
              ParquetFileWriter.Mode.CREATE,
              ParquetWriter.DEFAULT_BLOCK_SIZE,
              ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
              null,
              properties);
      file.reserve(rows.sizeHint());
      out.start();
      int from = 0;
      int rowGroup = 0;
      while (from < total) {
        ColumnChunkPageWriteStore pages =
            ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroup++)
                .build();
        ColumnWriteStore columns = properties.newColumnWriteStore(schema, pages, pages);
        int groupStart = from;
        // A new row group once the buffered pages pass ParquetWriter's row group size.
        while (from < total && columns.getBufferedSize() < ParquetWriter.DEFAULT_BLOCK_SIZE) {
          int to = Math.min(total, from + SLICE_ROWS);
          for (int i = 0; i < features.size(); i++) {
            rows.writeFeature(
                i, features.get(i), from, to, columns.getColumnWriter(descriptors.get(i)));
          }
          int trailer = features.size();
          ColumnWriter writeTime = columns.getColumnWriter(descriptors.get(trailer));
          ColumnWriter invocation = columns.getColumnWriter(descriptors.get(trailer + 1));
          ColumnWriter deleted = columns.getColumnWriter(descriptors.get(trailer + 2));
          for (int row = from; row < to; row++) {
            writeTime.write(rows.writeTimeMicros(), 0, 0);
            invocation.write(rows.apiInvocationMicros(row), 0, 0);
            deleted.write(rows.deleted(row), 0, 0);
          }
          for (int row = from; row < to; row++) {
            columns.endRecord();
          }
          from = to;
        }
        out.startBlock(from - groupStart);
        columns.flush();
        pages.flushToFileWriter(out);
        out.endBlock();
        columns.close();
        pages.close();
      }
      out.end(Map.of(FORMAT_KEY, FORMAT_VERSION));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write an offline file of feature group " + group.name(), e);
    } finally {
      if (allocator instanceof RecyclingBufferAllocator recycling) {
        recycling.reset();
      }
    }
  }

  private MessageType schemaOf(FeatureGroup group) {
    MessageType kept = schema;
    if (kept != null && group == schemaGroup) {
      return kept;
    }
    MessageType made = OfflineSchema.of(group);
    schemaGroup = group;
    schema = made;
    return made;
  }

  @Override
  public void close() {
    codecs.release();
  }

  /**
   * The rows of one file in file order, read a column at a time. Levels: a scalar feature's value
   * at repetition 0, definition 1, a missing one as a null at definition 0; a collection's (a
   * three-level list) missing list at definition 0, empty list at 1, elements at 3, the first at
   * repetition 0 and the others at 1.
   */
  interface FileRows {
    int size();

    /**
     * About how many bytes the file of these rows takes, if known ({@code 0} if not): the writer's
     * buffer starts at that size instead of doubling its way up.
     */
    default long sizeHint() {
      return 0;
    }

    /** The {@code write_time} of every row. */
    long writeTimeMicros();

    long apiInvocationMicros(int row);

    boolean deleted(int row);

    /**
     * Writes the value of {@code feature} (at position {@code position}) of rows {@code [from, to)}
     * to {@code column}.
     */
    void writeFeature(
        int position, FeatureDefinition feature, int from, int to, ColumnWriter column);
  }
}
