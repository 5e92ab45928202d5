package io.quiver.wrangler.export;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.objectstore.ObjectStore;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.objectstore.S3Settings;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.ValueCasts;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/*
 * Design: rows are cut into parts of at most PART_ROWS rows (per partition value when
 * partitioning); each part is encoded on the worker pool while the next is gathered, and stored
 * whole under its final name (the object store's put is atomic: temporary name and rename on a
 * local folder, one PUT on S3), so a reader never sees a half-written file. Part names are numbered
 * in row order, so the same input and flow give the same files.
 */

/**
 * Writes a flow's output as CSV or Parquet files under a folder (local or {@code s3://}),
 * optionally partitioned by columns into {@code column=value/} folders as Spark and Hive lay them
 * out (partition columns are not repeated in the files). Not thread-safe: one write at a time.
 */
public final class FileOutput {
  /** The most rows in one part file. */
  public static final int PART_ROWS = 262_144;

  /** The file format. */
  public enum Format {
    /** Comma (or other delimiter) separated values with a header line. */
    CSV,
    /** Apache Parquet. */
    PARQUET
  }

  /**
   * Where and how to write.
   *
   * @param location a local folder or file path, a {@code file://} URI or an {@code s3://} prefix
   * @param format the format
   * @param delimiter the CSV delimiter
   * @param compression the Parquet codec name ({@code snappy}, {@code gzip}, {@code zstd}, {@code
   *     none})
   * @param partitionBy the columns whose values name partition folders, in folder order
   */
  public record Target(
      String location,
      Format format,
      char delimiter,
      String compression,
      List<String> partitionBy) {
    /** Copies the partition columns. */
    public Target {
      requireNonNull(location, "location");
      requireNonNull(format, "format");
      requireNonNull(compression, "compression");
      partitionBy = List.copyOf(partitionBy);
    }
  }

  /** What was written. */
  public record Written(long rows, List<String> files) {}

  private final ObjectStoreResolver resolver;
  private final ExecutorService pool;

  /** A writer reaching S3 with {@code s3} and encoding on {@code pool}. */
  public FileOutput(S3Settings s3, ExecutorService pool) {
    this.resolver = new ObjectStoreResolver(s3);
    this.pool = pool;
  }

  /**
   * Writes every batch of {@code frames} to {@code target}.
   *
   * @throws IllegalArgumentException if the target names a column the data lacks or a codec that
   *     does not exist
   * @throws java.io.UncheckedIOException or {@link io.quiver.storage.error.StorageException} if a
   *     file cannot be stored
   */
  public Written write(FrameStream frames, Target target) {
    Schema schema = frames.schema();
    for (String column : target.partitionBy()) {
      if (schema.indexOf(column) < 0) {
        throw new IllegalArgumentException(
            "partition_by names column '"
                + column
                + "', which the output lacks (columns: "
                + String.join(", ", schema.names())
                + ")");
      }
    }
    CompressionCodecName codec = codec(target.compression());
    String base = baseUri(target.location());
    try (ObjectStore store = resolver.resolve(base)) {
      Parts parts = new Parts(schema, target, codec, store);
      for (Frame frame = frames.next(); frame != null; frame = frames.next()) {
        parts.add(frame);
      }
      return parts.finish();
    }
  }

