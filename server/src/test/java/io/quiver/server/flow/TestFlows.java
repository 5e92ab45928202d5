package io.quiver.server.flow;

/** Flow documents the server's flow tests share. */
final class TestFlows {
  private TestFlows() {}

  static final String SOURCE =
      "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
          + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"orders.csv\", \"s3ContentType\": \"csv\"}}},"
          + " \"trained_parameters\": {\"schema\": {\"id\": \"string\", \"ts\": \"string\", \"amount\": \"string\", \"name\": \"string\"}}}";

  static String node(String id, String from, String operator, String parameters) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"TRANSFORM\", \"operator\": \""
        + operator
        + "\","
        + " \"parameters\": "
        + parameters
        + ","
        + " \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}]}";
  }

  static final String CAST =
      node(
          "cast",
          "src",
          "sagemaker.spark.cast_single_data_type_0.1",
          "{\"column\": \"amount\", \"data_type\": \"float\"}");
  static final String UPPER =
      node(
          "upper",
          "cast",
          "sagemaker.spark.format_string_0.1",
          "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"name\", \"output_column\": \"name_upper\"}}");
  static final String DROP =
      node(
          "drop",
          "upper",
          "sagemaker.spark.manage_columns_0.1",
          "{\"operator\": \"Drop column\", \"drop_column_parameters\": {\"column_to_drop\": \"name\"}}");
  static final String SORT =
      node(
          "sort",
          "drop",
          "manage_rows",
          "{\"operator\": \"Sort\", \"sort_parameters\": {\"sort_by\": \"id\"}}");

  static String flow(String... nodes) {
    return "{\"metadata\": {\"version\": 1}, \"nodes\": [" + String.join(",", nodes) + "]}";
  }

  static final String ORDERS = flow(SOURCE, CAST, UPPER, DROP);
  static final String ORDERS_SORTED = flow(SOURCE, CAST, UPPER, DROP, SORT);
}
