package io.quiver.wrangler.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.export.FileOutput;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.ParameterValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A DESTINATION node: files ({@code sagemaker.spark.s3_destination_0.1} with Data Wrangler's {@code
 * output_config}: {@code output_path}, {@code output_content_type} CSV or PARQUET, {@code
 * delimiter}, {@code compression}, {@code partition_config.partition_by}) or a feature group
 * ({@code feature_group_destination}).
 *
 * @param node the node
 * @param files where files go, or {@code null} for a feature group
 * @param group the feature group settings, or {@code null} for files
 */
record DestinationNode(
    FlowNode node, FileOutput.@Nullable Target files, @Nullable GroupSettings group) {

  static final List<String> FILE_OPERATORS =
      List.of("sagemaker.spark.s3_destination_0.1", "s3_destination", "file_destination");
  static final List<String> GROUP_OPERATORS =
      List.of("feature_group_destination", "sagemaker.feature_group_destination_0.1");

  /**
   * A feature-group destination's settings.
   *
   * @param name the group
   * @param create whether to create it from the flow's output when it does not exist
   * @param recordIdentifier the identifier column, for creating
   * @param eventTime the event-time column, for creating
   * @param online whether a created group keeps an online store
   * @param offline whether a created group keeps an offline store
   * @param offlineStoreUri the offline store's base location, or {@code null} for the store's
   *     default
   * @param attachFlow whether a created group takes this flow as its ingest transform
   */
  record GroupSettings(
      String name,
      boolean create,
      @Nullable String recordIdentifier,
      @Nullable String eventTime,
      boolean online,
      boolean offline,
      @Nullable String offlineStoreUri,
      boolean attachFlow) {}

  /**
   * Reads a DESTINATION node.
   *
   * @throws io.quiver.wrangler.flow.FlowException naming the node if it is not a destination Quiver
   *     writes or its parameters are wrong
   */
  static DestinationNode of(FlowNode node, ParameterValues parameters) {
    ObjectNode p = parameters.resolve(node);
    if (FILE_OPERATORS.contains(node.operator())) {
      JsonNode config = p.has("output_config") ? p.get("output_config") : p;
      String path = config.path("output_path").asText("");
      if (path.isEmpty()) {
        throw node.error("output_config.output_path is required (a folder, local or s3://)");
      }
      String type = config.path("output_content_type").asText("CSV").toUpperCase(Locale.ROOT);
      FileOutput.Format format;
      switch (type) {
        case "CSV" -> format = FileOutput.Format.CSV;
        case "PARQUET" -> format = FileOutput.Format.PARQUET;
        default ->
            throw node.error(
                "output_config.output_content_type is '" + type + "' (expected: CSV or PARQUET)");
      }
      String delimiter = config.path("delimiter").asText(",");
      if (delimiter.length() != 1) {
        throw node.error("output_config.delimiter must be one character");
      }
      List<String> partitionBy = new ArrayList<>();
      JsonNode by = config.path("partition_config").path("partition_by");
      if (by.isTextual() && !by.asText().isEmpty()) {
        partitionBy.add(by.asText());
      } else if (by.isArray()) {
        by.forEach(b -> partitionBy.add(b.asText()));
      }
      String compression =
          config
              .path("compression")
              .asText(format == FileOutput.Format.PARQUET ? "snappy" : "none");
      if (format == FileOutput.Format.CSV
          && !compression.equalsIgnoreCase("none")
          && !compression.isEmpty()) {
        throw node.error("compressed CSV output is not supported (compression: none)");
      }
      return new DestinationNode(
          node,
          new FileOutput.Target(path, format, delimiter.charAt(0), compression, partitionBy),
          null);
    }
    if (GROUP_OPERATORS.contains(node.operator())) {
      String name = p.path("feature_group_name").asText("");
      if (name.isEmpty()) {
        throw node.error("feature_group_name is required");
      }
      return new DestinationNode(
          node,
          null,
          new GroupSettings(
              name,
              p.path("create").asBoolean(true),
              text(p, "record_identifier"),
              text(p, "event_time"),
              p.path("online_store").asBoolean(true),
              p.path("offline_store").asBoolean(true),
              text(p, "offline_store_uri"),
              p.path("attach_flow").asBoolean(false)));
    }
    throw node.error(
        "Quiver writes files (sagemaker.spark.s3_destination_0.1) and feature groups"
            + " (feature_group_destination); it cannot run this destination");
  }

  private static @Nullable String text(ObjectNode p, String key) {
    String value = p.path(key).asText("");
    return value.isEmpty() ? null : value;
  }
}
