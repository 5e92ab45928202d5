package io.quiver.query.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV, with a header line or without one, the one CSV reader of every module (import,
 * datasets, bias, monitoring's captured records): RFC 4180 quoting (a quoted cell may hold commas,
 * quotes and line breaks), UTF-8 with or without a byte order mark (spreadsheet exports write one),
 * empty lines skipped. Cells are the text between the separators, {@code ""} for an empty cell;
 * callers decide what an empty cell means. Built on Jackson's streaming CSV parser, which decodes
 * only the cells asked for. Not thread-safe.
 *
 * <pre>{@code
 * try (CsvReader csv = CsvReader.open(Files.newInputStream(file), file.toString())) {
 *   for (String[] cells = csv.next(); cells != null; cells = csv.next()) {
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class CsvReader implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final String name;
  private final CsvParser parser;
  private final List<String> header;
  private long line;

  private CsvReader(String name, CsvParser parser, List<String> header, long line) {
    this.name = name;
    this.parser = parser;
    this.header = List.copyOf(header);
    this.line = line;
  }

  /**
   * Starts reading {@code in} (which the reader then owns and closes) and reads its header line.
   *
   * @param name what messages call the input, a file name or URI
   * @throws UncheckedIOException if the input cannot be read or its header is not CSV; the message
   *     names the input
   */
  public static CsvReader open(InputStream in, String name) {
    return open(in, name, true);
  }

  /**
   * Starts reading {@code in} (which the reader then owns and closes), whose first line is a record
   * like the others: {@link #header()} is empty.
   *
   * @param name what messages call the input
   * @throws UncheckedIOException if the input cannot be read; the message names the input
   */
  public static CsvReader openWithoutHeader(InputStream in, String name) {
    return open(in, name, false);
  }

  private static CsvReader open(InputStream in, String name, boolean hasHeader) {
    try {
      BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
      skipByteOrderMark(buffered);
      // Jackson's SKIP_EMPTY_LINES would also skip lines of blanks and drop a line's leading
      // blanks; empty lines are told apart instead by their one empty unquoted (null) cell.
      CsvParser parser =
          new CsvFactory()
              .enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL)
              .createParser(buffered);
      try {
        CsvReader reader = new CsvReader(name, parser, List.of(), 0);
        if (!hasHeader) {
          return reader;
        }
        List<String> header = new ArrayList<>();
        reader.nextRecord(
            (index, token) -> {
              if (index == 0) {
                header.clear(); // an empty line skipped before the header left its cell
              }
              header.add(reader.text(token));
            });
        return new CsvReader(name, parser, header, reader.line);
      } catch (IOException | RuntimeException e) {
        parser.close();
        throw e;
      }
    } catch (IOException e) {
      closeQuietly(in);
      throw new UncheckedIOException("Cannot read " + name + ": " + message(e), e);
    }
  }

  /** The header's column names, in order; empty for an empty input or one read without header. */
  public List<String> header() {
    return header;
  }

  /**
   * The next record's cells, as many as the record has (which may differ from the header's count);
   * {@code null} after the last record.
   *
   * @throws UncheckedIOException if the input cannot be read or is not CSV there; the message names
   *     the input and line
   */
  public String @Nullable [] next() {
    List<String> cells = new ArrayList<>(Math.max(header.size(), 1));
    try {
      CellSink sink =
          (index, token) -> {
            if (index == 0) {
              cells.clear(); // an empty line skipped before this record left its cell
            }
            cells.add(text(token));
          };
      if (nextRecord(sink) < 0) {
        return null;
      }
    } catch (IOException e) {
      throw failure(e);
    }
    return cells.toArray(String[]::new);
  }

  /**
   * Reads the next record, decoding only the cells {@code wanted} marks (by position) into the same
   * positions of {@code cells}; the others are skipped and left as they were.
   *
   * @return how many cells the record has, or -1 after the last record
   * @throws UncheckedIOException if the input cannot be read or is not CSV there
   */
  public int next(boolean[] wanted, @Nullable String[] cells) {
    try {
      return nextRecord(
          (index, token) -> {
            if (index < wanted.length && wanted[index]) {
              cells[index] = text(token);
            }
          });
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Receives a record's cells in order. */
  private interface CellSink {
    void cell(int index, JsonToken token) throws IOException;
  }

  /**
   * Hands the cells of the next record that is not an empty line to {@code sink}; returns how many
   * it has, or -1 after the last record.
   */
  private int nextRecord(CellSink sink) throws IOException {
    while (parser.nextToken() == JsonToken.START_ARRAY) {
      int count = 0;
      boolean emptyLine = false;
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; ) {
        if (count == 0) {
          // The first cell's line is where the record starts (the record's end token is placed at
          // its last cell, which may start lines later).
          line = parser.currentTokenLocation().getLineNr();
          emptyLine = t == JsonToken.VALUE_NULL;
        }
        sink.cell(count++, t);
        t = parser.nextToken();
      }
      if (count != 1 || !emptyLine) {
        return count;
      }
    }
    return -1;
  }

  /** The text of the cell at {@code token}: an empty unquoted cell is {@code ""}. */
  private String text(JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NULL ? "" : parser.getText();
  }

  /** The line (counted from 1) where the last record read starts. */
  public long line() {
    return line;
  }

  /** {@code name:line} of the last record read. */
  public String position() {
    return name + ":" + line;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + name, e);
    }
  }

  private UncheckedIOException failure(IOException e) {
    long at = parser.currentLocation().getLineNr();
    return new UncheckedIOException(
        "Cannot read " + name + ":" + (at > 0 ? at : line + 1) + ": " + message(e), e);
  }

  private static String message(IOException e) {
    String text =
        e instanceof com.fasterxml.jackson.core.JacksonException j
            ? j.getOriginalMessage()
            : e.getMessage();
    return text == null ? e.getClass().getSimpleName() : text;
  }

  private static void skipByteOrderMark(BufferedInputStream in) throws IOException {
    in.mark(BYTE_ORDER_MARK.length);
    byte[] first = in.readNBytes(BYTE_ORDER_MARK.length);
    if (!Arrays.equals(first, BYTE_ORDER_MARK)) {
      in.reset();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException suppressed) {
      // the read failure is the one to report
    }
  }
}
