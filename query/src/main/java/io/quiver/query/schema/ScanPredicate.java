package io.quiver.query.schema;

import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;
import org.jspecify.annotations.Nullable;

/**
 * What the pushed filters of a scan allow pruning by: a closed range of event times (from
 * comparisons of {@code event_timestamp} with literals) and a set of record identifiers (from
 * equality or IN on the identifier column). Only top-level conjuncts are used; anything else is
 * left to Calcite, which re-applies every filter to the rows the scan returns.
 *
 * @param fromMicros lowest possible event time, microseconds
 * @param toMicros highest possible event time, microseconds
 * @param identifiers the possible identifiers, or {@code null} if unconstrained
 */
record ScanPredicate(long fromMicros, long toMicros, @Nullable Set<String> identifiers) {

  static ScanPredicate analyze(
      RexBuilder rexBuilder,
      List<RexNode> filters,
      int eventTimestampColumn,
      int identifierColumn) {
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    Set<String> ids = null;
    for (RexNode filter : filters) {
      for (RexNode conjunct :
          RexUtil.flattenAnd(List.of(RexUtil.expandSearch(rexBuilder, null, filter)))) {
        if (!(conjunct instanceof RexCall call)) {
          continue;
        }
        if (call.getKind() == SqlKind.OR) {
          Set<String> any = identifiersOfOr(call, identifierColumn);
          if (any != null) {
            ids = intersect(ids, any);
          }
          continue;
        }
        if (call.getOperands().size() != 2) {
          continue;
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (left instanceof RexLiteral && right instanceof RexInputRef) {
          RexNode swap = left;
          left = right;
          right = swap;
          kind = kind.reverse();
        }
        if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
          continue;
        }
        if (ref.getIndex() == identifierColumn && kind == SqlKind.EQUALS) {
          String id = stringOf(literal);
          if (id != null) {
            ids = intersect(ids, Set.of(id));
          }
        } else if (ref.getIndex() == eventTimestampColumn) {
          Long micros = microsOf(literal);
          if (micros == null) {
            continue;
          }
          switch (kind) {
            case EQUALS -> {
              from = Math.max(from, micros);
              to = Math.min(to, micros + 999);
            }
            // SQL sees event times truncated to milliseconds: a row at micros + 999 compares equal.
            case GREATER_THAN_OR_EQUAL -> from = Math.max(from, micros);
            case GREATER_THAN -> from = Math.max(from, micros + 1000);
            case LESS_THAN -> to = Math.min(to, micros - 1);
            case LESS_THAN_OR_EQUAL -> to = Math.min(to, micros + 999);
            default -> {}
          }
        }
      }
    }
    return new ScanPredicate(from, to, ids);
  }

  private static @Nullable Set<String> identifiersOfOr(RexCall or, int identifierColumn) {
    Set<String> ids = new HashSet<>();
    for (RexNode operand : or.getOperands()) {
      if (!(operand instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS) {
        return null;
      }
      RexNode a = eq.getOperands().get(0);
      RexNode b = eq.getOperands().get(1);
      RexNode ref = a instanceof RexInputRef ? a : b;
      RexNode lit = a instanceof RexInputRef ? b : a;
      if (!(ref instanceof RexInputRef r)
          || r.getIndex() != identifierColumn
          || !(lit instanceof RexLiteral literal)
          || stringOf(literal) == null) {
        return null;
      }
      ids.add(stringOf(literal));
    }
    return ids;
  }

  private static Set<String> intersect(@Nullable Set<String> a, Set<String> b) {
    if (a == null) {
      return new HashSet<>(b);
    }
    Set<String> result = new HashSet<>(a);
    result.retainAll(b);
    return result;
  }

  private static @Nullable String stringOf(RexLiteral literal) {
    Object value = literal.getValue();
    if (value instanceof NlsString nls) {
      return nls.getValue();
    }
    return null;
  }

  private static @Nullable Long microsOf(RexLiteral literal) {
    TimestampString ts = literal.getValueAs(TimestampString.class);
    if (ts != null) {
      return ts.getMillisSinceEpoch() * 1_000L;
    }
    Calendar calendar = literal.getValueAs(Calendar.class);
    return calendar == null ? null : calendar.getTimeInMillis() * 1_000L;
  }

  /** A human-readable summary for plans and logs. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    if (fromMicros != Long.MIN_VALUE || toMicros != Long.MAX_VALUE) {
      sb.append("eventTime=[")
          .append(fromMicros == Long.MIN_VALUE ? "-inf" : Long.toString(fromMicros))
          .append(", ")
          .append(toMicros == Long.MAX_VALUE ? "+inf" : Long.toString(toMicros))
          .append("]");
    }
    if (identifiers != null) {
      sb.append(sb.length() > 0 ? ", " : "").append("ids=").append(identifiers.size());
    }
    return sb.toString();
  }
}
