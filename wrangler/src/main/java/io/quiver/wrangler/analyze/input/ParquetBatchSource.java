package io.quiver.wrangler.analyze.input;

import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.parquet.ColumnSpec;
import io.quiver.storage.parquet.ParquetColumnReader;
import io.quiver.storage.parquet.ParquetRowGroupReader;
import io.quiver.wrangler.source.SourceFormat;
import io.quiver.wrangler.source.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/*
 * Design: the unit of work is one row group of one file. Callers claim the next unit with an
 * atomic counter and decode it on their own thread, through a reader of their own per file (a
 * Parquet reader is not thread-safe); so decoding runs on as many threads as call next(). Row
 * numbers come from the footers' row counts, read once at open, so they do not depend on which
 * thread decodes which row group.
 */

/** Local Parquet files read a row group at a time, in parallel. Thread-safe. */
final class ParquetBatchSource implements BatchSource {
  private final List<Path> files;
  private final List<ColumnSpec> specs;
  private final List<AnalysisColumn> columns;
  // unit u = (file, row group) in file order; firstRows[u] = rows before it
  private final int[] unitFile;
  private final int[] unitGroup;
  private final long[] firstRows;
  private final long totalRows;
  private final AtomicInteger nextUnit = new AtomicInteger();
  private final AtomicLong rowsRead = new AtomicLong();
  // per thread, its reader of the file it last read (closed when it moves to another file)
  private final Map<Long, OpenFile> readers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ParquetBatchSource(
      List<Path> files,
      List<ColumnSpec> specs,
      int[] unitFile,
      int[] unitGroup,
      long[] firstRows,
      long totalRows) {
    this.files = List.copyOf(files);
    this.specs = List.copyOf(specs);
    this.columns = specs.stream().map(s -> new AnalysisColumn(s.name(), s.kind())).toList();
    this.unitFile = unitFile;
    this.unitGroup = unitGroup;
    this.firstRows = firstRows;
    this.totalRows = totalRows;
  }

  static ParquetBatchSource open(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("files: none (expected: at least one Parquet file)");
    }
    List<ColumnSpec> specs;
    try (ReadableObject first = ReadableObject.local(files.get(0))) {
      specs = ParquetColumnReader.columnsOf(first);
    }
    List<Integer> unitFiles = new ArrayList<>();
    List<Integer> unitGroups = new ArrayList<>();
    List<Long> firsts = new ArrayList<>();
    long rows = 0;
    for (int f = 0; f < files.size(); f++) {
      try (ParquetRowGroupReader reader =
          ParquetRowGroupReader.open(ReadableObject.local(files.get(f)), specs)) {
        for (int g = 0; g < reader.rowGroupCount(); g++) {
          unitFiles.add(f);
          unitGroups.add(g);
          firsts.add(rows);
          rows += reader.rowCount(g);
        }
      }
    }
    int[] unitFile = unitFiles.stream().mapToInt(Integer::intValue).toArray();
    int[] unitGroup = unitGroups.stream().mapToInt(Integer::intValue).toArray();
    long[] firstRows = firsts.stream().mapToLong(Long::longValue).toArray();
    return new ParquetBatchSource(files, specs, unitFile, unitGroup, firstRows, rows);
  }

  /**
   * The local Parquet files {@code location} names (a {@code .parquet} file, or a folder whose
   * files, at any depth, all are), or an empty list if it names anything else.
   */
  static List<Path> localParquetFiles(String location, SourceOptions options) {
    if (location.startsWith("s3://")
        || (options.format() != null && options.format() != SourceFormat.PARQUET)) {
      return List.of();
    }
    Path path;
    try {
      path = Path.of(location);
    } catch (InvalidPathException e) {
      return List.of();
    }
    if (Files.isRegularFile(path)) {
      boolean parquet =
          options.format() == SourceFormat.PARQUET
              || path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
      return parquet ? List.of(path) : List.of();
    }
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> found =
          walk.filter(Files::isRegularFile)
              .filter(p -> !hidden(path.relativize(p)))
              .sorted()
              .toList();
      boolean allParquet =
          !found.isEmpty()
              && found.stream()
                  .allMatch(
                      p ->
                          p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet"));
      return allParquet ? found : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  /** Files or folders starting with . or _ (Spark's and Hadoop's markers and temporary files). */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<AnalysisColumn> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceBatch next() {
    if (closed) {
      throw new IllegalStateException("Cannot read a closed source");
    }
    int unit = nextUnit.getAndIncrement();
    if (unit >= unitFile.length) {
      return null;
    }
    int file = unitFile[unit];
    long thread = Thread.currentThread().getId();
    OpenFile open = readers.get(thread);
    if (open == null || open.file != file) {
      if (open != null) {
        open.reader.close();
      }
      open =
          new OpenFile(
              file, ParquetRowGroupReader.open(ReadableObject.local(files.get(file)), specs));
      readers.put(thread, open);
    }
    SourceBatch batch = new SourceBatch(firstRows[unit], open.reader.read(unitGroup[unit]));
    rowsRead.addAndGet(batch.batch().rowCount());
    return batch;
  }

  @Override
  public double fractionRead() {
    return totalRows == 0 ? 1.0 : Math.min(1.0, (double) rowsRead.get() / totalRows);
  }

  @Override
  public void close() {
    closed = true;
    for (OpenFile open : readers.values()) {
      open.reader.close();
    }
    readers.clear();
  }

  private record OpenFile(int file, ParquetRowGroupReader reader) {}
}