  private static CompressionCodecName codec(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.equals("NONE") || n.isEmpty()) {
      return CompressionCodecName.UNCOMPRESSED;
    }
    try {
      return CompressionCodecName.valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "compression '" + name + "' (expected: none, snappy, gzip or zstd)");
    }
  }

  /** The location as the base URI of an object store: {@code s3://...} or {@code file://...}. */
  public static String baseUri(String location) {
    if (location.startsWith("s3://") || location.startsWith("file://")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toUri().toString();
  }

  /** The parts being gathered and encoded. */
  private final class Parts {
    private final Schema schema;
    private final Schema fileSchema;
    private final Target target;
    private final CompressionCodecName codec;
    private final ObjectStore store;
    private final int[] partitionColumns;
    private final int[] dataColumns;
    private final Map<String, List<Frame>> open = new LinkedHashMap<>();
    private final Map<String, Integer> openRows = new LinkedHashMap<>();
    private final Deque<Future<byte[]>> encoding = new ArrayDeque<>();
    private final Deque<String> keys = new ArrayDeque<>();
    private final List<String> files = new ArrayList<>();
    private int partNumber;
    private long rows;

    Parts(Schema schema, Target target, CompressionCodecName codec, ObjectStore store) {
      this.schema = schema;
      this.target = target;
      this.codec = codec;
      this.store = store;
      this.partitionColumns = target.partitionBy().stream().mapToInt(schema::indexOf).toArray();
      List<Column> data = new ArrayList<>();
      List<Integer> dataIndexes = new ArrayList<>();
      for (int c = 0; c < schema.size(); c++) {
        if (!target.partitionBy().contains(schema.column(c).name())) {
          data.add(schema.column(c));
          dataIndexes.add(c);
        }
      }
      this.fileSchema = new Schema(data);
      this.dataColumns = dataIndexes.stream().mapToInt(Integer::intValue).toArray();
    }

    void add(Frame frame) {
      rows += frame.rowCount();
      if (partitionColumns.length == 0) {
        append("", frame);
        return;
      }
      Map<String, List<Integer>> byFolder = new LinkedHashMap<>();
      Row row = new Row(schema.size());
      RowLoader loader = new RowLoader(frame, partitionColumns, partitionColumns);
      for (int r = 0; r < frame.rowCount(); r++) {
        loader.load(r, row);
        StringBuilder folder = new StringBuilder();
        for (int c : partitionColumns) {
          String value = ValueCasts.toText(row, c, schema.column(c).type());
          folder
              .append(schema.column(c).name())
              .append('=')
              .append(value == null ? "__HIVE_DEFAULT_PARTITION__" : escape(value))
              .append('/');
        }
        byFolder.computeIfAbsent(folder.toString(), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<Integer>> e : byFolder.entrySet()) {
        append(e.getKey(), select(frame, e.getValue()));
      }
    }

    private Frame select(Frame frame, List<Integer> rowsOf) {
      List<io.quiver.storage.batch.ColumnVector> vectors = new ArrayList<>();
      for (int c = 0; c < schema.size(); c++) {
        ColumnWriter w = ColumnWriter.of(schema.column(c).type(), rowsOf.size());
        for (int r : rowsOf) {
          w.append(frame.vector(c), r);
        }
        vectors.add(w.finish());
      }
      return new Frame(schema, new io.quiver.storage.batch.ColumnBatch(rowsOf.size(), vectors));
    }

    private void append(String folder, Frame frame) {
      Frame data = project(frame);
      open.computeIfAbsent(folder, k -> new ArrayList<>()).add(data);
      int total = openRows.merge(folder, data.rowCount(), Integer::sum);
      if (total >= PART_ROWS) {
        flush(folder);
      }
    }

    private Frame project(Frame frame) {
      if (dataColumns.length == schema.size()) {
        return frame;
      }
      List<io.quiver.storage.batch.ColumnVector> vectors = new ArrayList<>();
      for (int c : dataColumns) {
        vectors.add(frame.vector(c));
      }
      return new Frame(
          fileSchema, new io.quiver.storage.batch.ColumnBatch(frame.rowCount(), vectors));
    }

    private void flush(String folder) {
      List<Frame> frames = open.remove(folder);
      openRows.remove(folder);
      if (frames == null) {
        return;
      }
      String extension = target.format() == Format.CSV ? ".csv" : ".parquet";
      String key = String.format(Locale.ROOT, "%spart-%05d%s", folder, partNumber++, extension);
      Format format = target.format();
      char delimiter = target.delimiter();
      encoding.add(
          pool.submit(
              () ->
                  format == Format.CSV
                      ? CsvEncoder.encode(fileSchema, frames, delimiter, true)
                      : ParquetEncoder.encode(fileSchema, frames, codec)));
      keys.add(key);
      while (encoding.size() > 2) {
        store();
      }
    }

    private void store() {
      Future<byte[]> next = encoding.poll();
      String key = keys.poll();
      byte[] bytes;
      try {
        bytes = next.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("The write was interrupted");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("Cannot encode " + key, e.getCause());
      }
      store.put(key, bytes);
      files.add(store.uriOf(key));
    }

    Written finish() {
      for (String folder : new ArrayList<>(open.keySet())) {
        flush(folder);
      }
      if (partNumber == 0) {
        // No rows at all: one empty file, so readers find the schema.
        open.put("", new ArrayList<>(List.of(Frame.empty(fileSchema))));
        flush("");
      }
      while (!encoding.isEmpty()) {
        store();
      }
      return new Written(rows, List.copyOf(files));
    }
  }

  /** Hive's escaping of partition values: characters unsafe in a path as %XX. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || "\"#%'*/:=?\\\u007F{[]^".indexOf(c) >= 0) {
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
