package io.quiver.spark.ingest;

import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stream ingestion: each partition sends its rows as PutRecord calls to the feature store's HTTP
 * endpoint (a Quiver server or SageMaker), through the AWS SDK: the same API, signing and retry
 * behaviour as AWS's own connector. A task retried by Spark sends its rows again; PutRecord of the
 * same record is idempotent online (the latest event time wins), and offline it appears as another
 * write of the same record, as on SageMaker.
 */
public final class OnlineIngestion {
  private OnlineIngestion() {}

  /**
   * Sends {@code df}'s rows to {@code group}.
   *
   * @param targetStores {@code OnlineStore} and/or {@code OfflineStore}; empty for every store of
   *     the group
   * @param concurrency PutRecord calls in flight per task
   * @throws io.quiver.storage.error.ValidationException if the schema does not fit the group
   */
  public static IngestionResult run(
      Dataset<Row> df,
      ServiceEndpoint endpoint,
      GroupHandle group,
      List<String> targetStores,
      int concurrency) {
    String[] names = SchemaCheck.check(group.toFeatureGroup(), df.schema());
    OnlinePartitionSender sender =
        new OnlinePartitionSender(
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
