package io.quiver.query.pit;

import static java.util.Objects.requireNonNull;

import io.quiver.query.history.HistoryBatch;
import io.quiver.query.history.HistoryLayout;
import io.quiver.query.history.HistoryScan;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.parquet.ScanStatistics;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Builds a point-in-time dataset, modelled on the SageMaker Python SDK's {@code DatasetBuilder}: a
 * base of entities with event times, joined to any number of feature groups on chosen base columns;
 * with {@link #pointInTimeAccurateJoin()} each base row gets, per group, the row of the latest
 * event time at or before its own (as-of join), else the latest row. History rules (as-of write
 * time, event-time range, deletes, duplicates) apply to every group, and to the base when it is a
 * feature group. Not thread-safe; {@link #build()} may be called more than once.
 *
 * <pre>{@code
 * Dataset training = DatasetBuilder.create(history, DatasetBase.parquet(labels, "driver_id", "ts"))
 *     .withFeatureGroup("drivers", "driver_id", List.of("trips", "rating"), JoinType.LEFT)
 *     .pointInTimeAccurateJoin()
 *     .asOf(Instant.parse("2024-06-01T00:00:00Z"))
 *     .split(new Split(0.8, 0.1, 0.1))
 *     .build();
 * training.writeParquet(Path.of("training.parquet"));
 * }</pre>
 */
public final class DatasetBuilder {
  private record Joined(String group, String baseColumn, List<String> features, JoinType type) {}

  private final OfflineHistory history;
  private final DatasetBase base;
  private final List<Joined> joined = new ArrayList<>();
  private boolean pointInTime;
  private long asOfMicros = Long.MAX_VALUE;
  private long fromMicros = Long.MIN_VALUE;
  private long toMicros = Long.MAX_VALUE;
  private boolean includeDeleted;
  private boolean includeDuplicated;
  private @Nullable Split split;
  private ScanStatistics statistics = new ScanStatistics();
  private Executor executor = Runnable::run;

  private DatasetBuilder(OfflineHistory history, DatasetBase base) {
    this.history = requireNonNull(history, "history");
    this.base = requireNonNull(base, "base");
  }

  /** Starts a dataset over {@code history} from {@code base}. */
  public static DatasetBuilder create(OfflineHistory history, DatasetBase base) {
    return new DatasetBuilder(history, base);
  }

  /**
   * Joins {@code group} on base column {@code baseColumn} = the group's record identifier, adding
   * {@code features} (all scalar features but the identifier when empty); inner join.
   */
  public DatasetBuilder withFeatureGroup(String group, String baseColumn, List<String> features) {
    return withFeatureGroup(group, baseColumn, features, JoinType.INNER);
  }

  /** As {@link #withFeatureGroup(String, String, List)}, with the given join type. */
  public DatasetBuilder withFeatureGroup(
      String group, String baseColumn, List<String> features, JoinType type) {
    joined.add(
        new Joined(
            requireNonNull(group, "group"),
            requireNonNull(baseColumn, "baseColumn"),
            List.copyOf(features),
            requireNonNull(type, "type")));
    return this;
  }

  /** Joins each group as of the base row's event time: no feature later than the event. */
  public DatasetBuilder pointInTimeAccurateJoin() {
    pointInTime = true;
    return this;
  }

  /** Time travel: ignores every row written to the offline store after {@code writeTime}. */
  public DatasetBuilder asOf(Instant writeTime) {
    asOfMicros = micros(writeTime);
    return this;
  }

  /**
   * Keeps only rows (base and feature) with event times in {@code [start, end]}.
   *
   * @throws IllegalArgumentException if {@code start} is after {@code end}
   */
  public DatasetBuilder eventTimeRange(Instant start, Instant end) {
    if (start.isAfter(end)) {
      throw new IllegalArgumentException(
          "Cannot build a dataset over event times from "
              + start
              + " to "
              + end
              + ": the range starts after it ends (expected: start <= end)");
    }
    fromMicros = micros(start);
    toMicros = micros(end);
    return this;
  }

  /** Keeps rows that a later deletion marker removed (markers themselves are never output). */
  public DatasetBuilder includeDeletedRecords() {
    includeDeleted = true;
    return this;
  }

  /** Keeps every row of an (identifier, event time), not only the latest-written one. */
  public DatasetBuilder includeDuplicatedRecords() {
    includeDuplicated = true;
    return this;
  }

  /** Assigns each row a part by a hash of its base identifier. */
  public DatasetBuilder split(Split parts) {
    this.split = requireNonNull(parts, "parts");
    return this;
  }

  /** Counts what the build reads in {@code counters}. */
  public DatasetBuilder statistics(ScanStatistics counters) {
    this.statistics = requireNonNull(counters, "counters");
    return this;
  }

  /**
   * Reads files on {@code files} (one task per file; the building thread waits), instead of on the
   * building thread. A pool of one thread per core suits a large build.
   */
  public DatasetBuilder executor(Executor files) {
    this.executor = requireNonNull(files, "files");
    return this;
  }

  /**
   * Reads the base and the groups and joins them.
   *
   * @throws IllegalArgumentException if a group, feature or column does not exist, or the base
   *     query is not valid (the message is Calcite's, with the position)
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public Dataset build() {
    HistoryRules rules =
        new HistoryRules(asOfMicros, fromMicros, toMicros, includeDeleted, includeDuplicated);
    List<String> names = new ArrayList<>();
    List<ColumnKind> kinds = new ArrayList<>();
    List<Dataset.ColumnSource> baseSources = new ArrayList<>();
    int baseCount;
    String[] baseIds;
    long[] baseTimes;
    // The base's columns read through baseRow[outputRow].
    int[][] baseRowHolder = new int[1][];
    if (base instanceof DatasetBase.GroupBase g) {
      FeatureGroup group = group(g.name());
      HistoryLayout layout = HistoryLayout.of(group);
      List<String> features = scalarNames(layout);
      FeatureTimeline timeline =
          FeatureTimeline.build(
              HistoryScan.of(features)
                  .withEventTimeRange(fromMicros, toMicros)
                  .read(history, group, statistics, executor),
              group.recordIdentifier().name(),
              rules);
      baseCount = timeline.size();
      baseIds = new String[baseCount];
      baseTimes = new long[baseCount];
      for (int p = 0; p < baseCount; p++) {
        // An Integral or Fractional identifier joins other groups by its text.
        baseIds[p] = String.valueOf(timeline.value(p, group.recordIdentifier().name()));
        baseTimes[p] = timeline.eventMicros(p);
      }
      for (FeatureDefinition f : layout.features()) {
        if (f.isCollection()) {
          continue;
        }
        names.add(f.name());
        kinds.add(HistoryLayout.kindOf(f.type()));
        int feature = timeline.featureIndex(f.name());
        baseSources.add(row -> timeline.value(baseRowHolder[0][row], feature));
      }
    } else {
      BaseRows rows = readBase();
      baseCount = rows.batch().rowCount();
      baseIds = rows.ids();
      baseTimes = rows.eventMicros();
      for (int c = 0; c < rows.names().size(); c++) {
        int column = c;
        names.add(rows.names().get(c));
        kinds.add(rows.kinds().get(c));
        baseSources.add(row -> rows.batch().column(column).get(baseRowHolder[0][row]));
      }
    }
    List<Dataset.ColumnSource> sources = new ArrayList<>(baseSources);
    List<String> baseNames = List.copyOf(names);
    List<FeatureTimeline> timelines = new ArrayList<>();
    List<String[]> joinKeys = new ArrayList<>();
    List<int[][]> matchHolders = new ArrayList<>();
    for (int j = 0; j < joined.size(); j++) {
      Joined join = joined.get(j);
      FeatureGroup group = group(join.group());
      HistoryLayout layout = HistoryLayout.of(group);
      String idName = group.recordIdentifier().name();
      List<String> features =
          join.features().isEmpty()
              ? scalarNames(layout).stream().filter(n -> !n.equals(idName)).toList()
              : join.features();
      List<String> read = new ArrayList<>(features);
      if (!read.contains(idName)) {
        read.add(idName);
      }
      String[] keys = joinKeys(join, baseNames, baseSources, baseIds, baseCount, baseRowHolder);
      Set<String> wanted = distinct(keys, 1000);
      List<HistoryBatch> batches =
          new HistoryScan(read, fromMicros, toMicros, wanted)
              .read(history, group, statistics, executor);
      FeatureTimeline timeline = FeatureTimeline.build(batches, idName, rules);
      timelines.add(timeline);
      joinKeys.add(keys);
      int[][] holder = new int[1][];
      matchHolders.add(holder);
      for (String f : features) {
        FeatureDefinition definition =
            layout
                .feature(f)
                .filter(d -> !d.isCollection())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "features: "
                                + f
                                + " (expected: a scalar feature of "
                                + group.name()
                                + ")"));
        names.add(names.contains(f) ? f + "." + (j + 1) : f);
        kinds.add(HistoryLayout.kindOf(definition.type()));
        int feature = timeline.featureIndex(f);
        sources.add(
            row -> {
              int p = holder[0][row];
              return p < 0 ? null : timeline.value(p, feature);
            });
      }
    }
    OutputRows out = join(baseCount, baseTimes, timelines, joinKeys, rules);
    baseRowHolder[0] = out.baseRows();
    for (int j = 0; j < matchHolders.size(); j++) {
      matchHolders.get(j)[0] = out.matches().get(j);
    }
    String[] parts = null;
    if (split != null) {
      parts = new String[out.count()];
      for (int r = 0; r < parts.length; r++) {
        String id = baseIds[out.baseRows()[r]];
        parts[r] = split.partOf(id == null ? "" : id);
      }
    }
    return new Dataset(names, kinds, sources, out.count(), parts);
  }

  private record OutputRows(int count, int[] baseRows, List<int[]> matches) {}

  private OutputRows join(
      int baseCount,
      long[] baseTimes,
      List<FeatureTimeline> timelines,
      List<String[]> joinKeys,
      HistoryRules rules) {
    IntList baseRows = new IntList(baseCount);
    List<IntList> matches = new ArrayList<>();
    timelines.forEach(t -> matches.add(new IntList(baseCount)));
    int[] lo = new int[timelines.size()];
    int[] hi = new int[timelines.size()];
    List<int[]> baseKeys = new ArrayList<>();
    for (int j = 0; j < timelines.size(); j++) {
      baseKeys.add(keys(timelines.get(j), joinKeys.get(j)));
    }
    for (int b = 0; b < baseCount; b++) {
      long t = baseTimes[b];
      if (t == Long.MIN_VALUE || t < rules.fromMicros() || t > rules.toMicros()) {
        continue;
      }
      boolean keep = true;
      for (int j = 0; j < timelines.size() && keep; j++) {
        FeatureTimeline timeline = timelines.get(j);
        int p = timeline.find(baseKeys.get(j)[b], pointInTime ? t : Long.MAX_VALUE);
        if (p < 0) {
          keep = joined.get(j).type() == JoinType.LEFT;
          lo[j] = -1;
          hi[j] = -1;
        } else {
          lo[j] = includeDuplicated ? timeline.firstTie(p) : p;
          hi[j] = p;
        }
      }
      if (keep) {
        emit(b, 0, lo, hi, new int[timelines.size()], baseRows, matches);
      }
    }
    List<int[]> arrays = matches.stream().map(IntList::toArray).toList();
    return new OutputRows(baseRows.size(), baseRows.toArray(), arrays);
  }

  /**
   * Per base row, the timeline key of its join value. Base values usually repeat the same String
   * instance (a file's dictionary), so an identity cache spares hashing and comparing each one.
   */
  private static int[] keys(FeatureTimeline timeline, @Nullable String[] values) {
    int[] keys = new int[values.length];
    Map<String, Integer> cache = new IdentityHashMap<>();
    for (int b = 0; b < values.length; b++) {
      String v = values[b];
      if (v == null) {
        keys[b] = -1;
        continue;
      }
      Integer key = cache.get(v);
      if (key == null) {
        key = timeline.keyOf(v);
        if (cache.size() < 1 << 16) { // values without shared instances (CSV) gain nothing
          cache.put(v, key);
        }
      }
      keys[b] = key;
    }
    return keys;
  }

  /** Emits the cartesian product of each group's tied matches (one row without duplicates). */
  private static void emit(
      int base, int j, int[] lo, int[] hi, int[] current, IntList baseRows, List<IntList> matches) {
    if (j == lo.length) {
      baseRows.add(base);
      for (int g = 0; g < current.length; g++) {
        matches.get(g).add(current[g]);
      }
      return;
    }
    for (int p = lo[j]; p <= hi[j]; p++) {
      current[j] = p;
      emit(base, j + 1, lo, hi, current, baseRows, matches);
      if (p < 0) {
        break;
      }
    }
  }

  private String[] joinKeys(
      Joined join,
      List<String> baseNames,
      List<Dataset.ColumnSource> baseSources,
      String[] baseIds,
      int baseCount,
      int[][] baseRowHolder) {
    int column = baseNames.indexOf(join.baseColumn());
    if (column < 0) {
      throw new IllegalArgumentException(
          "baseColumn: " + join.baseColumn() + " (expected: one of " + baseNames + ")");
    }
    int[] identity = new int[baseCount];
    for (int i = 0; i < baseCount; i++) {
      identity[i] = i;
    }
    int[] saved = baseRowHolder[0];
    baseRowHolder[0] = identity;
    String[] keys = new String[baseCount];
    for (int b = 0; b < baseCount; b++) {
      Object v = baseSources.get(column).get(b);
      keys[b] = v == null ? null : v.toString();
    }
    baseRowHolder[0] = saved;
    return keys;
  }

  /** The names of the group's scalar features: datasets hold scalar columns only. */
  private static List<String> scalarNames(HistoryLayout layout) {
    return layout.features().stream()
        .filter(f -> !f.isCollection())
        .map(FeatureDefinition::name)
        .toList();
  }

  private static @Nullable Set<String> distinct(String[] keys, int limit) {
    Set<String> set = new HashSet<>();
    for (String k : keys) {
      if (k != null && set.add(k) && set.size() > limit) {
        return null;
      }
    }
    return set;
  }

  private BaseRows readBase() {
    if (base instanceof DatasetBase.FileBase f) {
      return f.csv()
          ? BaseRows.ofCsv(f.file(), f.identifierColumn(), f.eventTimeColumn())
          : BaseRows.ofParquet(f.file(), f.identifierColumn(), f.eventTimeColumn(), statistics);
    }
    DatasetBase.QueryBase q = (DatasetBase.QueryBase) base;
    try {
      return BaseRows.ofQuery(
          history, q.sql(), q.identifierColumn(), q.eventTimeColumn(), statistics);
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot run the base query: " + e.getMessage(), e);
    }
  }

  private FeatureGroup group(String name) {
    return history.featureGroups().stream()
        .filter(g -> g.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "group: " + name + " (expected: an existing feature group)"));
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
      values = new int[Math.max(capacity, 4)];
    }

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
