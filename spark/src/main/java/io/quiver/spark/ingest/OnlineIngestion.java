package io.quiver.spark.ingest;

import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stream ingestion: each partition sends its rows to the feature store. To a Quiver server's gRPC
 * port they stream as client-streaming PutRecords calls in batches, paced at the server's PutRecord
 * limit, resumed after a backoff when throttled ({@link GrpcPartitionSender}); to an HTTP endpoint
 * (a Quiver server or SageMaker) they go as PutRecord calls through the AWS SDK, with the same API,
 * signing and retry behaviour as AWS's own connector ({@link OnlinePartitionSender}). A task
 * retried by Spark sends its rows again; PutRecord of the same record is idempotent online (the
 * latest event time wins), and offline it appears as another write of the same record, as on
 * SageMaker.
 */
public final class OnlineIngestion {
  /** Rows per batch on the gRPC port: one PutRecords stream each, unless throttled. */
  static final int GRPC_BATCH_ROWS = 1000;

  /** How long a batch may go without progress (throttled, unreachable) before it gives up. */
  public static final Duration RETRY_DEADLINE = Duration.ofMinutes(2);

  private OnlineIngestion() {}

  /**
   * Sends {@code df}'s rows to {@code group}.
   *
   * @param targetStores {@code OnlineStore} and/or {@code OfflineStore}; empty for every store of
   *     the group
   * @param concurrency PutRecord calls (REST) or PutRecords streams (gRPC) in flight per task
   * @throws io.quiver.storage.error.ValidationException if the schema does not fit the group
   */
  public static IngestionResult run(
      Dataset<Row> df,
      ServiceEndpoint endpoint,
      GroupHandle group,
      List<String> targetStores,
      int concurrency) {
    String[] names = SchemaCheck.check(group.toFeatureGroup(), df.schema());
    FlatMapFunction<Iterator<Row>, TaskOutcome> sender =
        endpoint.grpc()
            ? new GrpcPartitionSender(
                endpoint, group, names, targetStores, concurrency, GRPC_BATCH_ROWS, RETRY_DEADLINE)
            : new OnlinePartitionSender(
                endpoint, group, names, targetStores, concurrency, 4 * concurrency);
    List<TaskOutcome> outcomes = df.toJavaRDD().mapPartitions(sender).collect();
    List<FailedRow> failed = new ArrayList<>();
    long rows = 0;
    for (TaskOutcome outcome : outcomes) {
      failed.addAll(outcome.failed());
      rows += outcome.rowsWritten();
    }
    return new IngestionResult(rows, 0, failed);
  }
}
