package io.quiver.wrangler.importer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.source.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Design: RFC 4180 as the row-by-row CSV reader (query.csv.CsvReader) applies it, checked by a
 * differential test: fields split at commas, records at \n, \r\n or \r; empty lines skipped,
 * blanks kept (a line of blanks is a record); a field opening with a quote runs to the closing
 * quote, "" inside standing for one quote, and may be followed only by blanks (control characters
 * and spaces, which are dropped) before a comma or the end of the record; quotes inside an
 * unquoted field are text; an empty cell is no value; a row with more cells than the header is an
 * error. The values stay UTF-8
 * bytes, copied once into one array per column; a cell that is not valid UTF-8 is decoded and
 * encoded again, as the row reader's decoder would have replaced it.
 */

/**
 * Parses the records of one byte range of a CSV file into a batch of UTF-8 text columns. The range
 * must start at a record boundary; the parse reports whether it also ended at one, which is how a
 * split made without reading the file first is verified. Not thread-safe; one per chunk.
 */
final class CsvChunkParser {
  private final int columnCount;
  private final Column[] columns;
  private int rows;
  private int[] rowLines = new int[1024];
  private int lineBreaks;
  private boolean atEndOfFile;

  CsvChunkParser(int columnCount) {
    this.columnCount = columnCount;
    this.columns = new Column[columnCount];
    for (int c = 0; c < columnCount; c++) {
      columns[c] = new Column();
    }
  }

  /**
   * The outcome of parsing a chunk.
   *
   * @param batch the rows, one UTF-8 vector per column
   * @param rowLines per row, the line it starts on, counted from the chunk's first line as 1
   * @param lineBreaks the line breaks in the chunk
   * @param complete whether the chunk ended at a record boundary (false: the split was wrong)
   * @param problem what is malformed in the first malformed record, where the parse stopped, or
   *     {@code null}
   * @param problemLine the line of that record, counted as {@code rowLines} are
   */
  record Parsed(
      ColumnBatch batch,
      int[] rowLines,
      int lineBreaks,
      boolean complete,
      @Nullable String problem,
      int problemLine) {

    /**
     * Throws the problem, if any, as an error at its line in {@code fileName}, whose first line in
     * this chunk is {@code firstLine}.
     *
     * @throws SourceException if the chunk has a malformed record
     */
    void checkWellFormed(String fileName, long firstLine) {
      if (problem != null) {
        throw new SourceException(
            "Cannot read " + fileName + ":" + (firstLine + problemLine - 1) + ": " + problem);
      }
    }
  }

