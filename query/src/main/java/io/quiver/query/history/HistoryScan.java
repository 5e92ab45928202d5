package io.quiver.query.history;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnBatchBuilder;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.offline.OfflineFile;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.offline.OfflineSnapshot;
import io.quiver.storage.parquet.ColumnSpec;
import io.quiver.storage.parquet.ParquetColumnReader;
import io.quiver.storage.parquet.ScanStatistics;
import io.quiver.storage.record.EventTimeFormat;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.StoredRecord;
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
 * A projected, pruned read of one snapshot of a feature group's history: files of hours outside the
 * event-time range are not opened (only files whose hour is known, {@link
 * OfflineFile#hourStartMicros()}), row groups whose statistics exclude the wanted identifiers are
 * skipped, and only the asked-for features are decoded. Pruning is conservative: returned batches
 * may hold rows outside the range or of other identifiers, and callers filter rows themselves.
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
   * Reads a snapshot of {@code group}'s history, on the calling thread.
   *
   * @throws io.quiver.storage.error.ValidationException if the group has no offline store
   * @throws io.quiver.storage.error.CorruptFileException if a file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   */
  public List<HistoryBatch> read(
      OfflineHistory history, FeatureGroup group, ScanStatistics statistics) {
    return read(history, group, statistics, Runnable::run);
  }

  /**
   * Reads a snapshot of {@code group}'s history, one task per file on {@code executor} (the calling
   * thread waits). Record identifier strings are interned across files and carry codes ({@link
   * ColumnVector#code}).
   *
   * @throws io.quiver.storage.error.ValidationException if the group has no offline store
   * @throws io.quiver.storage.error.CorruptFileException if a file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   */
  public List<HistoryBatch> read(
      OfflineHistory history, FeatureGroup group, ScanStatistics statistics, Executor executor) {
    requireNonNull(history, "history");
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

    OfflineSnapshot snapshot = history.snapshot(group.name());
    List<HistoryBatch> batches = new ArrayList<>();
    ColumnBatch staged = readStaged(snapshot, group, names, allSpecs);
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
    List<OfflineFile> files = new ArrayList<>();
    for (OfflineFile file : snapshot.files()) {
      if (overlaps(file.hourStartMicros(), fromMicros, toMicros)) {
        files.add(file);
      } else {
        statistics.filePruned();
      }
    }
    String idName = group.recordIdentifier().name();
    IdentifierCodes codes = snapshot.identifierCodes(idName);
    List<CompletableFuture<HistoryBatch>> pending = new ArrayList<>(files.size());
    for (OfflineFile file : files) {
      pending.add(
          CompletableFuture.supplyAsync(
              () -> {
                ColumnBatch batch;
                if (identifiers == null) {
                  // Whole files: the store's cache of decoded files may answer.
                  batch = snapshot.read(file, eagerSpecs, idName, codes, statistics);
                } else {
                  try (ReadableObject input = snapshot.open(file)) {
                    batch =
                        new ParquetColumnReader(statistics)
                            .read(input, eagerSpecs, idName, identifiers, codes);
                  }
                }
                ColumnVector deleted = batch.column(names.size());
                return new HistoryBatch(
                    names,
                    batch,
                    eventMicros(batch.column(eventColumn), eventType),
                    () -> {
                      ColumnBatch times;
                      try (ReadableObject input = snapshot.open(file)) {
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

  /** One hour in microseconds. */
  private static final long HOUR_MICROS = 3_600_000_000L;

  /**
   * Whether a file of the hour starting at {@code hourStart} ({@link Long#MIN_VALUE}: unknown) may
   * hold event times in {@code [fromMicros, toMicros]}.
   */
  static boolean overlaps(long hourStart, long fromMicros, long toMicros) {
    return hourStart == Long.MIN_VALUE
        || (hourStart <= toMicros && hourStart + HOUR_MICROS > fromMicros);
  }

  private static ColumnBatch readStaged(
      OfflineSnapshot snapshot, FeatureGroup group, List<String> names, List<ColumnSpec> specs) {
    List<@Nullable ColumnKind> elementKinds = new ArrayList<>();
    specs.forEach(spec -> elementKinds.add(spec.elementKind()));
    ColumnBatchBuilder builder =
        new ColumnBatchBuilder(specs.stream().map(ColumnSpec::kind).toList(), elementKinds);
    int[] positions = names.stream().mapToInt(group::position).toArray();
    for (StoredRecord stored : snapshot.stagedRecords()) {
      Object[] values = new Object[specs.size()];
      for (FeatureValue value : stored.record().values()) {
        int position = group.position(value.featureName());
        for (int i = 0; i < positions.length; i++) {
          if (positions[i] == position) {
            values[i] = typed(group.features().get(position), value);
          }
        }
      }
      // A staged row has no write time yet: its invocation time stands in until it is flushed.
      values[positions.length] = stored.apiInvocationMicros();
      values[positions.length + 1] = stored.apiInvocationMicros();
      values[positions.length + 2] = stored.deleted();
      builder.add(values);
    }
    return builder.build();
  }

  /** A staged scalar value in its SQL mapping; collections are not exposed. */
  /**
   * A staged value as SQL sees it: a String feature a {@link String}, Integral a {@link Long},
   * Fractional a {@link Double}, a collection a {@link List} of those, a missing value null.
   */
  private static @Nullable Object typed(FeatureDefinition feature, FeatureValue value) {
    if (feature.isCollection()) {
      List<String> texts = value.valueAsStringList();
      if (texts == null) {
        return null;
      }
      List<Object> elements = new ArrayList<>(texts.size());
      for (String text : texts) {
        elements.add(scalar(feature.type(), text));
      }
      return elements;
    }
    String text = value.valueAsString();
    return text == null ? null : scalar(feature.type(), text);
  }

  private static Object scalar(FeatureType type, String text) {
    return switch (type) {
      case STRING -> text;
      case INTEGRAL -> Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      case FRACTIONAL -> Double.parseDouble(text);
    };
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
