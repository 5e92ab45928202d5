package io.quiver.query.history;

import static java.util.Objects.requireNonNull;

import io.quiver.query.parquet.HourPartition;
import io.quiver.query.source.CloseableIterator;
import io.quiver.query.source.OfflineRow;
import io.quiver.query.source.OfflineSource;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnBatchBuilder;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.parquet.ColumnSpec;
import io.quiver.storage.parquet.ParquetColumnReader;
import io.quiver.storage.parquet.ScanStatistics;
import io.quiver.storage.record.EventTimeFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A projected, pruned read of a feature group's history: files of hours outside the event-time
 * range are not opened, row groups whose statistics exclude the wanted identifiers are skipped, and
 * only the asked-for features are decoded. Pruning is conservative: returned batches may hold rows
 * outside the range or of other identifiers, and callers filter rows themselves.
 *
 * @param features the features to read (the event time feature is always read too)
 * @param fromMicros the lowest event time wanted, inclusive
 * @param toMicros the highest event time wanted, inclusive
 * @param identifiers the record identifiers wanted, or {@code null} for all
 */
public record HistoryScan(
    List<String> features, long fromMicros, long toMicros, @Nullable Set<String> identifiers) {

  /** Copies the parts. */
  public HistoryScan {
    features = List.copyOf(new LinkedHashSet<>(features));
    identifiers = identifiers == null ? null : Set.copyOf(identifiers);
  }

  /** A scan of {@code features} over all time and identifiers. */
  public static HistoryScan of(List<String> features) {
    return new HistoryScan(features, Long.MIN_VALUE, Long.MAX_VALUE, null);
  }

  /** This scan restricted to event times in {@code [fromMicros, toMicros]}. */
  public HistoryScan withEventTimeRange(long fromMicros, long toMicros) {
    return new HistoryScan(features, fromMicros, toMicros, identifiers);
  }

  /**
   * Reads the staged rows, then the files, of {@code group}, on the calling thread.
   *
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public List<HistoryBatch> read(
      OfflineSource source, FeatureGroup group, ScanStatistics statistics) {
    return read(source, group, statistics, Runnable::run);
  }

  /**
   * Reads the staged rows, then the files, of {@code group}, one task per file on {@code executor}
   * (the calling thread waits). Record identifier strings are interned across files and carry codes
   * ({@link ColumnVector#code}).
   *
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public List<HistoryBatch> read(
      OfflineSource source, FeatureGroup group, ScanStatistics statistics, Executor executor) {
    requireNonNull(source, "source");
    requireNonNull(executor, "executor");
    HistoryLayout layout = HistoryLayout.of(group);
    FeatureDefinition eventFeature = group.eventTime();
    List<String> names = new ArrayList<>(features);
    if (!names.contains(eventFeature.name())) {
      names.add(eventFeature.name());
    }
    List<ColumnSpec> specs = new ArrayList<>();
    for (String name : names) {
      FeatureDefinition feature =
          layout
              .feature(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "features: " + name + " (expected: a feature of " + group.name() + ")"));
      specs.add(HistoryLayout.spec(feature));
    }
    List<ColumnSpec> systemSpecs =
        List.of(
            new ColumnSpec(HistoryLayout.WRITE_TIME, ColumnKind.TIMESTAMP_MICROS),
            new ColumnSpec(HistoryLayout.API_INVOCATION_TIME, ColumnKind.TIMESTAMP_MICROS),
            new ColumnSpec(HistoryLayout.IS_DELETED, ColumnKind.BOOLEAN));
    List<ColumnSpec> allSpecs = new ArrayList<>(specs);
    allSpecs.addAll(systemSpecs);
    // is_deleted is read with the features (it costs nothing when its statistics say "all false");
    // the two times are read only if a caller asks for them.
    List<ColumnSpec> eagerSpecs = new ArrayList<>(specs);
    eagerSpecs.add(systemSpecs.get(2));
    List<ColumnSpec> lazySpecs = systemSpecs.subList(0, 2);
    int eventColumn = names.indexOf(eventFeature.name());
    FeatureType eventType = eventFeature.type();

    List<HistoryBatch> batches = new ArrayList<>();
    // Staged rows first: a row flushed in between is then seen in its file, not lost
    // (OfflineSource).
    ColumnBatch staged = readStaged(source, group, names, allSpecs);
    if (staged.rowCount() > 0) {
      int n = names.size();
      ColumnBatch features = new ColumnBatch(staged.rowCount(), staged.columns().subList(0, n));
      ColumnBatch system = new ColumnBatch(staged.rowCount(), staged.columns().subList(n, n + 3));
      batches.add(
          new HistoryBatch(
              names,
              features,
              eventMicros(staged.column(eventColumn), eventType),
              () -> system,
              null));
    }
    List<Path> files = new ArrayList<>();
    for (Path file : source.files(group)) {
      if (HourPartition.overlaps(HourPartition.startMicros(file), fromMicros, toMicros)) {
        files.add(file);
      } else {
        statistics.filePruned();
      }
    }
    String idName = group.recordIdentifier().name();
    IdentifierCodes codes = new IdentifierCodes();
    List<CompletableFuture<HistoryBatch>> pending = new ArrayList<>(files.size());
    for (Path file : files) {
      pending.add(
          CompletableFuture.supplyAsync(
              () -> {
                ColumnBatch batch;
                try (ReadableObject input = ReadableObject.local(file)) {
                  batch =
                      new ParquetColumnReader(statistics)
                          .read(input, eagerSpecs, idName, identifiers, codes);
                }
                ColumnVector deleted = batch.column(names.size());
                return new HistoryBatch(
                    names,
                    batch,
                    eventMicros(batch.column(eventColumn), eventType),
                    () -> {
                      ColumnBatch times;
                      try (ReadableObject input = ReadableObject.local(file)) {
                        times =
                            new ParquetColumnReader(statistics)
                                .read(input, lazySpecs, idName, identifiers);
                      }
                      return new ColumnBatch(
                          times.rowCount(), List.of(times.column(0), times.column(1), deleted));
                    },
                    deleted);
              },
              executor));
    }
    for (CompletableFuture<HistoryBatch> batch : pending) {
      batches.add(await(batch));
    }
    return batches;
  }

  private static HistoryBatch await(CompletableFuture<HistoryBatch> batch) {
    try {
      return batch.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private static ColumnBatch readStaged(
      OfflineSource source, FeatureGroup group, List<String> names, List<ColumnSpec> specs) {
    List<@Nullable ColumnKind> elementKinds = new ArrayList<>();
    specs.forEach(spec -> elementKinds.add(spec.elementKind()));
    ColumnBatchBuilder builder =
        new ColumnBatchBuilder(specs.stream().map(ColumnSpec::kind).toList(), elementKinds);
    int[] positions = names.stream().mapToInt(group::position).toArray();
    try (CloseableIterator<OfflineRow> rows = source.stagedRows(group)) {
      while (rows.hasNext()) {
        OfflineRow row = rows.next();
        Object[] values = new Object[specs.size()];
        for (int i = 0; i < positions.length; i++) {
          values[i] = row.value(positions[i]);
        }
        values[positions.length] = row.writeTimeMicros();
        values[positions.length + 1] = row.apiInvocationTimeMicros();
        values[positions.length + 2] = row.deleted();
        builder.add(values);
      }
    }
    return builder.build();
  }

  /** Converts event-time feature values to microseconds since the epoch. */
  static long[] eventMicros(ColumnVector column, FeatureType type) {
    long[] micros = new long[column.size()];
    for (int r = 0; r < micros.length; r++) {
      if (column.isNull(r)) {
        micros[r] = Long.MIN_VALUE;
      } else if (type == FeatureType.FRACTIONAL) {
        micros[r] = Math.round(column.getDouble(r) * 1_000_000d);
      } else {
        micros[r] = parseIso(column.getString(r));
      }
    }
    return micros;
  }

  /** Parses an ISO-8601 event time as SageMaker writes it, or any ISO instant; MIN_VALUE if not. */
  public static long parseIso(@Nullable String value) {
    if (value == null) {
      return Long.MIN_VALUE;
    }
    try {
      return EventTimeFormat.ISO_8601.parseMicros(value);
    } catch (RuntimeException e) {
      try {
        Instant instant = Instant.parse(value);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
      } catch (DateTimeParseException notIso) {
        return Long.MIN_VALUE;
      }
    }
  }
}
