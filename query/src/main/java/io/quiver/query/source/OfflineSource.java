package io.quiver.query.source;

import io.quiver.storage.catalog.FeatureGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The offline history of feature groups as the query engine reads it: the Parquet files already in
 * the offline store plus the rows still staged for it. This is the whole contract between the
 * offline store and SQL; an implementation must be thread-safe.
 *
 * <p>Files: every {@code *.parquet} file under the group's {@code .../data} folder, in SageMaker's
 * layout {@code data/year=YYYY/month=MM/day=DD/hour=HH/<name>.parquet} (the hour of the event time,
 * UTC), including files written by other engines (Spark, Athena). The query engine reads the {@code
 * year/month/day/hour} values from the path to prune partitions, so the paths must keep them.
 * Columns: each scalar feature under its own name (Integral INT64 or INT32, Fractional DOUBLE or
 * FLOAT, String BINARY UTF8), {@code write_time} and {@code api_invocation_time} as INT64 TIMESTAMP
 * (MILLIS, MICROS or NANOS) or INT96, {@code is_deleted} BOOLEAN. A file may lack features added to
 * the group after it was written (they read as null). A file must be complete when listed (written
 * under a temporary name, then renamed).
 *
 * <p>Staged rows: the acknowledged rows not yet in any listed file (read your writes). A row must
 * not be both staged and in a listed file of the same call sequence; an implementation meets this
 * by listing the staged rows first, then the files, and dropping staged rows whose flush completed
 * in between (the query engine calls {@link #stagedRows} before {@link #files}).
 */
public interface OfflineSource {

  /** The feature groups to expose, in any order; names are unique. */
  List<FeatureGroup> featureGroups();

  /**
   * The Parquet files of {@code group}'s offline store.
   *
   * @throws java.io.UncheckedIOException if the folder cannot be listed
   */
  List<Path> files(FeatureGroup group);

  /**
   * The rows of {@code group} acknowledged but not yet flushed to a listed file, in any order. The
   * caller closes the iterator.
   */
  CloseableIterator<OfflineRow> stagedRows(FeatureGroup group);

  /**
   * A source over a local folder in SageMaker's layout, {@code
   * <base>/<account>/sagemaker/<region>/offline-store/<group>-<creation epoch>/data/...}, with no
   * staged rows.
   *
   * @param base the offline store base folder (what {@code file://} S3Uri points at)
   */
  static OfflineSource localFolder(
      Path base, String account, String region, List<FeatureGroup> groups) {
    return new LocalOfflineSource(
        groups, g -> LocalOfflineSource.dataFolder(base, account, region, g), null);
  }

  /**
   * A source over local folders, with staged rows from {@code staged}.
   *
   * @param dataFolder the {@code .../data} folder of each group
   * @param staged the staged rows of each group
   */
  static OfflineSource of(
      List<FeatureGroup> groups,
      Function<FeatureGroup, Path> dataFolder,
      Function<FeatureGroup, CloseableIterator<OfflineRow>> staged) {
    return new LocalOfflineSource(groups, dataFolder, staged);
  }
}
