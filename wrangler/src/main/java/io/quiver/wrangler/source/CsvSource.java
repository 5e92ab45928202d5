package io.quiver.wrangler.source;

import io.quiver.query.csv.CsvReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file with a header line through Quiver's one CSV reader ({@link CsvReader}: RFC 4180
 * quoting, UTF-8, a byte order mark skipped). Cells are text; an empty cell is {@code null}.
 * Positions are {@code file:line}, the line where the record starts.
 */
final class CsvSource implements RowStream {
  private final SourceFile file;
  private final CountingInputStream counted;
  private final CsvReader csv;
  private final List<String> columns;

  private CsvSource(SourceFile file, CountingInputStream counted, CsvReader csv) {
    this.file = file;
    this.counted = counted;
    this.csv = csv;
    this.columns = csv.header();
  }

  /** Refuses a header naming a column twice: a cell would not say which column it is. */
  private static void checkHeader(String name, List<String> header) {
    Set<String> seen = new HashSet<>();
    for (String column : header) {
      if (!column.isEmpty() && !seen.add(column)) {
        throw new SourceException(
            "Cannot read " + name + ": the header names column '" + column + "' twice");
      }
    }
  }

  static CsvSource open(SourceFile file) {
    CountingInputStream counted = new CountingInputStream(file.openStream());
    CsvReader csv;
    try {
      csv = CsvReader.open(file.decompress(counted), file.name());
    } catch (UncheckedIOException e) {
      closeQuietly(counted);
      throw new SourceException(e.getMessage(), e);
    }
    try {
      checkHeader(file.name(), csv.header());
    } catch (SourceException e) {
      csv.close();
      throw e;
    }
    return new CsvSource(file, counted, csv);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceRow read() {
    String[] cells;
    try {
      cells = csv.next();
    } catch (UncheckedIOException e) {
      throw new SourceException(e.getMessage(), e);
    }
    if (cells == null) {
      return null;
    }
    String position = csv.position();
    if (cells.length > columns.size()) {
      throw new SourceException(
          "Cannot read "
              + position
              + ": the row has "
              + cells.length
              + " cells but the header names "
              + columns.size()
              + " columns");
    }
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      values[i] = cells[i].isEmpty() ? null : cells[i];
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
    csv.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception suppressed) {
      // the open failure is the one to report
    }
  }
}
