package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** Test fixture: a small table of text cells that feeds analyses in memory or as a CSV file. */
public final class Table {
  private final List<String> header;
  private final List<String[]> rows;

  private Table(List<String> header, List<String[]> rows) {
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
  }

  /** A table from a comma-separated header and comma-separated rows. */
  public static Table of(String header, String... rows) {
    List<String[]> parsed = new ArrayList<>();
    for (String row : rows) {
      parsed.add(row.split(",", -1));
    }
    return new Table(Arrays.asList(header.split(",")), parsed);
  }

  /** A table from columns of equal length, each given as a header name and its values. */
  public static Table columns(String[] names, Object[]... columns) {
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < columns[0].length; r++) {
      String[] row = new String[columns.length];
      for (int c = 0; c < columns.length; c++) {
        row[c] = String.valueOf(columns[c][r]);
      }
      rows.add(row);
    }
    return new Table(Arrays.asList(names), rows);
  }

  public List<String> header() {
    return header;
  }

  public List<String[]> rows() {
    return rows;
  }

  /** Analyses the table in memory. */
  public BiasAnalysis analyze(BiasConfig config) {
    try (BiasRowSource source = source(config.columns())) {
      return BiasAnalyzer.analyze(config, source);
    }
  }

  /** An in-memory source over the named columns. */
  public BiasRowSource source(BiasColumns columns) {
    int facet = index(columns.facet());
    int label = index(columns.label());
    int predicted = columns.predictedLabel() == null ? -1 : index(columns.predictedLabel());
    int group = columns.groupVariable() == null ? -1 : index(columns.groupVariable());
    return new BiasRowSource() {
      private int next;
      private String @Nullable [] row;

      @Override
      public BiasColumns columns() {
        return columns;
      }

      @Override
      public String name() {
        return "table";
      }

      @Override
      public boolean next() {
        if (next == rows.size()) {
          return false;
        }
        row = rows.get(next++);
        return true;
      }

      @Override
      public String facet() {
        return requireNonNull(row)[facet];
      }

      @Override
      public String label() {
        return requireNonNull(row)[label];
      }

      @Override
      public @Nullable String predictedLabel() {
        return predicted < 0 ? null : requireNonNull(row)[predicted];
      }

      @Override
      public @Nullable String groupVariable() {
        return group < 0 ? null : requireNonNull(row)[group];
      }

      @Override
      public void close() {}
    };
  }

  /** Writes the table as CSV with a header row; gzip when the name ends with .gz. */
  public Path writeCsv(Path file) {
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (String[] row : rows) {
      csv.append(String.join(",", row)).append('\n');
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out =
        file.toString().endsWith(".gz")
            ? new GZIPOutputStream(Files.newOutputStream(file))
            : Files.newOutputStream(file)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private int index(String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("column: " + column + " (expected one of " + header + ")");
    }
    return i;
  }
}
