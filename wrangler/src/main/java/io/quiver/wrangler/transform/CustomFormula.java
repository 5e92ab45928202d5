package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.Lex;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.jspecify.annotations.Nullable;

/*
 * Design: the formula is parsed and validated by Calcite as "SELECT <formula> FROM df" over a table
 * with the step's input columns, then its expression is compiled to Java byte code once
 * (RexExecutorImpl), so each row costs one call of generated code: the batch and the per-record
 * path run the same compiled expression. Only the columns the formula names are handed to it.
 */

/**
 * {@code custom_formula}: a SQL expression over the columns ({@code formula}) into {@code
 * output_column}, evaluated by Apache Calcite with Spark's and MySQL's function libraries added, so
 * most of Spark SQL's expressions work as written ({@code amount * 2}, {@code concat(a, b)}, {@code
 * CASE WHEN ...}); names are case-insensitive, as Spark's are by default, and may be quoted with
 * backticks. Integers give a long column, decimals and floating point a float column, text a string
 * column.
 */
final class CustomFormula implements Operator {
  private static final int MAX_FORMULA_LENGTH = 10_000;

  @Override
  public String family() {
    return "custom_formula";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    String output = p.string("output_column");
    String formula = p.string("formula");
    if (formula.length() > MAX_FORMULA_LENGTH) {
      throw new StepException("formula is longer than " + MAX_FORMULA_LENGTH + " characters");
    }
    return new FormulaStep(formula, output);
  }

  private static final class FormulaStep implements RowStep {
    private final String formula;
    private final String output;
    // Planning a formula takes Calcite tens of milliseconds; a plan binds the step more than once.
    private final java.util.Map<Schema, Compiled> compiled =
        new java.util.concurrent.ConcurrentHashMap<>();

    FormulaStep(String formula, String output) {
      this.formula = formula;
      this.output = output;
    }

    @Override
    public RowOp bind(Slots slots) {
      Compiled compiled = this.compiled.computeIfAbsent(slots.schema(), s -> compile(formula, s));
      int[] in = new int[compiled.inputs.size()];
      DataType[] types = new DataType[in.length];
      for (int i = 0; i < in.length; i++) {
        types[i] = slots.type(compiled.inputs.get(i));
        in[i] = slots.read(compiled.inputs.get(i));
      }
      int out = slots.write(output, compiled.type);
      Function1<DataContext, @Nullable Object[]> function = compiled.function;
      DataType outType = compiled.type;
      return row -> {
        Object[] values = new Object[in.length];
        for (int i = 0; i < in.length; i++) {
          values[i] = toSql(row, in[i], types[i]);
        }
        Object[] result;
        try {
          result = function.apply(new RowContext(values));
        } catch (RuntimeException e) {
          throw new StepException("the formula failed on a row: " + message(e));
        }
        setResult(row, out, outType, result == null ? null : result[0]);
        return true;
      };
    }

    @Override
    public Set<String> reads() {
      // The columns a formula names are known once it is parsed against a schema; until then any
      // column might be read.
      return Set.of("*");
    }

    @Override
    public Set<String> writes() {
      return new HashSet<>(List.of(output));
    }
  }

  /** A formula compiled against a schema. */
  private record Compiled(
      Function1<DataContext, @Nullable Object[]> function, List<String> inputs, DataType type) {}

