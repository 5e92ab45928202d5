package io.quiver.wrangler.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.ParameterValues;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.source.SourceFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A SOURCE node read the way Data Wrangler writes it ({@code sagemaker.s3_source_0.1} with a {@code
 * dataset_definition}): the location ({@code s3Uri}, which may also be a local file or glob), the
 * content type, header and delimiter. Its trained parameters record the schema the flow was fitted
 * on, which is what a record written to a feature group with the flow attached must match.
 *
 * @param node the node
 * @param location the files to read, placeholders substituted
 * @param format the content type
 * @param header whether CSV files start with a header line
 * @param delimiter the CSV field delimiter
 */
record SourceNode(
    FlowNode node, String location, SourceFormat format, boolean header, char delimiter) {

  static final List<String> OPERATORS =
      List.of("sagemaker.s3_source_0.1", "s3_source", "file_source");

  /**
   * Reads a SOURCE node's parameters.
   *
   * @throws io.quiver.wrangler.flow.FlowException naming the node if it is not a source Quiver
   *     reads
   */
  static SourceNode of(FlowNode node, ParameterValues parameters) {
    if (!OPERATORS.contains(node.operator())) {
      throw node.error(
          "Quiver reads files (local or s3://) through sagemaker.s3_source_0.1; other sources"
              + " (Athena, Redshift, Snowflake, ...) are not supported: run their query into a file"
              + " first, or use quiver import --source jdbc:...");
    }
    ObjectNode p = parameters.resolve(node);
    JsonNode definition = p.path("dataset_definition");
    JsonNode context = definition.path("s3ExecutionContext");
    String location = context.path("s3Uri").asText("");
    if (location.isEmpty()) {
      location = p.path("path").asText("");
    }
    if (location.isEmpty()) {
      throw node.error(
          "parameters.dataset_definition.s3ExecutionContext.s3Uri is required (the files to read)");
    }
    String type = context.path("s3ContentType").asText(p.path("format").asText(""));
    SourceFormat format;
    try {
      format = type.isEmpty() ? SourceFormat.ofFileName(location) : SourceFormat.of(type);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
    String delimiter = context.path("s3FieldDelimiter").asText(",");
    if (delimiter.length() != 1) {
      throw node.error(
          "s3FieldDelimiter is '" + delimiter + "' (expected: one character, such as , or ;)");
    }
    boolean header = context.path("s3HasHeader").asBoolean(true);
    if (!header && format == SourceFormat.CSV) {
      throw node.error("CSV files without a header line are not supported; add a header");
    }
    return new SourceNode(node, location, format, header, delimiter.charAt(0));
  }

  /** The schema the node's trained parameters record, if it was fitted. */
  @Nullable Schema fittedSchema() {
    ObjectNode trained = node.trainedParameters();
    if (trained == null || !trained.path("schema").isObject()) {
      return null;
    }
    List<Column> columns = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = trained.get("schema").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      try {
        columns.add(new Column(field.getKey(), DataType.fromFlowName(field.getValue().asText())));
      } catch (IllegalArgumentException e) {
        throw node.error("trained_parameters.schema." + field.getKey() + ": " + e.getMessage());
      }
    }
    return new Schema(columns);
  }

  /** Trained parameters recording {@code schema}. */
  static ObjectNode schemaState(Schema schema) {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    ObjectNode columns = state.putObject("schema");
    for (Column column : schema.columns()) {
      columns.put(column.name(), column.type().flowName());
    }
    return state;
  }

  /** The content type, as messages show it. */
  String formatName() {
    return format.name().toLowerCase(Locale.ROOT);
  }
}
