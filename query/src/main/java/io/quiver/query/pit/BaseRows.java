package io.quiver.query.pit;

import io.quiver.query.QuiverSql;
import io.quiver.query.csv.CsvReader;
import io.quiver.query.history.HistoryScan;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnBatchBuilder;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ColumnSpec;
import io.quiver.storage.parquet.ParquetColumnReader;
import io.quiver.storage.parquet.ScanStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Base rows read from a file or a query: the columns, the identifier and the event time of each
 * row. Read-only once built.
 *
 * @param names the column names
 * @param kinds the column kinds
 * @param batch the values
 * @param ids per row the identifier, or null
 * @param eventMicros per row the event time, {@link Long#MIN_VALUE} if missing
 */
record BaseRows(
    List<String> names,
    List<ColumnKind> kinds,
    ColumnBatch batch,
    @Nullable String[] ids,
    long[] eventMicros) {

  static BaseRows ofParquet(
      Path file, String idColumn, String timeColumn, ScanStatistics statistics) {
    List<ColumnSpec> specs;
    ColumnBatch batch;
    try (ReadableObject input = ReadableObject.local(file)) {
      specs = ParquetColumnReader.columnsOf(input);
      batch = new ParquetColumnReader(statistics).read(input, specs, null, null);
    }
    return of(
        specs.stream().map(ColumnSpec::name).toList(),
        specs.stream().map(ColumnSpec::kind).toList(),
        batch,
        idColumn,
        timeColumn);
  }

  static BaseRows ofCsv(Path file, String idColumn, String timeColumn) {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read base file " + file, e);
    }
    try (CsvReader csv = CsvReader.open(in, file.toString())) {
      List<String> names = csv.header();
      if (names.isEmpty()) {
        throw new IllegalArgumentException(
            "file: " + file + " (expected: a CSV file with a header line)");
      }
      List<ColumnKind> kinds = names.stream().map(n -> ColumnKind.STRING).toList();
      ColumnBatchBuilder builder = new ColumnBatchBuilder(kinds);
      for (String[] cells = csv.next(); cells != null; cells = csv.next()) {
        Object[] row = new Object[names.size()];
        for (int i = 0; i < row.length && i < cells.length; i++) {
          row[i] = cells[i].isEmpty() ? null : cells[i];
        }
        builder.add(row);
      }
      return of(names, kinds, builder.build(), idColumn, timeColumn);
    }
  }

  static BaseRows ofQuery(
      OfflineHistory history,
      String sql,
      String idColumn,
      String timeColumn,
      ScanStatistics statistics)
      throws SQLException {
    try (Connection connection = QuiverSql.connect(history, statistics);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>();
      List<ColumnKind> kinds = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
        kinds.add(
            switch (meta.getColumnType(i)) {
              case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ColumnKind.LONG;
              case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC ->
                  ColumnKind.DOUBLE;
              case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnKind.TIMESTAMP_MICROS;
              case Types.BOOLEAN -> ColumnKind.BOOLEAN;
              default -> ColumnKind.STRING;
            });
      }
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      ColumnBatchBuilder builder = new ColumnBatchBuilder(kinds);
      while (rs.next()) {
        Object[] row = new Object[names.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] =
              switch (kinds.get(i)) {
                case TIMESTAMP_MICROS -> {
                  Timestamp t = rs.getTimestamp(i + 1, utc);
                  yield t == null ? null : t.getTime() * 1000L;
                }
                case STRING -> rs.getString(i + 1);
                default -> rs.getObject(i + 1);
              };
        }
        builder.add(row);
      }
      return of(names, kinds, builder.build(), idColumn, timeColumn);
    }
  }

  private static BaseRows of(
      List<String> names,
      List<ColumnKind> kinds,
      ColumnBatch batch,
      String idColumn,
      String timeColumn) {
    int id = names.indexOf(idColumn);
    int time = names.indexOf(timeColumn);
    if (id < 0) {
      throw new IllegalArgumentException(
          "identifierColumn: " + idColumn + " (expected: one of " + names + ")");
    }
    if (time < 0) {
      throw new IllegalArgumentException(
          "eventTimeColumn: " + timeColumn + " (expected: one of " + names + ")");
    }
    ColumnVector idVector = batch.column(id);
    String[] ids = new String[batch.rowCount()];
    for (int r = 0; r < ids.length; r++) {
      Object v = idVector.get(r);
      ids[r] = v == null ? null : v.toString();
    }
    return new BaseRows(
        List.copyOf(names), List.copyOf(kinds), batch, ids, eventMicros(batch.column(time)));
  }

  /** Event times from a timestamp, epoch-seconds or ISO-8601 column. */
  static long[] eventMicros(ColumnVector v) {
    long[] micros = new long[v.size()];
    for (int r = 0; r < micros.length; r++) {
      if (v.isNull(r)) {
        micros[r] = Long.MIN_VALUE;
        continue;
      }
      micros[r] =
          switch (v.kind()) {
            case TIMESTAMP_MICROS -> v.getLong(r);
            case DOUBLE -> Math.round(v.getDouble(r) * 1_000_000d);
            case LONG, BOOLEAN -> v.getLong(r) * 1_000_000L;
            case STRING -> parseText(v.getString(r));
            case LIST ->
                throw new IllegalArgumentException(
                    "Cannot read an event time from a list column (expected: a timestamp, number or string)");
          };
    }
    return micros;
  }

  private static long parseText(@Nullable String text) {
    if (text == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Math.round(Double.parseDouble(text) * 1_000_000d);
    } catch (NumberFormatException e) {
      return HistoryScan.parseIso(text);
    }
  }
}
