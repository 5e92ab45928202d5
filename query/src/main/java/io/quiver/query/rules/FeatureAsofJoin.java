package io.quiver.query.rules;

import static java.util.Objects.requireNonNull;

import io.quiver.query.history.HistoryBatch;
import io.quiver.query.history.HistoryLayout;
import io.quiver.query.schema.FeatureGroupTable;
import io.quiver.query.timeline.FeatureTimeline;
import io.quiver.storage.batch.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.jspecify.annotations.Nullable;

/*
 * Design: the right side is not an input but the feature group table itself, read through
 * FeatureGroupTable.timeline (raw history: markers and duplicates included, as SQL sees them)
 * into a FeatureTimeline; each left row probes it by identifier and time. SQL timestamps have
 * millisecond precision while the timeline holds microseconds, so "right <= left" probes at
 * left * 1000 + 999 and "right < left" at left * 1000 - 1: exactly the rows whose millisecond
 * value matches. Of tied right rows (same greatest time) the last written is returned; Calcite
 * may return any of them. Left rows with a null key or time match nothing, as in Calcite.
 */

/**
 * Enumerable operator of an {@code ASOF JOIN} whose right side is a feature group table: a {@link
 * FeatureTimeline} built from the table's files, probed per left row. Immutable.
 */
public final class FeatureAsofJoin extends SingleRel implements EnumerableRel {
  private final RelOptTable table;
  private final int[] projects;
  private final int leftKey;
  private final int leftTime;
  private final boolean strict;
  private final boolean keepUnmatched;

  FeatureAsofJoin(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode left,
      RelOptTable table,
      int[] projects,
      int leftKey,
      int leftTime,
      boolean strict,
      boolean keepUnmatched,
      RelDataType rowType) {
    super(cluster, traits, left);
    this.table = table;
    this.projects = projects.clone();
    this.leftKey = leftKey;
    this.leftTime = leftTime;
    this.strict = strict;
    this.keepUnmatched = keepUnmatched;
    this.rowType = rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FeatureAsofJoin(
        getCluster(),
        traitSet,
        sole(inputs),
        table,
        projects,
        leftKey,
        leftTime,
        strict,
        keepUnmatched,
        rowType);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("table", table.getQualifiedName())
        .item("projects", Arrays.toString(projects))
        .item("key", "$" + leftKey)
        .item("match", (strict ? "right < $" : "right <= $") + leftTime)
        .item("joinType", keepUnmatched ? "left_asof" : "asof");
  }