  static Compiled compile(String formula, Schema schema) {
    JavaTypeFactory types = new JavaTypeFactoryImpl();
    List<String> names = new ArrayList<>();
    List<RelDataType> fields = new ArrayList<>();
    for (Column column : schema.columns()) {
      RelDataType type = sqlType(types, column.type());
      if (type != null) {
        names.add(column.name());
        fields.add(types.createTypeWithNullability(type, true));
      }
    }
    RelDataType rowType = types.createStructType(fields, names);
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add(
        "df",
        new AbstractTable() {
          @Override
          public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return typeFactory.copyType(rowType);
          }
        });
    FrameworkConfig config =
        Frameworks.newConfigBuilder()
            .defaultSchema(root)
            .parserConfig(SqlParser.config().withLex(Lex.JAVA).withCaseSensitive(false))
            .operatorTable(
                SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(
                    SqlLibrary.STANDARD, SqlLibrary.SPARK, SqlLibrary.MYSQL))
            .typeSystem(
                new org.apache.calcite.rel.type.RelDataTypeSystemImpl() {
                  // CASE WHEN ... THEN 'big' ELSE 'small' is text, not a padded CHAR(5), as in
                  // Spark.
                  @Override
                  public boolean shouldConvertRaggedUnionTypesToVarying() {
                    return true;
                  }
                })
            .build();
    RexNode expression;
    RelDataType scanType;
    try (Planner planner = Frameworks.getPlanner(config)) {
      SqlNode parsed = planner.parse("SELECT " + formula + " FROM df");
      SqlNode validated = planner.validate(parsed);
      RelRoot rel = planner.rel(validated);
      RelNode node = rel.project();
      if (!(node instanceof Project project) || project.getProjects().size() != 1) {
        throw new StepException("formula must be one expression (got: " + formula + ")");
      }
      expression = project.getProjects().get(0);
      scanType = project.getInput().getRowType();
    } catch (org.apache.calcite.sql.parser.SqlParseException e) {
      throw new StepException(
          "formula '" + formula + "' is not valid SQL: " + firstLine(e.getMessage()));
    } catch (org.apache.calcite.tools.ValidationException
        | org.apache.calcite.tools.RelConversionException e) {
      throw new StepException("formula '" + formula + "': " + message(e));
    } catch (RuntimeException e) {
      throw new StepException("formula '" + formula + "': " + message(e));
    }
    // Hand the compiled code only the columns the formula reads, in a dense row.
    Set<Integer> used = new java.util.TreeSet<>(RelOptUtil.InputFinder.bits(expression).asList());
    List<String> inputs = new ArrayList<>();
    List<RelDataType> inputTypes = new ArrayList<>();
    int[] remap = new int[scanType.getFieldCount()];
    for (int i : used) {
      remap[i] = inputs.size();
      inputs.add(scanType.getFieldList().get(i).getName());
      inputTypes.add(scanType.getFieldList().get(i).getType());
    }
    RexBuilder rex = new RexBuilder(types);
    RexNode dense =
        expression.accept(
            new RexShuttle() {
              @Override
              public RexNode visitInputRef(RexInputRef ref) {
                return rex.makeInputRef(ref.getType(), remap[ref.getIndex()]);
              }
            });
    RelDataType denseRow = types.createStructType(inputTypes, inputs);
    DataType outType = dataType(expression.getType(), formula);
    RexExecutable executable = RexExecutorImpl.getExecutable(rex, List.of(dense), denseRow);
    return new Compiled(executable.getFunction(), inputs, outType);
  }

  private static @Nullable RelDataType sqlType(JavaTypeFactory types, DataType type) {
    return switch (type) {
      case LONG -> types.createSqlType(SqlTypeName.BIGINT);
      case DOUBLE -> types.createSqlType(SqlTypeName.DOUBLE);
      case STRING -> types.createSqlType(SqlTypeName.VARCHAR);
      case BOOLEAN -> types.createSqlType(SqlTypeName.BOOLEAN);
      case DATE -> types.createSqlType(SqlTypeName.DATE);
      case TIMESTAMP -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case VECTOR -> types.createArrayType(types.createSqlType(SqlTypeName.DOUBLE), -1);
      case STRING_LIST -> types.createArrayType(types.createSqlType(SqlTypeName.VARCHAR), -1);
    };
  }

  private static DataType dataType(RelDataType type, String formula) {
    SqlTypeName name = type.getSqlTypeName();
    switch (name) {
      case TINYINT, SMALLINT, INTEGER, BIGINT:
        return DataType.LONG;
      case FLOAT, REAL, DOUBLE, DECIMAL:
        return DataType.DOUBLE;
      case CHAR, VARCHAR:
        return DataType.STRING;
      case BOOLEAN:
        return DataType.BOOLEAN;
      case DATE:
        return DataType.DATE;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return DataType.TIMESTAMP;
      case ARRAY:
        RelDataType element = type.getComponentType();
        if (element != null && SqlTypeName.NUMERIC_TYPES.contains(element.getSqlTypeName())) {
          return DataType.VECTOR;
        }
        return DataType.STRING_LIST;
      case NULL:
        return DataType.STRING;
      default:
        throw new StepException(
            "formula '"
                + formula
                + "' gives a "
                + name
                + " (expected: a number, text, boolean, date, time or array)");
    }
  }

  /** A row value in Calcite's Java representation. */
  private static @Nullable Object toSql(Row row, int s, DataType type) {
    if (row.isNull(s)) {
      return null;
    }
    return switch (type) {
      case LONG -> row.getLong(s);
      case DOUBLE -> row.getDouble(s);
      case STRING -> row.getString(s);
      case BOOLEAN -> row.getBoolean(s);
      case DATE -> (int) Math.floorDiv(row.getLong(s), 86_400_000_000L);
      case TIMESTAMP -> Math.floorDiv(row.getLong(s), 1000L);
      case VECTOR -> {
        List<Double> list = new ArrayList<>();
        for (double d : row.getVector(s)) {
          list.add(d);
        }
        yield list;
      }
      case STRING_LIST -> List.of(row.getStrings(s));
    };
  }

  private static void setResult(Row row, int out, DataType type, @Nullable Object value) {
    if (value == null) {
      row.setNull(out);
      return;
    }
    switch (type) {
      case LONG -> row.setLong(out, ((Number) value).longValue());
      case DOUBLE ->
          row.setDouble(
              out,
              value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue());
      case STRING -> row.setObject(out, value.toString());
      case BOOLEAN -> row.setBoolean(out, (Boolean) value);
      case DATE -> row.setLong(out, ((Number) value).longValue() * 86_400_000_000L);
      case TIMESTAMP -> row.setLong(out, ((Number) value).longValue() * 1000L);
      case VECTOR -> {
        List<?> list = (List<?>) value;
        double[] vector = new double[list.size()];
        for (int i = 0; i < vector.length; i++) {
          vector[i] = list.get(i) == null ? Double.NaN : ((Number) list.get(i)).doubleValue();
        }
        row.setObject(out, vector);
      }
      case STRING_LIST -> {
        List<?> list = (List<?>) value;
        String[] strings = new String[list.size()];
        for (int i = 0; i < strings.length; i++) {
          strings[i] = String.valueOf(list.get(i));
        }
        row.setObject(out, strings);
      }
    }
  }

  private static String message(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t != null) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
      t = t.getCause();
    }
    return firstLine(message == null ? e.getClass().getSimpleName() : message);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** The compiled expression's view of one row: the input values, UTC. */
  private static final class RowContext implements DataContext {
    private final Object[] values;

    RowContext(Object[] values) {
      this.values = values;
    }

    @Override
    public SchemaPlus getRootSchema() {
      throw new UnsupportedOperationException("a formula reads no tables");
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return new JavaTypeFactoryImpl();
    }

    @Override
    public QueryProvider getQueryProvider() {
      throw new UnsupportedOperationException("a formula runs no queries");
    }

    @Override
    public @Nullable Object get(String name) {
      if (name.equals("inputRecord")) {
        return values;
      }
      if (name.equals(Variable.TIME_ZONE.camelName)) {
        return TimeZone.getTimeZone("UTC");
      }
      return null;
    }
  }
}
