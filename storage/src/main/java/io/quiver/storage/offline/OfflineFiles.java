package io.quiver.storage.offline;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.StoredRecord;
import java.util.List;

/**
 * The offline store's files for writers outside the store, such as the Spark connector: the
 * flusher's encoder (columns, footer checksum, format version) and the layout's partition folders
 * and file names, so that what they write is indistinguishable from a flush. Stateless.
 */
public final class OfflineFiles {
  private OfflineFiles() {}

  /** The partition folder of an event time: {@code year=YYYY/month=MM/day=DD/hour=HH}. */
  public static String partition(long eventTimeMicros) {
    return OfflineLayout.partition(eventTimeMicros);
  }

  /** The hour of an event time counted from the epoch: equal for the times of one partition. */
  public static long hourOf(long eventTimeMicros) {
    return OfflineLayout.hourOf(eventTimeMicros);
  }

  /**
   * A file name of the layout for a file whose latest event time is {@code latestEventTimeMicros}:
   * {@code <yyyyMMdd'T'HHmmss'Z'>_<16 alphanumerics derived from seed>.parquet}. Equal seeds give
   * equal names, so a re-run writer replaces its own files instead of adding copies.
   */
  public static String fileName(long latestEventTimeMicros, String seed) {
    return OfflineLayout.fileName(latestEventTimeMicros, OfflineLayout.tag(seed));
  }

  /**
   * Encodes one offline file of {@code group} from rows that share a partition, in file order
   * (event time, then arrival), every row carrying {@code writeTimeMicros} as its {@code
   * write_time}.
   *
   * @throws java.io.UncheckedIOException if Parquet fails to encode the rows
   */
  public static byte[] encode(
      FeatureGroup group, List<StoredRecord> rows, long writeTimeMicros, ParquetCodec codec) {
    try (OfflineFileWriter writer = new OfflineFileWriter(codec)) {
      return writer.write(group, new RecordFileRows(group, rows, writeTimeMicros));
    }
  }
}
