package io.quiver.query.pit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.jspecify.annotations.Nullable;

/**
 * A built point-in-time dataset: named, typed columns and their rows, with each row's split part
 * when a split was asked for. Values are Long (Integral), Double (Fractional), String, Boolean or
 * {@link Instant} (timestamps). Immutable and thread-safe.
 */
public final class Dataset implements Iterable<@Nullable Object[]> {
  /** Reads one column's value for an output row. */
  interface ColumnSource {
    @Nullable Object get(int row);
  }

  private final List<String> names;
  private final List<ColumnKind> kinds;
  private final List<ColumnSource> sources;
  private final int rowCount;
  private final @Nullable String @Nullable [] parts;

  Dataset(
      List<String> names,
      List<ColumnKind> kinds,
      List<ColumnSource> sources,
      int rowCount,
      @Nullable String @Nullable [] parts) {
    this.names = List.copyOf(names);
    this.kinds = List.copyOf(kinds);
    this.sources = List.copyOf(sources);
    this.rowCount = rowCount;
    this.parts = parts;
  }

  /** The column names, in order. */
  public List<String> columnNames() {
    return names;
  }

  /** The number of rows. */
  public int rowCount() {
    return rowCount;
  }

  /** The value of {@code column} in {@code row}, or null. */
  public @Nullable Object value(int row, int column) {
    Object v = sources.get(column).get(row);
    if (v != null && kinds.get(column) == ColumnKind.TIMESTAMP_MICROS) {
      long micros = (Long) v;
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    return v;
  }

  /**
   * The split part of {@code row} ({@link Split#TRAIN}, ...), or null if no split was asked for.
   */
  public @Nullable String part(int row) {
    return parts == null ? null : parts[row];
  }

  /** Iterates the rows as arrays of values in column order. */
  @Override
  public Iterator<@Nullable Object[]> iterator() {
    return new Iterator<>() {
      private int row;

      @Override
      public boolean hasNext() {
        return row < rowCount;
      }

      @Override
      public @Nullable Object[] next() {
        if (row >= rowCount) {
          throw new NoSuchElementException();
        }
        @Nullable Object[] values = new Object[names.size()];
        for (int c = 0; c < values.length; c++) {
          values[c] = value(row, c);
        }
        row++;
        return values;
      }
    };
  }

  /**
   * Writes the rows to {@code file} as CSV (a header line, then rows). With a split, writes one
   * file per part next to it, named {@code <name>.<part>.csv}.
   *
   * @return the files written
   * @throws UncheckedIOException if a file cannot be written
   */
  public List<Path> writeCsv(Path file) {
    List<Path> written = new ArrayList<>();
    for (String part : partsToWrite()) {
      Path target = part == null ? file : sibling(file, part, ".csv");
      try (BufferedWriter out = Files.newBufferedWriter(target, UTF_8)) {
        out.write(String.join(",", names.stream().map(CsvFormat::quote).toList()));
        out.write('\n');
        for (int r = 0; r < rowCount; r++) {
          if (part != null && !part.equals(part(r))) {
            continue;
          }
          for (int c = 0; c < names.size(); c++) {
            if (c > 0) {
              out.write(',');
            }
            out.write(CsvFormat.quote(value(r, c)));
          }
          out.write('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write dataset file " + target, e);
      }
      written.add(target);
    }
    return written;
  }

  /**
   * Writes the rows to {@code file} as Parquet (SNAPPY; timestamps INT64 micros UTC). With a split,
   * writes one file per part, named {@code <name>.<part>.parquet}.
   *
   * @return the files written
   * @throws UncheckedIOException if a file cannot be written
   */
  public List<Path> writeParquet(Path file) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (int c = 0; c < names.size(); c++) {
      switch (kinds.get(c)) {
        case LONG -> builder.optional(PrimitiveTypeName.INT64).named(names.get(c));
        case DOUBLE -> builder.optional(PrimitiveTypeName.DOUBLE).named(names.get(c));
        case BOOLEAN -> builder.optional(PrimitiveTypeName.BOOLEAN).named(names.get(c));
        case STRING ->
            builder
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(names.get(c));
        case TIMESTAMP_MICROS ->
            builder
                .optional(PrimitiveTypeName.INT64)
                .as(
                    LogicalTypeAnnotation.timestampType(
                        true, LogicalTypeAnnotation.TimeUnit.MICROS))
                .named(names.get(c));
      }
    }
    MessageType schema = builder.named("dataset");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    List<Path> written = new ArrayList<>();
    for (String part : partsToWrite()) {
      Path target = part == null ? file : sibling(file, part, ".parquet");
      try {
        Files.deleteIfExists(target);
        try (ParquetWriter<Group> writer =
            ExampleParquetWriter.builder(new LocalOutputFile(target))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
          for (int r = 0; r < rowCount; r++) {
            if (part == null || part.equals(part(r))) {
              writer.write(toGroup(groups.newGroup(), r));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write dataset file " + target, e);
      }
      written.add(target);
    }
    return written;
  }

  private Group toGroup(Group group, int row) {
    for (int c = 0; c < names.size(); c++) {
      Object v = sources.get(c).get(row);
      if (v == null) {
        continue;
      }
      switch (kinds.get(c)) {
        case LONG, TIMESTAMP_MICROS -> group.add(c, ((Number) v).longValue());
        case DOUBLE -> group.add(c, ((Number) v).doubleValue());
        case BOOLEAN -> group.add(c, (Boolean) v);
        case STRING -> group.add(c, v.toString());
      }
    }
    return group;
  }

  private List<@Nullable String> partsToWrite() {
    List<@Nullable String> list = new ArrayList<>();
    if (parts == null) {
      list.add(null);
    } else {
      list.addAll(List.of(Split.TRAIN, Split.VALIDATION, Split.TEST));
    }
    return list;
  }

  private static Path sibling(Path file, String part, String extension) {
    String name = file.getFileName().toString();
    String stem =
        name.endsWith(extension) ? name.substring(0, name.length() - extension.length()) : name;
    return file.resolveSibling(stem + "." + part + extension);
  }
}
