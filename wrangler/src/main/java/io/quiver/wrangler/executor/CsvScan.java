package io.quiver.wrangler.executor;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/*
 * Design: a CSV file is cut into chunks of whole records on the reading thread, which only scans
 * bytes for the record boundaries (a newline outside quotes; quote parity is enough, since an
 * escaped quote is two quotes) and counts lines; parsing a chunk into string columns is a task run
 * on the worker pool, so both cores parse. Cells are RFC 4180: quoted cells may hold delimiters,
 * newlines and doubled quotes; an empty cell is null, as the importer reads it; a row with fewer
 * cells than the header has nulls at the end, one with more is an error naming its line.
 */

/**
 * Reads one local CSV file with a header line as batches of string columns, in chunks parsed in
 * parallel. Not thread-safe: one thread calls {@link #next()}; the tasks it returns run anywhere.
 */
final class CsvScan implements AutoCloseable {
  static final int CHUNK_BYTES = 4 << 20;

  private final String name;
  private final InputStream in;
  private final char delimiter;
  private final Schema schema;
  private final long size;
  private byte[] carry = new byte[0];
  private long line = 1;
  private long consumed;
  private boolean done;

  private CsvScan(String name, InputStream in, char delimiter, Schema schema, long size) {
    this.name = name;
    this.in = in;
    this.delimiter = delimiter;
    this.schema = schema;
    this.size = size;
  }

  /**
   * Opens {@code file} and reads its header.
   *
   * @throws FlowException if the file is empty or its header is not valid
   * @throws UncheckedIOException if it cannot be read
   */
  static CsvScan open(Path file, char delimiter) {
    String name = file.getFileName().toString();
    InputStream in;
    try {
      in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    try {
      long size = Files.size(file);
      byte[] header = readHeader(in, name);
      List<String> names = new ArrayList<>();
      String[] cells = new String[4096];
      int count = parseRecord(header, 0, header.length, delimiter, cells, name, () -> 1, -1);
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String column = cells[i] == null ? "" : cells[i];
        if (i == 0 && column.startsWith("\uFEFF")) {
          column = column.substring(1);
        }
        if (column.isEmpty() || names.contains(column)) {
          throw new FlowException(
              "Cannot read "
                  + name
                  + ":1: header column "
                  + (i + 1)
                  + (column.isEmpty() ? " has no name" : " repeats '" + column + "'"));
        }
        names.add(column);
        columns.add(new Column(column, DataType.STRING));
      }
      CsvScan scan = new CsvScan(name, in, delimiter, new Schema(columns), size);
      scan.consumed = header.length;
      scan.line = 2;
      return scan;
    } catch (RuntimeException | IOException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot read " + file, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static byte[] readHeader(InputStream in, String name) throws IOException {
    java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
    boolean quoted = false;
    for (int b = in.read(); b >= 0; b = in.read()) {
      header.write(b);
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        return header.toByteArray();
      }
      if (header.size() > 1 << 20) {
        throw new FlowException("Cannot read " + name + ": its header line is longer than 1 MiB");
      }
    }
    if (header.size() == 0) {
      throw new FlowException(
          "Cannot read " + name + ": the file is empty (expected a header line)");
    }
    return header.toByteArray();
  }

  Schema schema() {
    return schema;
  }

  /** How much of the file the chunks returned so far cover, 0 to 1. */
  double fractionRead() {
    return size <= 0 ? Double.NaN : Math.min(1.0, (double) consumed / size);
  }

  /**
   * The task parsing the next chunk of whole records, or {@code null} at the end of the file.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  @Nullable Callable<Frame> next() {
    if (done) {
      return null;
    }
    byte[] buffer = Arrays.copyOf(carry, carry.length + CHUNK_BYTES);
    int length = carry.length;
    try {
      while (length < buffer.length) {
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          done = true;
          break;
        }
        length += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
    int end = done ? length : lastBoundary(buffer, length);
    if (end < 0) {
      // One record longer than a chunk: read on with a bigger buffer.
      carry = Arrays.copyOf(buffer, length);
      if (carry.length > 256 << 20) {
        throw new FlowException(
            "Cannot read " + name + ":" + line + ": a record is longer than 256 MiB");
      }
      return next();
    }
    carry = Arrays.copyOfRange(buffer, end, length);
    byte[] chunk = buffer;
    int chunkEnd = end;
    long firstLine = line;
    line += countLines(chunk, chunkEnd);
    consumed += chunkEnd;
    if (chunkEnd == 0) {
      return done ? null : next();
    }
    return () -> parse(chunk, chunkEnd, firstLine);
  }

  /** The position after the last newline outside quotes, or -1 if there is none. */
  private static int lastBoundary(byte[] buffer, int length) {
    boolean quoted = false;
    int last = -1;
    for (int i = 0; i < length; i++) {
      byte b = buffer[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        last = i + 1;
      }
    }
    return last;
  }

