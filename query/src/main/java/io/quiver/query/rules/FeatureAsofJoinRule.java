package io.quiver.query.rules;

import io.quiver.query.history.HistoryLayout;
import io.quiver.query.schema.FeatureGroupTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAsofJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.jspecify.annotations.Nullable;

/*
 * Design: matches LogicalAsofJoin(left, [LogicalProject of input refs over] LogicalTableScan of
 * a FeatureGroupTable). The rule fires only when it can prove the operator computes the same
 * answer:
 * - the right side is the scan, or a projection of its columns (a filtered right side keeps
 *   Calcite's join);
 * - ON is one equality between a left column and the right record identifier, both text, both
 *   integers or both DOUBLE (FeatureTimeline keys numbers by their canonical text; mixed types
 *   would need a cast, which is not an input reference and keeps Calcite's join);
 * - MATCH_CONDITION compares the right event_timestamp with a left TIMESTAMP looking backwards
 *   (right <= left, right < left, or the same written left >= right, left > right). Forward
 *   matches (right >= left) keep Calcite's join: FeatureTimeline finds the latest row only.
 */

/**
 * Planner rule that replaces an {@code ASOF JOIN} against a feature group table by a {@link
 * FeatureAsofJoin}. Stateless.
 */
public final class FeatureAsofJoinRule extends RelOptRule {
  /** The rule for a right side that scans the table. */
  public static final FeatureAsofJoinRule SCAN = new FeatureAsofJoinRule(false);

  /** The rule for a right side that projects columns of the table. */
  public static final FeatureAsofJoinRule PROJECT_SCAN = new FeatureAsofJoinRule(true);

  private final boolean projected;

  // The deprecated operand helpers are the shortest way to state a fixed shape. The right side is
  // matched in its logical form: a logical parent's input subset does not hold physical scans.
  @SuppressWarnings("deprecation")
  private FeatureAsofJoinRule(boolean projected) {
    super(
        operand(
            LogicalAsofJoin.class,
            some(
                operand(RelNode.class, any()),
                projected
                    ? operand(LogicalProject.class, some(operand(LogicalTableScan.class, none())))
                    : operand(LogicalTableScan.class, none()))),
        projected ? "FeatureAsofJoinRule:project" : "FeatureAsofJoinRule:scan");
    this.projected = projected;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAsofJoin join = call.rel(0);
    TableScan scan = call.rel(projected ? 3 : 2);
    FeatureGroupTable table = scan.getTable().unwrap(FeatureGroupTable.class);
    if (table == null
        || (join.getJoinType() != JoinRelType.ASOF
            && join.getJoinType() != JoinRelType.LEFT_ASOF)) {
      return;
    }
    List<Integer> projects = new ArrayList<>();
    if (projected) {
      for (RexNode e : ((LogicalProject) call.rel(2)).getProjects()) {
        if (!(e instanceof RexInputRef ref)) {
          return;
        }
        projects.add(ref.getIndex());
      }
    } else {
      for (int i = 0; i < scan.getRowType().getFieldCount(); i++) {
        projects.add(i);
      }
    }
    RelNode left = join.getLeft();
    int leftCount = left.getRowType().getFieldCount();
    HistoryLayout layout = table.layout();
    int[] key = refs(join.getCondition(), SqlKind.EQUALS);
    if (key == null) {
      return;
    }
    int leftKey = Math.min(key[0], key[1]);
    int rightKey = Math.max(key[0], key[1]) - leftCount;
    if (leftKey >= leftCount
        || rightKey < 0
        || projects.get(rightKey) != layout.recordIdentifierColumn()
        || !sameKind(
            join.getRowType().getFieldList().get(leftKey).getType(),
            join.getRowType().getFieldList().get(leftCount + rightKey).getType())) {
      return;
    }
    Match match = match(join.getMatchCondition(), leftCount);
    if (match == null
        || projects.get(match.right()) != layout.eventTimestampColumn()
        || left.getRowType().getFieldList().get(match.left()).getType().getSqlTypeName()
            != SqlTypeName.TIMESTAMP) {
      return;
    }
    RelNode enumerableLeft =
        convert(left, left.getTraitSet().replace(EnumerableConvention.INSTANCE));
    call.transformTo(
        new FeatureAsofJoin(
            join.getCluster(),
            join.getTraitSet().replace(EnumerableConvention.INSTANCE),
            enumerableLeft,
            scan.getTable(),
            projects.stream().mapToInt(Integer::intValue).toArray(),
            leftKey,
            match.left(),
            match.strict(),
            join.getJoinType() == JoinRelType.LEFT_ASOF,
            join.getRowType()));
  }

  /** A backward match: right time vs left time (field indexes within each side). */
  private record Match(int left, int right, boolean strict) {}

  private static @Nullable Match match(RexNode condition, int leftCount) {
    SqlKind kind = condition.getKind();
    int[] refs = refs(condition, kind);
    if (refs == null) {
      return null;
    }
    boolean firstIsRight = refs[0] >= leftCount;
    boolean secondIsRight = refs[1] >= leftCount;
    if (firstIsRight == secondIsRight) {
      return null;
    }
    // Normalize to "right OP left".
    int right = (firstIsRight ? refs[0] : refs[1]) - leftCount;
    int left = firstIsRight ? refs[1] : refs[0];
    SqlKind op = firstIsRight ? kind : kind.reverse();
    return switch (op) {
      case LESS_THAN_OR_EQUAL -> new Match(left, right, false);
      case LESS_THAN -> new Match(left, right, true);
      default -> null;
    };
  }

  /** The two input references of a binary call of {@code kind}, or null. */
  private static int @Nullable [] refs(RexNode node, SqlKind kind) {
    if (node.getKind() != kind
        || !(node instanceof RexCall call)
        || call.getOperands().size() != 2
        || !(call.getOperands().get(0) instanceof RexInputRef a)
        || !(call.getOperands().get(1) instanceof RexInputRef b)) {
      return null;
    }
    return new int[] {a.getIndex(), b.getIndex()};
  }

  /** Whether two key types print equal values as the same identifier text. */
  private static boolean sameKind(RelDataType left, RelDataType right) {
    if (SqlTypeFamily.CHARACTER.contains(left)) {
      return SqlTypeFamily.CHARACTER.contains(right);
    }
    if (SqlTypeFamily.EXACT_NUMERIC.contains(left) && left.getScale() <= 0) {
      return right.getSqlTypeName() == SqlTypeName.BIGINT;
    }
    return left.getSqlTypeName() == SqlTypeName.DOUBLE
        && right.getSqlTypeName() == SqlTypeName.DOUBLE;
  }
}
