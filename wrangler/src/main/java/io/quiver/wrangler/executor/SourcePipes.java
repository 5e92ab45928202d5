package io.quiver.wrangler.executor;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceException;
import io.quiver.wrangler.source.SourceFormat;
import io.quiver.wrangler.source.SourceOptions;
import io.quiver.wrangler.source.SourceRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Opens a SOURCE node's files as a {@link Pipe}: local CSV files through {@link CsvScan} (parsed in
 * parallel, every column a string, as Data Wrangler reads CSV before its type step), anything else
 * (S3, JSON, Parquet, ORC) through the import stage's readers, with column types taken from the
 * values the files declare.
 */
final class SourcePipes {
  static final int BATCH_ROWS = 16_384;

  private final SourceOptions options;

  SourcePipes(SourceOptions options) {
    this.options = options;
  }

  /**
   * Opens the source's files.
   *
   * @throws FlowException naming the node if the files cannot be found or read
   */
  Pipe open(SourceNode source) {
    try {
      if (source.format() == SourceFormat.CSV && !source.location().startsWith("s3://")) {
        List<Path> files = localFiles(source);
        if (!files.isEmpty()) {
          return new CsvFiles(files, source.delimiter());
        }
      }
      if (source.delimiter() != ',' && source.format() == SourceFormat.CSV) {
        throw source
            .node()
            .error("a delimiter other than ',' is supported for local CSV files only");
      }
      return new RowsPipe(
          ImportSource.open(source.location(), options.withFormat(source.format())));
    } catch (SourceException | IllegalArgumentException e) {
      throw source.node().error(e.getMessage());
    } catch (UncheckedIOException e) {
      throw source.node().error(e.getMessage() + ": " + e.getCause().getMessage());
    }
  }

