package io.quiver.clarify.bias.source;

import io.quiver.storage.offline.OfflineHistory;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A forward-only stream of the rows a bias analysis counts: per row, the text of the facet, the
 * label, and (when the {@link BiasColumns} name them) the predicted label and the group variable.
 *
 * <p>Usage: {@code while (source.next()) { source.facet(); ... }}. The accessors describe the
 * current row and are valid only after {@link #next()} returned {@code true}. A missing value (an
 * empty CSV field, a Parquet null) reads as the empty string. Numbers read as their shortest
 * round-tripping decimal text ({@code 1}, {@code 0.5}), so a CSV file and a Parquet file with the
 * same values give the same text up to integer-versus-floating typing ({@code 1} versus {@code
 * 1.0}), which value lists compare numerically.
 *
 * <p>Not thread-safe. Implementations own an open file: close them, preferably with
 * try-with-resources; {@link #close()} is idempotent.
 */
public interface BiasRowSource extends AutoCloseable {

  /** The columns this source reads. */
  BiasColumns columns();

  /** What this source reads, for messages (for example a file name). */
  String name();

  /**
   * Advances to the next row.
   *
   * @return {@code false} when there are no more rows
   * @throws java.io.UncheckedIOException if the underlying data cannot be read
   * @throws io.quiver.storage.error.ValidationException if a row is malformed (too few fields)
   */
  boolean next();

  /** The facet value of the current row. */
  String facet();

  /** The label of the current row. */
  String label();

  /**
   * The predicted label of the current row, or {@code null} if no predicted-label column is read.
   */
  @Nullable String predictedLabel();

  /** The group variable of the current row, or {@code null} if no group-variable column is read. */
  @Nullable String groupVariable();

  /** Closes the underlying file; idempotent. */
  @Override
  void close();

  /**
   * Opens a file by its extension: {@code .csv}, {@code .csv.gz} or {@code .parquet}.
   *
   * @throws IllegalArgumentException if the extension is none of these
   * @throws java.io.UncheckedIOException if the file cannot be opened
   * @throws io.quiver.storage.error.ValidationException if a column is missing from the file
   */
  static BiasRowSource open(Path file, BiasColumns columns) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return csv(file, columns);
    }
    if (name.endsWith(".parquet")) {
      return parquet(file, columns);
    }
    throw new IllegalArgumentException(
        "Cannot tell the format of "
            + file
            + " (expected: a name ending .csv, .csv.gz or .parquet)");
  }

  /**
   * Opens a CSV file whose first row names the columns; a name ending {@code .gz} is read as gzip.
   *
   * @throws java.io.UncheckedIOException if the file cannot be opened
   * @throws io.quiver.storage.error.ValidationException if a column is missing from the header
   */
  static BiasRowSource csv(Path file, BiasColumns columns) {
    return CsvBiasRowSource.open(file, columns);
  }

  /**
   * Opens a Parquet file; only the needed columns are read, which must be top-level primitives.
   *
   * @throws java.io.UncheckedIOException if the file cannot be opened
   * @throws io.quiver.storage.error.ValidationException if a column is missing or not primitive
   */
  static BiasRowSource parquet(Path file, BiasColumns columns) {
    return ParquetBiasRowSource.open(file, columns);
  }

  /**
   * Runs a SQL query over offline history (see {@code docs/sql.md}: schema {@code quiver}, one
   * table per feature group) and streams its result; the columns are looked up by their labels.
   * Closing the source closes the query's connection.
   *
   * @throws IllegalArgumentException if the query is invalid (Calcite's message, with its position)
   * @throws io.quiver.storage.error.ValidationException if a column is missing from the result
   */
  static BiasRowSource query(OfflineHistory history, String sql, BiasColumns columns) {
    return OfflineStoreQuery.run(history, sql, "the query", columns);
  }

  /**
   * Streams a feature group's records as a training set sees them: per record identifier the latest
   * record of the offline store (flushed or staged), ranked by event time, then API invocation
   * time, then write time, left out when that record is a deletion.
   *
   * @throws io.quiver.storage.error.ResourceNotFoundException if there is no such group
   * @throws io.quiver.storage.error.ValidationException if the group has no offline store or lacks
   *     a column
   */
  static BiasRowSource featureGroup(OfflineHistory history, String group, BiasColumns columns) {
    return FeatureGroupSnapshot.open(history, group, columns);
  }

  /**
   * Streams an open JDBC result; closing the source closes {@code rows}. Values become text as the
   * file sources write them: integers {@code 1}, doubles {@code 0.5}, NULL the empty string.
   *
   * @param name what the rows are, for messages (for example {@code "the query"})
   * @throws io.quiver.storage.error.ValidationException if a column is missing from the result
   * @throws io.quiver.storage.error.StorageException if the result's metadata cannot be read
   */
  static BiasRowSource resultSet(ResultSet rows, String name, BiasColumns columns) {
    return JdbcBiasRowSource.open(name, columns, rows, rows);
  }
}
