package io.quiver.query;

import io.quiver.query.rules.FeatureAsofJoinRule;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.jspecify.annotations.Nullable;

/**
 * Calcite's statement preparation with Quiver's planner rules added, and statements checked before
 * planning: a parse error says where it is, and a statement that would change data is refused as
 * read-only (Calcite would otherwise fail planning it with a message about planner rules), and a
 * name that is no feature group is answered with the groups there are. Stateless; thread-safe.
 */
final class QuiverPrepare extends CalcitePrepareImpl {
  /** Calcite's words for a table name it cannot resolve (unqualified, no close match). */
  private static final Pattern UNKNOWN_TABLE = Pattern.compile("Object '([^']*)' not found");

  @Override
  public <T> CalcitePrepare.CalciteSignature<T> prepareSql(
      CalcitePrepare.Context context,
      CalcitePrepare.Query<T> query,
      Type elementType,
      long maxRowCount) {
    try {
      return super.prepareSql(context, query, elementType, maxRowCount);
    } catch (CalciteContextException e) {
      throw namingTheGroups(e, context.getRootSchema().getSubSchema(QuiverSql.SCHEMA, true));
    }
  }

  /**
   * {@code e} with the feature groups listed when it says a name was not found, keeping its
   * position: "Object 'x' not found" alone leaves the user guessing what is there.
   */
  static CalciteContextException namingTheGroups(
      CalciteContextException e, @Nullable CalciteSchema groups) {
    Throwable cause = e.getCause();
    String said = cause == null ? null : cause.getMessage();
    String full = e.getMessage();
    if (said == null || full == null || !full.endsWith(": " + said)) {
      return e;
    }
    Matcher unknown = UNKNOWN_TABLE.matcher(said);
    if (!unknown.matches()) {
      return e;
    }
    List<String> names =
        groups == null ? List.of() : groups.getTableNames().stream().sorted().toList();
    String message =
        said
            + ": no feature group has that name ("
            + (names.isEmpty()
                ? "there are none yet"
                : "feature groups: " + String.join(", ", names))
            + ")";
    CalciteContextException named =
        new CalciteContextException(
            full.substring(0, full.length() - said.length() - 2),
            new SqlValidatorException(message, null),
            e.getPosLine(),
            e.getPosColumn(),
            e.getEndPosLine(),
            e.getEndPosColumn());
    named.setOriginalStatement(e.getOriginalStatement());
    return named;
  }

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
