package io.quiver.wrangler.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A stream of rows to import, read once from start to end. Open one with {@link #open(String,
 * SourceOptions)} (files, globs, {@code s3://} URIs) or {@link #jdbc(String, String, Properties)}.
 *
 * <p>Not thread-safe: one thread reads a source. Close it to release files, connections and
 * temporary downloads; {@code close()} is idempotent.
 */
public interface ImportSource extends AutoCloseable {

  /**
   * Opens the files at {@code location}: a local file, a local glob such as {@code data/*.csv}, an
   * {@code s3://bucket/key} URI, or an {@code s3://bucket/prefix/} or {@code s3://bucket/*.csv}
   * pattern. The files are read one after another, in name order.
   *
   * @throws IllegalArgumentException if the location matches no file or a format cannot be told
   * @throws java.io.UncheckedIOException if a file cannot be opened
   */
  static ImportSource open(String location, SourceOptions options) {
    return FileSetSource.open(location, options);
  }

  /**
   * Runs {@code query} on the JDBC database at {@code url} and streams its result. The driver must
   * be on the class path; credentials go in {@code properties} ({@code user}, {@code password}) or
   * in the URL.
   *
   * @throws SourceException if the connection or the query fails
   */
  static ImportSource jdbc(String url, String query, Properties properties) {
    return JdbcSource.open(url, query, properties);
  }

  /**
   * The columns of the current input, known before the first row for every format but JSON, whose
   * columns are those of the first object read (an empty list before it).
   */
  List<String> columns();

  /**
   * Whether values are untyped text (CSV), whose types schema inference must guess, rather than
   * values of declared types.
   */
  boolean textual();

  /**
   * Reads the next row.
   *
   * @return the row, or {@code null} at the end of the input
   * @throws SourceException if the input is malformed (the message names the position)
   * @throws java.io.UncheckedIOException if reading fails
   */
  @Nullable SourceRow next();

  /**
   * Reads ahead up to {@code count} rows without consuming them: {@link #next()} returns them
   * first. Used by schema inference to look at a sample before the import reads everything.
   *
   * @throws SourceException if the input is malformed
   */
  List<SourceRow> peek(int count);

  /**
   * The files of this source when they are all local, uncompressed CSV files, in reading order;
   * empty for any other source. A bulk import reads such files itself, in parallel.
   */
  default List<Path> localCsvFiles() {
    return List.of();
  }

  /** How much of the input has been read, from 0 to 1, or {@code NaN} if unknown. */
  double fractionRead();

  /** Closes the source; idempotent. */
  @Override
  void close();
}
