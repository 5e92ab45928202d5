package io.quiver.query;

import io.quiver.query.rules.FeatureAsofJoinRule;
import java.util.Locale;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.jspecify.annotations.Nullable;

/**
 * Calcite's statement preparation with Quiver's planner rules added, and statements checked before
 * planning: a parse error says where it is, and a statement that would change data is refused as
 * read-only (Calcite would otherwise fail planning it with a message about planner rules).
 * Stateless; thread-safe.
 */
final class QuiverPrepare extends CalcitePrepareImpl {
  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.@Nullable Context externalContext,
      @Nullable RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.addRule(FeatureAsofJoinRule.SCAN);
    planner.addRule(FeatureAsofJoinRule.PROJECT_SCAN);
    return planner;
  }

  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    // Parsed once more here, with the statement's own configuration, to look at it before Calcite
    // plans it; a query parses in well under a millisecond.
    SqlNode statement;
    try {
      statement = SqlParser.create(sql, parserConfig).parseStmt();
    } catch (SqlParseException e) {
      throw new IllegalArgumentException(parseMessage(e), e);
    }
    if (statement.getKind().belongsTo(SqlKind.DML) || statement.getKind().belongsTo(SqlKind.DDL)) {
      String verb = statement.getKind().lowerName.toUpperCase(Locale.ROOT).replace('_', ' ');
      throw new IllegalArgumentException(
          "Cannot run "
              + verb
              + ": SQL in Quiver is read-only (the offline store is append-only history; write"
              + " with PutRecord or quiver import, delete with DeleteRecord)");
    }
    return super.createParser(sql, parserConfig);
  }

  private static String parseMessage(SqlParseException e) {
    SqlParserPos pos = e.getPos();
    String message = e.getMessage() == null ? "" : e.getMessage();
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    if (message.startsWith("Non-query expression encountered in illegal context")) {
      message = "this is not a statement Quiver runs (expected: SELECT, WITH, VALUES or EXPLAIN)";
    }
    return pos == null || pos.getLineNum() == 0
        ? "Cannot parse the query: " + message
        : "Cannot parse the query at line "
            + pos.getLineNum()
            + ", column "
            + pos.getColumnNum()
            + ": "
            + message;
  }
}