  /** A malformed record: what is wrong and on which line of the chunk it starts. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    Malformed(String problem, int line) {
      super(problem, null, false, false);
      this.line = line;
    }
  }

  /**
   * The index after the first record of {@code bytes[start, end)} (a header), found by quote
   * parity: a line break ends the record unless it is inside quotes; {@code end} if none does.
   */
  static int endOfFirstRecord(byte[] bytes, int start, int end) {
    boolean quoted = false;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && (b == '\n' || b == '\r')) {
        return b == '\r' && i + 1 < end && bytes[i + 1] == '\n' ? i + 2 : i + 1;
      }
    }
    return end;
  }

  /**
   * Parses {@code bytes[start, end)}; {@code atEndOfFile} tells whether {@code end} is the end of
   * the file (a last record may then lack its line break).
   *
   * <p>A malformed record stops the parse; {@link Parsed#problem} says what is wrong.
   */
  Parsed parse(byte[] bytes, int start, int end, boolean atEndOfFile) {
    this.atEndOfFile = atEndOfFile;
    int i = start;
    try {
      while (i < end) {
        if (bytes[i] == '\n' || bytes[i] == '\r') {
          i = afterLineBreak(bytes, i, end); // an empty line is skipped
          continue;
        }
        i = parseRecord(bytes, i, end);
        if (i < 0) {
          return new Parsed(batch(), rowLines(), lineBreaks, false, null, 0);
        }
      }
      return new Parsed(batch(), rowLines(), lineBreaks, true, null, 0);
    } catch (Malformed e) {
      return new Parsed(batch(), rowLines(), lineBreaks, true, e.getMessage(), e.line);
    }
  }

  /**
   * Parses the record at {@code i}; returns where the next starts, or -1 if it runs past the end.
   */
  private int parseRecord(byte[] bytes, int i, int end) {
    int recordLine = lineBreaks + 1;
    int cell = 0;
    while (true) {
      int cellEnd;
      if (i < end && bytes[i] == '"') {
        cellEnd = quoted(bytes, i + 1, end, cell, recordLine);
        if (cellEnd < 0) {
          if (!atEndOfFile) {
            return -1;
          }
          throw new Malformed(
              "a quoted cell is not closed before the end of the file (expected: a closing quote)",
              recordLine);
        }
      } else {
        cellEnd = i;
        while (cellEnd < end
            && bytes[cellEnd] != ','
            && bytes[cellEnd] != '\n'
            && bytes[cellEnd] != '\r') {
          cellEnd++;
        }
        if (cellEnd == end && !atEndOfFile) {
          return -1;
        }
        store(cell, bytes, i, cellEnd);
      }
      cell++;
      if (cellEnd == end) {
        finishRow(cell, recordLine);
        return end;
      }
      if (bytes[cellEnd] != ',') {
        finishRow(cell, recordLine);
        return afterLineBreak(bytes, cellEnd, end);
      }
      i = cellEnd + 1;
    }
  }

  /**
   * Reads a quoted cell whose content starts at {@code i}; returns the index after its closing
   * quote, or -1 if the range ends first.
   */
  private int quoted(byte[] bytes, int i, int end, int cell, int recordLine) {
    Column column = cell < columnCount ? columns[cell] : null;
    int startSize = column == null ? 0 : column.size;
    int runStart = i;
    while (i < end) {
      byte b = bytes[i];
      if (b == '"') {
        if (i + 1 < end && bytes[i + 1] == '"') {
          // An escaped quote: keep the text up to and including the first of the two.
          if (column != null) {
            column.append(bytes, runStart, i + 1 - runStart);
          }
          i += 2;
          runStart = i;
          continue;
        }
        if (i + 1 == end && !atEndOfFile) {
          return -1; // the byte after the range may be a second quote
        }
        int after = i + 1;
        while (after < end && isBlank(bytes[after])) {
          after++;
        }
        if (after == end && !atEndOfFile) {
          return -1; // the blanks may run on past the range
        }
        if (after < end && bytes[after] != ',' && bytes[after] != '\n' && bytes[after] != '\r') {
          throw new Malformed(
              "text after the closing quote of a quoted cell (expected: a comma or the end of the"
                  + " line)",
              recordLine);
        }
        if (column != null) {
          column.append(bytes, runStart, i - runStart);
          column.endCell(startSize);
        }
        return after;
      }
      if (b == '\n' || (b == '\r' && (i + 1 == end || bytes[i + 1] != '\n'))) {
        lineBreaks++;
      }
      i++;
    }
    return -1;
  }

  /** A control character or space other than a line break: ignored after a closing quote. */
  private static boolean isBlank(byte b) {
    return b >= 0 && b <= ' ' && b != '\n' && b != '\r';
  }

  /** Stores the unquoted cell {@code bytes[start, end)}; a cell past the header is only counted. */
  private void store(int cell, byte[] bytes, int start, int end) {
    if (cell < columnCount) {
      Column column = columns[cell];
      int startSize = column.size;
      column.append(bytes, start, end - start);
      column.endCell(startSize);
    }
  }

  /** Ends a row of {@code cells} cells that started on {@code line}, as the row reader counts. */
  private void finishRow(int cells, int line) {
    if (cells > columnCount) {
      throw new Malformed(
          "the row has " + cells + " cells but the header names " + columnCount + " columns", line);
    }
    for (int c = cells; c < columnCount; c++) {
      columns[c].missing();
    }
    if (rows == rowLines.length) {
      rowLines = Arrays.copyOf(rowLines, rows * 2);
    }
    rowLines[rows++] = line;
  }

  private int afterLineBreak(byte[] bytes, int i, int end) {
    lineBreaks++;
    return bytes[i] == '\r' && i + 1 < end && bytes[i + 1] == '\n' ? i + 2 : i + 1;
  }

  private ColumnBatch batch() {
    List<ColumnVector> vectors = new ArrayList<>(columnCount);
    for (Column column : columns) {
      vectors.add(column.vector(rows));
    }
    return new ColumnBatch(rows, vectors);
  }

  private int[] rowLines() {
    return Arrays.copyOf(rowLines, rows);
  }

  /** One column's bytes, cell ends and nulls, growing as rows are added. */
  private static final class Column {
    private byte[] bytes = new byte[1 << 14];
    private int size;
    private int[] ends = new int[1024];
    private int cells;
    private final BitSet nulls = new BitSet();

    void append(byte[] source, int start, int length) {
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
      }
      System.arraycopy(source, start, bytes, size, length);
      size += length;
    }

    /** Ends the cell begun at {@code startSize}: empty is no value, bad UTF-8 is repaired. */
    void endCell(int startSize) {
      if (size == startSize) {
        nulls.set(cells);
      } else if (!isAscii(bytes, startSize, size)) {
        byte[] repaired = new String(bytes, startSize, size - startSize, UTF_8).getBytes(UTF_8);
        size = startSize;
        append(repaired, 0, repaired.length);
      }
      end();
    }

    /** The row had no cell for this column. */
    void missing() {
      nulls.set(cells);
      end();
    }

    private void end() {
      if (cells == ends.length) {
        ends = Arrays.copyOf(ends, cells * 2);
      }
      ends[cells++] = size;
    }

    ColumnVector vector(int rows) {
      int[] offsets = new int[rows + 1];
      System.arraycopy(ends, 0, offsets, 1, rows);
      return ColumnVector.utf8(bytes, offsets, nulls);
    }

    private static boolean isAscii(byte[] bytes, int start, int end) {
      for (int i = start; i < end; i++) {
        if (bytes[i] < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
