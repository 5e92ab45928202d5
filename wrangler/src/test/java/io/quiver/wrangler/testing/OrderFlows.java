package io.quiver.wrangler.testing;

/**
 * Test fixture shared through this module's test jar: the orders flow (a CSV source of id, ts,
 * amount and name; amount cast to float; name upper-cased into name_upper, then dropped) that the
 * flow runner, ingest-transform and server tests run.
 */
public final class OrderFlows {
  private OrderFlows() {}

  public static final String SOURCE =
      "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
          + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"orders.csv\", \"s3ContentType\": \"csv\"}}},"
          + " \"trained_parameters\": {\"schema\": {\"id\": \"string\", \"ts\": \"string\", \"amount\": \"string\", \"name\": \"string\"}},"
          + " \"outputs\": [{\"name\": \"default\"}]}";

  public static String node(String id, String from, String operator, String parameters) {
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

  public static final String CAST =
      node(
          "cast",
          "src",
          "sagemaker.spark.cast_single_data_type_0.1",
          "{\"column\": \"amount\", \"original_data_type\": \"string\", \"data_type\": \"float\"}");
  public static final String UPPER =
      node(
          "upper",
          "cast",
          "sagemaker.spark.format_string_0.1",
          "{\"operator\": \"Upper case\", \"upper_case_parameters\": {\"input_column\": \"name\", \"output_column\": \"name_upper\"}}");
  public static final String DROP_NAME =
      node(
          "drop",
          "upper",
          "sagemaker.spark.manage_columns_0.1",
          "{\"operator\": \"Drop column\", \"drop_column_parameters\": {\"column_to_drop\": \"name\"}}");

  public static String flow(String... nodes) {
    return "{\"metadata\": {\"version\": 1}, \"nodes\": [" + String.join(",", nodes) + "]}";
  }

  public static final String SORT =
      node(
          "sort",
          "drop",
          "manage_rows",
          "{\"operator\": \"Sort\", \"sort_parameters\": {\"sort_by\": \"id\"}}");

  /** Orders read from {@code orders.csv}: amount cast to float, name upper-cased then dropped. */
  public static final String ORDERS = flow(SOURCE, CAST, UPPER, DROP_NAME);

  /** {@link #ORDERS} sorted by id. */
  public static final String ORDERS_SORTED = flow(SOURCE, CAST, UPPER, DROP_NAME, SORT);
}
