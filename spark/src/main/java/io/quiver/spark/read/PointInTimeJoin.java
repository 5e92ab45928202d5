package io.quiver.spark.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.quiver.spark.group.GroupHandle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A point-in-time dataset on Spark with the semantics of Quiver's {@code DatasetBuilder} (and
 * SageMaker's): an entity DataFrame with an identifier and an event time, joined to feature groups
 * on chosen entity columns; with {@link #pointInTimeAccurateJoin()} each entity row gets, per
 * group, the row of the latest event time at or before its own, else the latest row. History rules
 * apply to every group first: rows written after {@link #asOf} are ignored, event times outside
 * {@link #eventTimeRange} too (entity rows as well), one row per (identifier, event time) is kept
 * (greatest {@code api_invocation_time}, then {@code write_time}) unless duplicates are included,
 * and rows not later than an identifier's newest deletion marker are dropped unless deleted records
 * are included; markers are never output. Entity rows without an event time are dropped. Columns:
 * the entity's, then each group's features, renamed {@code <feature>.<n>} (n the group's 1-based
 * position) when the name is taken. Row order is not defined. Not thread-safe.
 *
 * <p>Design: the as-of match is a window, not a range join: entity and feature rows are unioned,
 * partitioned by identifier, ordered by (time, feature rows first), and each entity row takes the
 * last feature row before it ({@code last(..., ignoreNulls)}): one sort, no per-identifier fan-out.
 * With duplicates included every tied match is output, which needs a range join and a rank.
 */
public final class PointInTimeJoin {
  private static final String ROW = "__quiver_row";
  private static final String TIME = "__quiver_time";
  private static final String KEY = "__quiver_key";
  private static final String SIDE = "__quiver_side";
  private static final String BASE = "__quiver_base";
  private static final String FEATURES = "__quiver_features";
  private static final String MATCH = "__quiver_match";

  /** How a group joins: INNER drops entity rows without a match, LEFT keeps them with nulls. */
  public enum JoinType {
    INNER,
    LEFT
  }

  private record Joined(
      GroupHandle group, String entityColumn, List<String> features, JoinType type) {}

  private final Dataset<Row> entities;
  private final String identifierColumn;
  private final String eventTimeColumn;
  private final Function<String, GroupHandle> groups;
  private final List<Joined> joined = new ArrayList<>();
  private boolean pointInTime;
  private long asOfMicros = Long.MAX_VALUE;
  private long fromMicros = Long.MIN_VALUE;
  private long toMicros = Long.MAX_VALUE;
  private boolean includeDeleted;
  private boolean includeDuplicated;

  /**
   * Starts a dataset from {@code entities}.
   *
   * @param groups describes a group by name
   * @throws IllegalArgumentException if a column does not exist
   */
  public PointInTimeJoin(
      Dataset<Row> entities,
      String identifierColumn,
      String eventTimeColumn,
      Function<String, GroupHandle> groups) {
    List<String> columns = Arrays.asList(entities.columns());
    for (String column : List.of(identifierColumn, eventTimeColumn)) {
      if (!columns.contains(column)) {
        throw new IllegalArgumentException(
            "column: " + column + " (expected: one of " + columns + ")");
      }
    }
    this.entities = entities;
    this.identifierColumn = identifierColumn;
    this.eventTimeColumn = eventTimeColumn;
    this.groups = groups;
  }

  /**
   * Joins {@code group} on entity column {@code entityColumn} = the group's record identifier,
   * taking {@code features} (empty: every feature but the identifier).
   */
  public PointInTimeJoin withFeatureGroup(
      String group, String entityColumn, List<String> features, JoinType type) {
    if (!Arrays.asList(entities.columns()).contains(entityColumn)) {
      throw new IllegalArgumentException(
          "entityColumn: "
              + entityColumn
              + " (expected: one of "
              + List.of(entities.columns())
              + ")");
    }
    joined.add(new Joined(groups.apply(group), entityColumn, List.copyOf(features), type));
    return this;
  }

  /** As {@link #withFeatureGroup(String, String, List, JoinType)}, an inner join. */
  public PointInTimeJoin withFeatureGroup(
      String group, String entityColumn, List<String> features) {
    return withFeatureGroup(group, entityColumn, features, JoinType.INNER);
  }

  /** Joins each group as of the entity row's event time: no feature later than the event. */
  public PointInTimeJoin pointInTimeAccurateJoin() {
    this.pointInTime = true;
    return this;
  }

  /** Time travel: ignores every row written to the offline store after {@code writeTime}. */
  public PointInTimeJoin asOf(Instant writeTime) {
    this.asOfMicros = ChronoUnit.MICROS.between(Instant.EPOCH, writeTime);
    return this;
  }

  /** Keeps only rows (entity and feature) with event times in {@code [start, end]}. */
  public PointInTimeJoin eventTimeRange(Instant start, Instant end) {
    this.fromMicros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
    this.toMicros = ChronoUnit.MICROS.between(Instant.EPOCH, end);
    if (fromMicros > toMicros) {
      throw new IllegalArgumentException("start: " + start + " (expected: <= end " + end + ")");
    }
    return this;
  }

  /** Keeps rows that a later deletion marker removed (markers themselves are never output). */
  public PointInTimeJoin includeDeletedRecords() {
    this.includeDeleted = true;
    return this;
  }

  /** Keeps every row of an (identifier, event time), not only the latest-written one. */
  public PointInTimeJoin includeDuplicatedRecords() {
    this.includeDuplicated = true;
    return this;
  }

  /** The dataset, as a lazy DataFrame. */
  public Dataset<Row> build() {
    UserDefinedFunction anyTime = udf(EventTimes.ANY, DataTypes.LongType);
    Dataset<Row> acc =
        entities
            .withColumn(TIME, anyTime.apply(col(eventTimeColumn)))
            .filter(col(TIME).isNotNull().and(col(TIME).between(fromMicros, toMicros)))
            .withColumn(ROW, org.apache.spark.sql.functions.monotonically_increasing_id());
    List<String> names = new ArrayList<>(Arrays.asList(entities.columns()));
    for (int j = 0; j < joined.size(); j++) {
      Joined join = joined.get(j);
      List<String> features = features(join);
      List<String> outputs = new ArrayList<>();
      for (String f : features) {
        String out = names.contains(f) ? f + "." + (j + 1) : f;
        outputs.add(out);
        names.add(out);
      }
      Dataset<Row> history = history(join.group(), features, outputs);
      acc =
          includeDuplicated
              ? joinAllTies(acc, join, history, outputs)
              : joinLatest(acc, join, history, outputs);
    }
    Column[] select = names.stream().map(n -> col("`" + n + "`")).toArray(Column[]::new);
    return acc.select(select);
  }

  private List<String> features(Joined join) {
    GroupHandle group = join.group();
    List<String> all = new ArrayList<>();
    for (GroupHandle.Feature f : group.features()) {
      if (f.collectionType() == null) {
        all.add(f.name());
      }
    }
    if (join.features().isEmpty()) {
      all.remove(group.recordIdentifier());
      return all;
    }
    for (String f : join.features()) {
      if (!all.contains(f)) {
        throw new IllegalArgumentException(
            "features: " + f + " (expected: a scalar feature of " + group.name() + ")");
      }
    }
    return join.features();
  }

  /**
   * The rows of {@code group} that count under the history rules, markers dropped: the key, the
   * event time and the features under their output names.
   */
  private Dataset<Row> history(GroupHandle group, List<String> features, List<String> outputs) {
    Dataset<Row> raw = OfflineStoreReader.read(entities.sparkSession(), group);
    GroupHandle.Feature eventTime =
        group.features().stream()
            .filter(f -> f.name().equals(group.eventTime()))
            .findFirst()
            .orElseThrow();
    Column event =
        eventTime.type().equals("Fractional")
            ? udf(EventTimes.SECONDS, DataTypes.LongType)
                .apply(col("`" + group.eventTime() + "`").cast(DataTypes.DoubleType))
            : udf(EventTimes.ISO, DataTypes.LongType)
                .apply(col("`" + group.eventTime() + "`").cast(DataTypes.StringType));
    List<Column> columns = new ArrayList<>();
    columns.add(col("`" + group.recordIdentifier() + "`").cast(DataTypes.StringType).as(KEY));
    columns.add(event.as(TIME));
    columns.add(expr("unix_micros(api_invocation_time)").as("__quiver_api"));
    columns.add(expr("unix_micros(write_time)").as("__quiver_write"));
    columns.add(col("is_deleted").as("__quiver_deleted"));
    for (int i = 0; i < features.size(); i++) {
      columns.add(col("`" + features.get(i) + "`").as(outputs.get(i)));
    }
    Dataset<Row> h =
        raw.select(columns.toArray(Column[]::new))
            .filter(
                col(TIME)
                    .isNotNull()
                    .and(col(KEY).isNotNull())
                    .and(col(TIME).between(fromMicros, toMicros))
                    .and(col("__quiver_write").leq(asOfMicros)));
    Column order = struct(col(TIME), col("__quiver_api"), col("__quiver_write"));
    if (!includeDeleted) {
      // the newest marker of each identifier, by (event, api, write); only rows after it count
      Column newestMarker =
          max(when(col("__quiver_deleted"), order)).over(Window.partitionBy(col(KEY)));
      h =
          h.withColumn("__quiver_marker", newestMarker)
              .filter(col("__quiver_marker").isNull().or(order.gt(col("__quiver_marker"))))
              .drop("__quiver_marker");
    }
    if (!includeDuplicated) {
      // the last-written row of each event time; a marker that is last hides its time
      WindowSpec perTime =
          Window.partitionBy(col(KEY), col(TIME))
              .orderBy(col("__quiver_api").desc(), col("__quiver_write").desc());
      h =
          h.withColumn("__quiver_rank", row_number().over(perTime))
              .filter(col("__quiver_rank").equalTo(1));
    }
    return h.filter(col("__quiver_deleted").equalTo(false))
        .drop("__quiver_api", "__quiver_write", "__quiver_deleted", "__quiver_rank");
  }

  /** Each entity row with at most one match: the union-and-window as-of join. */
  private Dataset<Row> joinLatest(
      Dataset<Row> acc, Joined join, Dataset<Row> history, List<String> outputs) {
    Column[] featureColumns = outputs.stream().map(n -> col("`" + n + "`")).toArray(Column[]::new);
    StructType featureType =
        (StructType) history.select(struct(featureColumns)).schema().fields()[0].dataType();
    Column key = col("`" + join.entityColumn() + "`").cast(DataTypes.StringType);
    Dataset<Row> matched;
    if (pointInTime) {
      Column[] accColumns =
          Arrays.stream(acc.columns()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
      StructType baseType =
          (StructType) acc.select(struct(accColumns)).schema().fields()[0].dataType();
      Dataset<Row> left =
          acc.select(
              struct(accColumns).as(BASE),
              key.as(KEY),
              col(TIME),
              lit(1).as(SIDE),
              lit(null).cast(featureType).as(FEATURES));
      Dataset<Row> right =
          history.select(
              lit(null).cast(baseType).as(BASE),
              col(KEY),
              col(TIME),
              lit(0).as(SIDE),
              struct(featureColumns).as(FEATURES));
      WindowSpec before =
          Window.partitionBy(col(KEY))
              .orderBy(col(TIME), col(SIDE))
              .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
      matched =
          left.unionByName(right)
              .withColumn(MATCH, last(col(FEATURES), true).over(before))
              .filter(col(SIDE).equalTo(1))
              .select(col(BASE), col(MATCH));
    } else {
      WindowSpec latest = Window.partitionBy(col(KEY)).orderBy(col(TIME).desc());
      Dataset<Row> last =
          history
              .withColumn("__quiver_rank", row_number().over(latest))
              .filter(col("__quiver_rank").equalTo(1))
              .select(col(KEY).as("__quiver_hkey"), struct(featureColumns).as(MATCH));
      Column[] accColumns =
          Arrays.stream(acc.columns()).map(n -> col("`" + n + "`")).toArray(Column[]::new);
      matched =
          acc.withColumn(KEY, key)
              .join(last, col(KEY).equalTo(col("__quiver_hkey")), "left")
              .select(struct(accColumns).as(BASE), col(MATCH));
    }
    if (join.type() == JoinType.INNER) {
      matched = matched.filter(col(MATCH).isNotNull());
    }
    List<Column> out = new ArrayList<>();
    out.add(col(BASE + ".*"));
    for (String n : outputs) {
      out.add(col(MATCH).getField(n).as(n));
    }
    return matched.select(out.toArray(Column[]::new));
  }

  /** Each entity row with every tied match (duplicates included): a range join and a rank. */
  private Dataset<Row> joinAllTies(
      Dataset<Row> acc, Joined join, Dataset<Row> history, List<String> outputs) {
    Dataset<Row> h =
        history.withColumnRenamed(TIME, "__quiver_htime").withColumnRenamed(KEY, "__quiver_hkey");
    Column on =
        col("`" + join.entityColumn() + "`")
            .cast(DataTypes.StringType)
            .equalTo(col("__quiver_hkey"));
    if (pointInTime) {
      on = on.and(col("__quiver_htime").leq(col(TIME)));
    }
    Dataset<Row> joinedRows = acc.join(h, on, join.type() == JoinType.INNER ? "inner" : "left");
    WindowSpec latest = Window.partitionBy(col(ROW)).orderBy(col("__quiver_htime").desc());
    return joinedRows
        .withColumn("__quiver_rank", rank().over(latest))
        .filter(col("__quiver_rank").equalTo(1))
        .drop("__quiver_rank", "__quiver_htime", "__quiver_hkey");
  }
}