  private static long countLines(byte[] buffer, int length) {
    long lines = 0;
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private Frame parse(byte[] chunk, int length, long firstLine) {
    int columns = schema.size();
    String[][] values = new String[columns][1024];
    String[] cells = new String[columns];
    int rows = 0;
    int position = 0;
    while (position < length) {
      int end = recordEnd(chunk, position, length);
      int recordEnd = end;
      if (recordEnd > position && chunk[recordEnd - 1] == '\n') {
        recordEnd--;
      }
      if (recordEnd > position && chunk[recordEnd - 1] == '\r') {
        recordEnd--;
      }
      if (recordEnd > position) {
        Arrays.fill(cells, null);
        int at = position;
        // Line numbers are counted only for a message: most chunks never need one.
        parseRecord(
            chunk,
            position,
            recordEnd,
            delimiter,
            cells,
            name,
            () -> firstLine + countLines(chunk, 0, at),
            columns);
        if (rows == values[0].length) {
          for (int c = 0; c < columns; c++) {
            values[c] = Arrays.copyOf(values[c], rows * 2);
          }
        }
        for (int c = 0; c < columns; c++) {
          values[c][rows] = cells[c];
        }
        rows++;
      }
      position = end;
    }
    List<ColumnVector> vectors = new ArrayList<>(columns);
    for (int c = 0; c < columns; c++) {
      ColumnVector v = new ColumnVector(io.quiver.storage.batch.ColumnKind.STRING, rows);
      String[] column = values[c];
      for (int r = 0; r < rows; r++) {
        if (column[r] == null) {
          v.setNull(r);
        } else {
          v.setString(r, column[r]);
        }
      }
      vectors.add(v);
    }
    return new Frame(schema, new ColumnBatch(rows, vectors));
  }

  private static long countLines(byte[] buffer, int from, int to) {
    long lines = 0;
    for (int i = from; i < to; i++) {
      if (buffer[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** The position after the record starting at {@code from} (after its newline, if any). */
  private static int recordEnd(byte[] buffer, int from, int length) {
    boolean quoted = false;
    for (int i = from; i < length; i++) {
      byte b = buffer[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        return i + 1;
      }
    }
    return length;
  }

  /**
   * Parses the record in {@code [from, to)} into {@code cells}.
   *
   * @param expected the number of columns, or -1 for the header (any number)
   * @return the number of cells
   * @throws FlowException if the record has more cells than expected or a quote is not closed
   */
  static int parseRecord(
      byte[] buffer,
      int from,
      int to,
      char delimiter,
      @Nullable String[] cells,
      String name,
      java.util.function.LongSupplier line,
      int expected) {
    if (expected < 0) {
      while (to > from && (buffer[to - 1] == '\n' || buffer[to - 1] == '\r')) {
        to--;
      }
    }
    int count = 0;
    int i = from;
    while (true) {
      if (expected >= 0 && count >= expected) {
        throw new FlowException(
            "Cannot read "
                + name
                + ":"
                + line.getAsLong()
                + ": the row has more cells than the "
                + expected
                + " columns its header names");
      }
      if (count >= cells.length) {
        throw new FlowException(
            "Cannot read "
                + name
                + ":"
                + line.getAsLong()
                + ": more than "
                + cells.length
                + " columns");
      }
      String cell;
      if (i < to && buffer[i] == '"') {
        StringBuilder text = null;
        int start = i + 1;
        int j = start;
        while (true) {
          if (j >= to) {
            throw new FlowException(
                "Cannot read " + name + ":" + line.getAsLong() + ": a quoted cell is not closed");
          }
          if (buffer[j] == '"') {
            if (j + 1 < to && buffer[j + 1] == '"') {
              if (text == null) {
                text = new StringBuilder();
              }
              text.append(new String(buffer, start, j + 1 - start, UTF_8));
              j += 2;
              start = j;
              continue;
            }
            break;
          }
          j++;
        }
        String tail = new String(buffer, start, j - start, UTF_8);
        cell = text == null ? tail : text.append(tail).toString();
        i = j + 1;
        if (i < to && buffer[i] != delimiter) {
          throw new FlowException(
              "Cannot read "
                  + name
                  + ":"
                  + line.getAsLong()
                  + ": text follows a closing quote (expected: a delimiter or the end of the row)");
        }
      } else {
        int j = i;
        while (j < to && buffer[j] != delimiter) {
          j++;
        }
        cell = j == i ? null : new String(buffer, i, j - i, UTF_8);
        i = j;
      }
      cells[count++] = cell == null || cell.isEmpty() ? null : cell;
      if (i >= to) {
        return count;
      }
      i++; // the delimiter
      if (i == to) {
        // A trailing delimiter ends with an empty cell.
        if (expected >= 0 && count >= expected) {
          throw new FlowException(
              "Cannot read "
                  + name
                  + ":"
                  + line.getAsLong()
                  + ": the row has more cells than the "
                  + expected
                  + " columns its header names");
        }
        cells[count++] = null;
        return count;
      }
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + name, e);
    }
  }
}