  @Override
  public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One probe per left row against an index built from the files, which Calcite's join reads
    // too: cheaper than a join of the scanned rows.
    double rows = mq.getRowCount(getInput());
    return planner.getCostFactory().makeCost(rows, rows, 0).multiplyBy(0.01);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result left = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression leftRows = builder.append("left", left.block);
    if (left.format != JavaRowFormat.ARRAY) {
      leftRows =
          builder.append("leftArrays", left.physType.convertTo(leftRows, JavaRowFormat.ARRAY));
    }
    FeatureGroupTable groupTable = requireNonNull(table.unwrap(FeatureGroupTable.class), "table");
    Expression spec =
        implementor.stash(
            new Probe(groupTable, projects, leftKey, leftTime, strict, keepUnmatched), Probe.class);
    builder.add(
        Expressions.return_(
            null,
            Expressions.call(
                spec, Types.lookupMethod(Probe.class, "join", Enumerable.class), leftRows)));
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
    return implementor.result(physType, builder.toBlock());
  }

  /** The runtime of the operator: what to read and how to probe. Immutable; thread-safe. */
  public static final class Probe {
    private final FeatureGroupTable table;
    private final int[] projects;
    private final int leftKey;
    private final int leftTime;
    private final boolean strict;
    private final boolean keepUnmatched;

    Probe(
        FeatureGroupTable table,
        int[] projects,
        int leftKey,
        int leftTime,
        boolean strict,
        boolean keepUnmatched) {
      this.table = table;
      this.projects = projects.clone();
      this.leftKey = leftKey;
      this.leftTime = leftTime;
      this.strict = strict;
      this.keepUnmatched = keepUnmatched;
    }

    /**
     * Joins {@code left} rows (arrays) with the table's rows: left columns then the projected right
     * columns (nulls when unmatched).
     *
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public Enumerable<@Nullable Object[]> join(Enumerable<@Nullable Object[]> left) {
      HistoryLayout layout = table.layout();
      int featureCount = layout.features().size();
      List<String> features = new ArrayList<>();
      for (int column : projects) {
        if (column < featureCount) {
          features.add(layout.features().get(column).name());
        }
      }
      FeatureTimeline timeline = table.timeline(features);
      int[] featureIndex = new int[projects.length];
      for (int i = 0; i < projects.length; i++) {
        featureIndex[i] =
            projects[i] < featureCount
                ? timeline.featureIndex(layout.features().get(projects[i]).name())
                : -1;
      }
      // First every left row's match, then the right columns filled batch by batch (a counting
      // sort of the matches by batch): each batch's vectors are read while in cache instead of at
      // random across the whole history.
      List<@Nullable Object[]> out = new ArrayList<>();
      int[] found = new int[1024];
      int width = -1;
      for (@Nullable Object[] row : left) {
        Object key = row[leftKey];
        Object time = row[leftTime];
        int p = -1;
        if (key != null && time != null) {
          long millis = ((Number) time).longValue();
          p = timeline.find(key.toString(), strict ? millis * 1000L - 1 : millis * 1000L + 999);
        }
        if (p < 0 && !keepUnmatched) {
          continue;
        }
        width = row.length;
        if (out.size() == found.length) {
          found = Arrays.copyOf(found, found.length * 2);
        }
        found[out.size()] = p;
        out.add(Arrays.copyOf(row, row.length + projects.length));
      }
      int batches = timeline.batchCount();
      int[] start = new int[batches + 1];
      for (int i = 0; i < out.size(); i++) {
        if (found[i] >= 0) {
          start[timeline.batchIndex(found[i]) + 1]++;
        }
      }
      for (int b = 0; b < batches; b++) {
        start[b + 1] += start[b];
      }
      int[] order = new int[start[batches]];
      int[] fill = start.clone();
      for (int i = 0; i < out.size(); i++) {
        if (found[i] >= 0) {
          order[fill[timeline.batchIndex(found[i])]++] = i;
        }
      }
      @Nullable ColumnVector[] vectors = new ColumnVector[projects.length];
      for (int b = 0; b < batches; b++) {
        if (start[b] == start[b + 1]) {
          continue;
        }
        HistoryBatch batch = timeline.batchAt(b);
        for (int j = 0; j < projects.length; j++) {
          vectors[j] = featureIndex[j] >= 0 ? batch.feature(featureIndex[j]) : null;
        }
        for (int k = start[b]; k < start[b + 1]; k++) {
          int i = order[k];
          int p = found[i];
          int r = timeline.row(p);
          @Nullable Object[] joined = out.get(i);
          for (int j = 0; j < projects.length; j++) {
            ColumnVector vector = vectors[j];
            joined[width + j] =
                vector != null
                    ? vector.get(r)
                    : system(projects[j] - featureCount, batch, r, timeline.eventMicros(p));
          }
        }
      }
      return Linq4j.asEnumerable(out);
    }

    private static @Nullable Object system(
        int column, HistoryBatch batch, int row, long eventMicros) {
      return switch (column) {
        case 0 -> millis(batch.writeTime(), row);
        case 1 -> millis(batch.apiInvocationTime(), row);
        case 2 -> batch.deleted().get(row);
        default -> Math.floorDiv(eventMicros, 1000L);
      };
    }

    private static @Nullable Long millis(ColumnVector vector, int row) {
      return vector.isNull(row) ? null : Math.floorDiv(vector.getLong(row), 1000L);
    }
  }
}
