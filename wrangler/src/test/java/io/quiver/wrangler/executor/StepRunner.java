package io.quiver.wrangler.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeOutput;
import io.quiver.wrangler.flow.NodeType;
import io.quiver.wrangler.flow.ParameterValues;
import io.quiver.wrangler.frame.ColumnWriter;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.FitStep;
import io.quiver.wrangler.transform.Fitter;
import io.quiver.wrangler.transform.OperatorCatalog;
import io.quiver.wrangler.transform.RowStep;
import io.quiver.wrangler.transform.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs one transform node over rows given as Java values, through both paths: a batch, and one row
 * at a time; it checks that both give the same output and returns it. Values: Long, Double, String,
 * Boolean, double[] (vector), String[] (array), null. A fitted operator is fitted on the same rows
 * first.
 */
public final class StepRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a node produced. */
  public record Result(
      Schema schema, List<List<@Nullable Object>> rows, @Nullable ObjectNode trained) {
    public List<@Nullable Object> column(String name) {
      int c = schema.indexOf(name);
      List<Object> values = new ArrayList<>();
      for (List<Object> row : rows) {
        values.add(row.get(c));
      }
      return values;
    }
  }

  private StepRunner() {}

  public static Frame frame(Schema schema, List<@Nullable Object[]> rows) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      DataType type = schema.column(c).type();
      ColumnWriter writer = ColumnWriter.of(type, rows.size());
      Row row = new Row(1);
      for (Object[] values : rows) {
        set(row, 0, type, values[c]);
        writer.append(row, 0);
      }
      vectors.add(writer.finish());
    }
    return new Frame(schema, new ColumnBatch(rows.size(), vectors));
  }

  static void set(Row row, int s, DataType type, @Nullable Object value) {
    if (value == null) {
      row.setNull(s);
      return;
    }
    switch (type) {
      case LONG, DATE, TIMESTAMP -> row.setLong(s, ((Number) value).longValue());
      case BOOLEAN -> row.setBoolean(s, (Boolean) value);
      case DOUBLE -> row.setDouble(s, ((Number) value).doubleValue());
      default -> row.setObject(s, value);
    }
  }

  static @Nullable Object get(Row row, int s, DataType type) {
    if (row.isNull(s)) {
      return null;
    }
    return switch (type) {
      case LONG, DATE, TIMESTAMP -> row.getLong(s);
      case BOOLEAN -> row.getBoolean(s);
      case DOUBLE -> row.getDouble(s);
      case VECTOR -> Arrays.stream(row.getVector(s)).boxed().toList();
      case STRING_LIST -> Arrays.asList(row.getStrings(s));
      default -> row.getObject(s);
    };
  }

  static List<List<@Nullable Object>> rows(Frame frame) {
    List<List<Object>> rows = new ArrayList<>();
    int n = frame.schema().size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    RowLoader loader = new RowLoader(frame, all, all);
    Row row = new Row(n);
    for (int r = 0; r < frame.rowCount(); r++) {
      loader.load(r, row);
      List<Object> values = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        values.add(get(row, c, frame.schema().column(c).type()));
      }
      rows.add(values);
    }
    return rows;
  }

  static FlowNode node(String operator, String parametersJson) {
    try {
      return new FlowNode(
          "step",
          NodeType.TRANSFORM,
          operator,
          null,
          (ObjectNode) JSON.readTree(parametersJson),
          null,
          List.of(),
          List.of(new NodeOutput(NodeOutput.DEFAULT, null)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Runs {@code operator} with {@code parametersJson} over {@code rows} of {@code schema}. */
  public static Result run(
      Schema schema, List<@Nullable Object[]> rows, String operator, String parametersJson) {
    return run(schema, rows, rows, operator, parametersJson);
  }

  /** As {@link #run(Schema, List, String, String)}, fitting on {@code fitRows} first. */
  public static Result run(
      Schema schema,
      List<@Nullable Object[]> fitRows,
      List<@Nullable Object[]> rows,
      String operator,
      String parametersJson) {
    FlowNode node = node(operator, parametersJson);
    FlowCompiler compiler =
        new FlowCompiler(
            OperatorCatalog.standard(),
            new ParameterValues(Map.of()),
            FlowCompiler.StaleFits.REFUSE);
    Frame input = frame(schema, rows);
    Step step = compiler.compile(node, List.of(schema));
    ObjectNode trained = null;
    if (step instanceof FitStep fit) {
      Fitter fitter = fit.fitter(schema);
      fitter.accept(frame(schema, fitRows));
      trained = compiler.trained(node, fitter.result());
      node =
          new FlowNode(
              node.id(),
              node.type(),
              node.operator(),
              null,
              node.parameters(),
              trained,
              List.of(),
              node.outputs());
      step = compiler.compile(node, List.of(schema));
    }
    RowProgram program =
        RowProgram.compile(schema, List.of(new RowProgram.Link(node, (RowStep) step)));
    Frame batch = program.apply(input);
    List<List<Object>> batchRows = rows(batch);
    // One row at a time, as a record would go.
    List<List<Object>> single = new ArrayList<>();
    int[] out = program.outputSlots();
    for (Object[] values : rows) {
      Row row = program.newRow();
      for (int c = 0; c < schema.size(); c++) {
        set(row, c, schema.column(c).type(), values[c]);
      }
      if (program.apply(row) != null) {
        continue;
      }
      List<Object> result = new ArrayList<>();
      for (int c = 0; c < out.length; c++) {
        result.add(get(row, out[c], program.output().column(c).type()));
      }
      single.add(result);
    }
    assertThat(single).as("one row at a time").isEqualTo(batchRows);
    return new Result(program.output(), batchRows, trained);
  }

  /**
   * Runs a table step over {@code inputs} (schema and rows each) and returns output {@code output}.
   */
  public static Result table(
      String operator, String parametersJson, String output, List<Object> inputs) {
    FlowNode node = node(operator, parametersJson);
    FlowCompiler compiler =
        new FlowCompiler(
            OperatorCatalog.standard(),
            new ParameterValues(Map.of()),
            FlowCompiler.StaleFits.REFUSE);
    List<Schema> schemas = new ArrayList<>();
    List<io.quiver.wrangler.frame.FrameStream> streams = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i += 2) {
      Schema schema = (Schema) inputs.get(i);
      @SuppressWarnings("unchecked")
      List<Object[]> rows = (List<Object[]>) inputs.get(i + 1);
      schemas.add(schema);
      // Two batches, so steps must gather their input.
      int half = rows.size() / 2;
      streams.add(
          io.quiver.wrangler.frame.FrameStream.of(
              schema,
              List.of(
                  frame(schema, rows.subList(0, half)),
                  frame(schema, rows.subList(half, rows.size())))));
    }
    io.quiver.wrangler.transform.TableStep step =
        (io.quiver.wrangler.transform.TableStep) compiler.compile(node, schemas);
    Schema schema = step.outputs(schemas).get(output);
    List<List<Object>> rows = new ArrayList<>();
    for (Frame f : io.quiver.wrangler.frame.FrameStream.drain(step.run(streams).get(output))) {
      assertThat(f.schema()).isEqualTo(schema);
      rows.addAll(rows(f));
    }
    return new Result(schema, rows, null);
  }

  public static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ObjectNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }
}
