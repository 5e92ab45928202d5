package io.quiver.wrangler.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file with a header line (RFC 4180 quoting, UTF-8) through commons-csv. Cells are
 * text; an empty cell is {@code null}. Positions are {@code file:line}, the line where the record
 * ends (the same as where it starts unless a quoted cell spans lines).
 */
final class CsvSource implements RowStream {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .get();

  private final String name;
  private final SourceFile file;
  private final CountingInputStream counted;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> columns;

  private CsvSource(String name, SourceFile file, CountingInputStream counted, CSVParser parser) {
    this.name = name;
    this.file = file;
    this.counted = counted;
    this.parser = parser;
    this.records = parser.iterator();
    this.columns = List.copyOf(parser.getHeaderNames());
  }

  static CsvSource open(SourceFile file) {
    CountingInputStream counted = new CountingInputStream(file.openStream());
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(file.decompress(counted), UTF_8), 1 << 16);
      skipByteOrderMark(reader);
      return new CsvSource(
          file.name(),
          file,
          counted,
          CSVParser.builder().setReader(reader).setFormat(FORMAT).get());
    } catch (IOException | IllegalArgumentException e) {
      closeQuietly(counted);
      throw new SourceException("Cannot read " + file.name() + ": " + e.getMessage(), e);
    }
  }

  /** Skips a UTF-8 byte order mark, which spreadsheet exports put before the header. */
  private static void skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceRow read() {
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException e) {
      throw new SourceException(
          "Cannot read "
              + name
              + ":"
              + (parser.getCurrentLineNumber() + 1)
              + ": "
              + requireNonNull(e.getCause()).getMessage(),
          e);
    }
    String position = name + ":" + parser.getCurrentLineNumber();
    if (record.size() > columns.size()) {
      throw new SourceException(
          "Cannot read "
              + position
              + ": the row has "
              + record.size()
              + " cells but the header names "
              + columns.size()
              + " columns");
    }
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < record.size(); i++) {
      String cell = record.get(i);
      values[i] = cell.isEmpty() ? null : cell;
    }
    return new SourceRow(position, columns, Arrays.asList(values));
  }

  @Override
  public double fractionRead() {
    long size = file.size();
    return size <= 0 ? Double.NaN : Math.min(1.0, (double) counted.count() / size);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + name, e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception suppressed) {
      // the open failure is the one to report
    }
  }
}
