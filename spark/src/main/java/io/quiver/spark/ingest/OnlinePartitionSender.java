package io.quiver.spark.ingest;

import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.ValidRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.PutRecordRequest;

/**
 * One task of an online ingestion: checks each row with PutRecord's rules (a bad row is reported
 * without a call) and sends the good ones as PutRecord calls, {@code concurrency} in flight, in
 * batches of {@code batchRows}. Throttled or unavailable calls are retried with exponential backoff
 * and jitter by the SDK's standard retry mode; a call that still fails reports its row with the
 * service's error code and message.
 */
final class OnlinePartitionSender implements FlatMapFunction<Iterator<Row>, TaskOutcome> {
  private static final long serialVersionUID = 1L;

  private final ServiceEndpoint endpoint;
  private final GroupHandle group;
  private final String[] names;
  private final List<String> targetStores;
  private final int concurrency;
  private final int batchRows;

  OnlinePartitionSender(
      ServiceEndpoint endpoint,
      GroupHandle group,
      String[] names,
      List<String> targetStores,
      int concurrency,
      int batchRows) {
    this.endpoint = endpoint;
    this.group = group;
    this.names = names.clone();
    this.targetStores = List.copyOf(targetStores);
    this.concurrency = concurrency;
    this.batchRows = batchRows;
  }

  @Override
  public Iterator<TaskOutcome> call(Iterator<Row> rows) throws InterruptedException {
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    FeatureGroup featureGroup = group.toFeatureGroup();
    List<FailedRow> failed = new ArrayList<>();
    long sent = 0;
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try (SageMakerFeatureStoreRuntimeClient client = endpoint.runtime()) {
      List<Row> batch = new ArrayList<>(batchRows);
      List<Future<@Nullable String>> calls = new ArrayList<>(batchRows);
      RowChecker checker = new RowChecker(featureGroup, names, failed);
      while (rows.hasNext()) {
        Row row = rows.next();
        ValidRecord valid = checker.check(row);
        if (valid == null) {
          continue;
        }
        PutRecordRequest request = request(RowChecker.toSend(valid).values());
        batch.add(row);
        calls.add(pool.submit(() -> put(client, request)));
        if (batch.size() >= batchRows) {
          sent += drain(batch, calls, failed);
        }
      }
      sent += drain(batch, calls, failed);
    } finally {
      pool.shutdownNow();
    }
    return List.of(new TaskOutcome(partition, List.of(), sent, failed)).iterator();
  }

  private PutRecordRequest request(List<FeatureValue> values) {
    List<software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue> wire =
        new ArrayList<>(values.size());
    for (FeatureValue value : values) {
      var builder =
          software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue.builder()
              .featureName(value.featureName());
      if (value.isList()) {
        builder.valueAsStringList(value.valueAsStringList());
      } else {
        builder.valueAsString(value.valueAsString());
      }
      wire.add(builder.build());
    }
    PutRecordRequest.Builder request =
        PutRecordRequest.builder().featureGroupName(group.name()).record(wire);
    if (!targetStores.isEmpty()) {
      request.targetStoresWithStrings(targetStores);
    }
    return request.build();
  }

  /** Sends one record; the error text if it was refused, {@code null} if written. */
  private static @Nullable String put(
      SageMakerFeatureStoreRuntimeClient client, PutRecordRequest request) {
    try {
      client.putRecord(request);
      return null;
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      return (code == null ? "" : code + ": ") + RowRecords.message(message);
    } catch (SdkException e) {
      return "The record could not be sent: " + RowRecords.message(e.getMessage());
    }
  }

  private static long drain(
      List<Row> batch, List<Future<@Nullable String>> calls, List<FailedRow> failed)
      throws InterruptedException {
    long sent = 0;
    for (int i = 0; i < calls.size(); i++) {
      @Nullable String error;
      try {
        error = calls.get(i).get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        error = "The record could not be sent: " + RowRecords.message(cause.getMessage());
      }
      if (error == null) {
        sent++;
      } else {
        failed.add(new FailedRow(batch.get(i), error));
      }
    }
    batch.clear();
    calls.clear();
    return sent;
  }
}
