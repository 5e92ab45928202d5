package io.quiver.wrangler.analyze.input;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.executor.RunListener;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a dataset as column batches, read once. {@link #next()} may be called from several
 * threads at once: sources that can decode in parallel (Parquet row groups) do; the others hand out
 * batches one caller at a time. Close it to release files and connections; {@code close()} is
 * idempotent.
 */
public interface BatchSource extends AutoCloseable {

  /** The columns, in the order of every batch's vectors. */
  List<AnalysisColumn> columns();

  /**
   * The next batch, or {@code null} once every batch has been handed out. Thread-safe.
   *
   * @throws io.quiver.wrangler.source.SourceException if the input is malformed
   * @throws java.io.UncheckedIOException if reading fails
   */
  @Nullable SourceBatch next();

  /** How much has been read, 0 to 1, or {@code NaN} if unknown. Thread-safe. */
  double fractionRead();

  /**
   * How many values of column {@code column} could not be read as its kind (text in a numeric
   * column, for example) and were read as null; known once every batch has been handed out.
   */
  default long invalidValues(int column) {
    return 0;
  }

  @Override
  void close();

  /**
   * A source over batches the caller already has (the monitoring and pipeline steps pass theirs),
   * numbered in iteration order.
   *
   * @throws IllegalArgumentException if a batch has a different number of columns
   */
  static BatchSource of(List<AnalysisColumn> columns, Iterator<ColumnBatch> batches) {
    return new IteratorBatchSource(columns, batches);
  }

  /**
   * The rows a flow hands node {@code nodeId} (an analysis node's input), computed by {@code
   * runner} while the profile reads them; list columns are left out.
   *
   * @throws io.quiver.wrangler.flow.FlowException naming the node that is missing or cannot run
   */
  static BatchSource flowNode(
      FlowRunner runner, Flow flow, String nodeId, Map<String, String> parameters) {
    return new FrameBatchSource(runner.stream(flow, nodeId, parameters, RunListener.silent()));
  }

  /**
   * Opens local Parquet files ({@code files} non-empty, same columns), read a row group at a time
   * on as many threads as call {@link #next()}. Columns are those of the first file.
   *
   * @throws java.io.UncheckedIOException if a file cannot be opened
   */
  static BatchSource parquet(List<Path> files) {
    return ParquetBatchSource.open(files);
  }

  /**
   * Opens the files at {@code location} (a file, a glob, an {@code s3://} URI or prefix; CSV, JSON,
   * Parquet or ORC) through the import sources. Local Parquet files are read column by column in
   * parallel; other inputs row by row, with CSV text typed from the first {@code typingRows} rows
   * (a later value that does not fit its column's type counts as invalid).
   *
   * @throws IllegalArgumentException if the location matches no file
   */
  static BatchSource files(String location, SourceOptions options, int typingRows) {
    List<Path> parquet = ParquetBatchSource.localParquetFiles(location, options);
    if (!parquet.isEmpty()) {
      return parquet(parquet);
    }
    return rows(ImportSource.open(location, options), typingRows);
  }

  /**
   * A source over the rows of an import source (which it closes), typed from its first {@code
   * typingRows} rows.
   */
  static BatchSource rows(ImportSource rows, int typingRows) {
    return RowBatchSource.open(rows, typingRows);
  }

  /**
   * The result of {@code sql} over an offline history (one table per feature group, flushed and
   * staged rows); the caller keeps the history open until the source is closed.
   *
   * @throws IllegalArgumentException if the query is refused (with its position)
   */
  static BatchSource sql(OfflineHistory offline, String sql) {
    return sql(offline, sql, null);
  }

  /**
   * The result of {@code sql} over a data directory's offline store (one table per feature group,
   * flushed and staged rows). Closing the source closes {@code owner} (the store the history comes
   * from, say) last.
   *
   * @throws IllegalArgumentException if the query is refused (with its position)
   */
  static BatchSource sql(OfflineHistory offline, String sql, @Nullable AutoCloseable owner) {
    return OfflineQuery.run(offline, sql, "the query", owner);
  }

  /**
   * A feature group's features: its whole offline history, or with {@code latest} its latest
   * non-deleted record per record identifier (what a training set sees). Closing the source closes
   * {@code owner} last.
   *
   * @throws io.quiver.storage.error.ResourceNotFoundException if there is no such group
   * @throws io.quiver.storage.error.ValidationException if it has no offline store
   */
  static BatchSource featureGroup(
      OfflineHistory offline, String group, boolean latest, @Nullable AutoCloseable owner) {
    return OfflineQuery.featureGroup(offline, group, latest, owner);
  }

  /**
   * A source over a JDBC result, which it closes together with {@code owner} (the statement and
   * connection, say). Column kinds come from the result's metadata.
   *
   * @throws io.quiver.wrangler.source.SourceException if the result cannot be read
   */
  static BatchSource resultSet(String name, ResultSet result, @Nullable AutoCloseable owner) {
    return ResultSetBatchSource.open(name, result, owner);
  }
}