  /** The local files a location names: a file, a folder's CSV files, or a glob; sorted. */
  private static List<Path> localFiles(SourceNode source) {
    String location =
        source.location().startsWith("file://")
            ? java.net.URI.create(source.location()).getPath()
            : source.location();
    Path path = Path.of(location);
    List<Path> files = new ArrayList<>();
    try {
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.csv")) {
          dir.forEach(files::add);
        }
      } else if (location.contains("*") || location.contains("?")) {
        Path parent = path.getParent() == null ? Path.of(".") : path.getParent();
        try (DirectoryStream<Path> dir =
            Files.newDirectoryStream(parent, path.getFileName().toString())) {
          dir.forEach(
              p -> {
                if (Files.isRegularFile(p)) {
                  files.add(p);
                }
              });
        }
      } else {
        throw source.node().error("no file or folder at " + location);
      }
    } catch (IOException e) {
      throw source.node().error("cannot list " + location + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw source.node().error("no CSV file matches " + location);
    }
    if (files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".gz"))) {
      return List.of();
    }
    files.sort(null);
    return files;
  }

  /** Local CSV files one after another; every file must have the first file's columns. */
  private static final class CsvFiles implements Pipe {
    private final List<Path> files;
    private final char delimiter;
    private final Schema schema;
    private CsvScan current;
    private int next = 1;

    CsvFiles(List<Path> files, char delimiter) {
      this.files = files;
      this.delimiter = delimiter;
      this.current = CsvScan.open(files.get(0), delimiter);
      this.schema = current.schema();
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public @Nullable Callable<Frame> next() {
      while (true) {
        Callable<Frame> task = current.next();
        if (task != null) {
          return task;
        }
        if (next >= files.size()) {
          return null;
        }
        current.close();
        current = CsvScan.open(files.get(next++), delimiter);
        if (!current.schema().equals(schema)) {
          throw new FlowException(
              "Cannot read "
                  + files.get(next - 1)
                  + ": its columns "
                  + current.schema().names()
                  + " differ from "
                  + files.get(0).getFileName()
                  + "'s "
                  + schema.names());
        }
      }
    }

    @Override
    public double fractionRead() {
      double inFile = current.fractionRead();
      return ((next - 1) + (Double.isNaN(inFile) ? 0 : inFile)) / files.size();
    }

    @Override
    public void close() {
      current.close();
    }
  }

  /** Rows from an {@link ImportSource}, batched on the calling thread into typed columns. */
  private static final class RowsPipe implements Pipe {
    private final ImportSource source;
    private final Schema schema;

    RowsPipe(ImportSource source) {
      this.source = source;
      try {
        this.schema = inferSchema(source);
      } catch (RuntimeException e) {
        source.close();
        throw e;
      }
    }

    private static Schema inferSchema(ImportSource source) {
      List<SourceRow> sample = source.peek(1000);
      List<String> names = sample.isEmpty() ? source.columns() : sample.get(0).names();
      List<Column> columns = new ArrayList<>();
      for (int c = 0; c < names.size(); c++) {
        DataType type = source.textual() ? DataType.STRING : null;
        for (SourceRow row : sample) {
          if (type != null) {
            break;
          }
          Object value = c < row.values().size() ? row.values().get(c) : null;
          type = typeOf(value);
        }
        columns.add(new Column(names.get(c), type == null ? DataType.STRING : type));
      }
      return new Schema(columns);
    }

    private static @Nullable DataType typeOf(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof Long) {
        return DataType.LONG;
      }
      if (value instanceof Double || value instanceof BigDecimal) {
        return DataType.DOUBLE;
      }
      if (value instanceof Boolean) {
        return DataType.BOOLEAN;
      }
      if (value instanceof Instant) {
        return DataType.TIMESTAMP;
      }
      if (value instanceof LocalDate) {
        return DataType.DATE;
      }
      if (value instanceof List<?> list) {
        return list.stream().allMatch(e -> e instanceof Number) && !list.isEmpty()
            ? DataType.VECTOR
            : DataType.STRING_LIST;
      }
      return DataType.STRING;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public @Nullable Callable<Frame> next() {
      List<ColumnWriter> writers = new ArrayList<>();
      for (Column column : schema.columns()) {
        writers.add(ColumnWriter.of(column.type(), BATCH_ROWS));
      }
      Row row = new Row(1);
      int rows = 0;
      while (rows < BATCH_ROWS) {
        SourceRow sourceRow = source.next();
        if (sourceRow == null) {
          break;
        }
        for (int c = 0; c < schema.size(); c++) {
          int at =
              sourceRow.names() == null ? c : sourceRow.names().indexOf(schema.column(c).name());
          Object value =
              at < 0 || at >= sourceRow.values().size() ? null : sourceRow.values().get(at);
          set(row, schema.column(c).type(), value);
          writers.get(c).append(row, 0);
        }
        rows++;
      }
      if (rows == 0) {
        return null;
      }
      List<ColumnVector> vectors = new ArrayList<>();
      writers.forEach(w -> vectors.add(w.finish()));
      Frame frame = new Frame(schema, new ColumnBatch(rows, vectors));
      return () -> frame;
    }

    private static void set(Row row, DataType type, @Nullable Object value) {
      if (value == null) {
        row.setNull(0);
        return;
      }
      switch (type) {
        case LONG -> {
          if (value instanceof Number n) {
            row.setLong(0, n.longValue());
          } else {
            io.quiver.wrangler.transform.ValueCasts.fromText(value.toString(), type, row, 0, null);
          }
        }
        case DOUBLE -> {
          if (value instanceof Number n) {
            row.setDouble(0, n.doubleValue());
          } else {
            io.quiver.wrangler.transform.ValueCasts.fromText(value.toString(), type, row, 0, null);
          }
        }
        case BOOLEAN -> {
          if (value instanceof Boolean b) {
            row.setBoolean(0, b);
          } else {
            io.quiver.wrangler.transform.ValueCasts.fromText(value.toString(), type, row, 0, null);
          }
        }
        case TIMESTAMP ->
            row.setLong(
                0,
                value instanceof Instant i
                    ? ChronoUnit.MICROS.between(Instant.EPOCH, i)
                    : value instanceof LocalDate d ? d.toEpochDay() * 86_400_000_000L : 0);
        case DATE ->
            row.setLong(0, value instanceof LocalDate d ? d.toEpochDay() * 86_400_000_000L : 0);
        case VECTOR -> {
          List<?> list = (List<?>) value;
          double[] vector = new double[list.size()];
          for (int i = 0; i < vector.length; i++) {
            vector[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
          }
          row.setObject(0, vector);
        }
        case STRING_LIST -> {
          List<?> list = (List<?>) value;
          String[] strings = new String[list.size()];
          for (int i = 0; i < strings.length; i++) {
            strings[i] = String.valueOf(list.get(i));
          }
          row.setObject(0, strings);
        }
        case STRING ->
            row.setObject(0, value instanceof List<?> l ? l.toString() : value.toString());
      }
    }

    @Override
    public double fractionRead() {
      return source.fractionRead();
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
