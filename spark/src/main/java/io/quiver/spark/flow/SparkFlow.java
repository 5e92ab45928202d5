package io.quiver.spark.flow;

import io.quiver.spark.ingest.RowRecords;
import io.quiver.wrangler.executor.RecordProgram;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * Runs a fitted Data Wrangler flow over a DataFrame: each partition compiles the flow's chain from
 * its source to its output once ({@link RecordProgram}, the code a feature group's ingest transform
 * and {@code quiver flow run} use) and passes every row through it, with the fitted state (imputed
 * means, encodings, scalers) frozen in the flow. Input columns are matched to the flow source's
 * columns by name and parsed by their fitted types; rows a filter drops are dropped. Flows that
 * join, sort or split need all rows at once and are refused, naming the node.
 *
 * <pre>{@code
 * Flow fitted = Flow.read(Path.of("orders.flow"));  // fitted by quiver flow fit
 * Dataset<Row> prepared = SparkFlow.run(orders, fitted, Map.of());
 * }</pre>
 */
public final class SparkFlow {
  private SparkFlow() {}

  /**
   * The flow's output over {@code df}, as a lazy DataFrame.
   *
   * @throws io.quiver.wrangler.flow.FlowException if the flow cannot run per record (not fitted,
   *     more than one source or output, a node that needs all rows)
   */
  public static Dataset<Row> run(Dataset<Row> df, Flow flow, Map<String, String> parameters) {
    RecordProgram program = RecordProgram.compile(flow, flow.parameterValues(parameters));
    StructType output = sparkSchema(program.output());
    Task task = new Task(flow.toJson(), flow.name(), new HashMap<>(parameters), df.columns());
    return df.mapPartitions(task, Encoders.row(output));
  }

  /** The Spark schema of a flow's output columns. */
  static StructType sparkSchema(Schema schema) {
    StructType out = new StructType();
    for (Column c : schema.columns()) {
      out = out.add(c.name(), sparkType(c));
    }
    return out;
  }

  private static DataType sparkType(Column column) {
    return switch (column.type()) {
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case VECTOR -> DataTypes.createArrayType(DataTypes.DoubleType);
      case STRING_LIST -> DataTypes.createArrayType(DataTypes.StringType);
    };
  }

  /** One partition's run: the flow travels as its JSON and is compiled once per task. */
  private static final class Task implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String json;
    private final String name;
    private final HashMap<String, String> parameters;
    private final String[] columns;

    Task(String json, String name, HashMap<String, String> parameters, String[] columns) {
      this.json = json;
      this.name = name;
      this.parameters = parameters;
      this.columns = columns.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Flow flow = Flow.parse(json, name);
      RecordProgram program = RecordProgram.compile(flow, flow.parameterValues(parameters));
      List<String> inputs = new ArrayList<>();
      for (Column c : program.input().columns()) {
        if (Arrays.asList(columns).contains(c.name())) {
          inputs.add(c.name());
        }
      }
      String[] names = inputs.toArray(String[]::new);
      int[] positions =
          Arrays.stream(names).mapToInt(n -> Arrays.asList(columns).indexOf(n)).toArray();
      List<Column> outputs = program.output().columns();
      return new Iterator<>() {
        private @Nullable Row next = advance();

        private @Nullable Row advance() {
          while (rows.hasNext()) {
            Object @Nullable [] values =
                program.applyToValues(RowRecords.toRecord(rows.next(), positions, names));
            if (values != null) {
              return RowFactory.create(external(values, outputs));
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Row next() {
          Row row = next;
          if (row == null) {
            throw new java.util.NoSuchElementException();
          }
          next = advance();
          return row;
        }
      };
    }
  }

  /** The flow's values as Spark's external types. */
  static Object[] external(@Nullable Object[] values, List<Column> columns) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        continue;
      }
      out[i] =
          switch (columns.get(i).type()) {
            case DATE ->
                Date.valueOf(LocalDate.ofEpochDay(Math.floorDiv((Long) v, 86_400_000_000L)));
            case TIMESTAMP -> {
              long micros = (Long) v;
              yield Timestamp.from(
                  Instant.ofEpochSecond(
                      Math.floorDiv(micros, 1_000_000L),
                      Math.floorMod(micros, 1_000_000L) * 1_000));
            }
            case VECTOR -> {
              List<Double> list = new ArrayList<>();
              for (double d : (double[]) v) {
                list.add(d);
              }
              yield scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
            }
            case STRING_LIST ->
                scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList((String[]) v)).toSeq();
            default -> v;
          };
    }
    return out;
  }
}
