package io.quiver.spark;

import io.quiver.spark.group.GroupDescriber;
import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import io.quiver.spark.ingest.FailedRow;
import io.quiver.spark.ingest.IngestionResult;
import io.quiver.spark.ingest.OfflineIngestion;
import io.quiver.spark.ingest.OfflineOptions;
import io.quiver.spark.ingest.OnlineIngestion;
import io.quiver.spark.ingest.SchemaFeatureDefinitions;
import io.quiver.spark.read.OfflineStoreReader;
import io.quiver.spark.read.PointInTimeJoin;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;

/**
 * Ingests Spark DataFrames into feature groups, with the methods of AWS's {@code
 * sagemaker-feature-store-spark} connector. Target stores: {@code null} or empty sends every row as
 * a PutRecord to every store of the group (the offline store receives them through the server's own
 * flush): streamed as PutRecords batches to a Quiver server's gRPC port, or one PutRecord call each
 * over HTTP ({@link ServiceEndpoint}); {@code ["OfflineStore"]} writes Parquet files straight into
 * the group's offline layout from every partition, committed by the driver; {@code ["OnlineStore"]}
 * (or both) sends the records with those target stores. Rows that fail are kept, with their errors,
 * for {@link #getFailedStreamIngestionDataFrame()}. Not thread-safe: one ingestion at a time.
 *
 * <pre>{@code
 * FeatureStoreManager manager =
 *     new FeatureStoreManager(ServiceEndpoint.quiver(URI.create("grpc://quiver:9090")));
 * manager.ingestData(df, "customers", List.of("OfflineStore"));
 * manager.getFailedStreamIngestionDataFrame().show();
 * }</pre>
 */
public final class FeatureStoreManager {
  /** The column of {@link #getFailedStreamIngestionDataFrame()} that holds each row's error. */
  public static final String ERROR_COLUMN = "online_ingestion_error";

  private static final String ONLINE = "OnlineStore";
  private static final String OFFLINE = "OfflineStore";

  private final ServiceEndpoint endpoint;
  private OfflineOptions offlineOptions = OfflineOptions.defaults();
  private int concurrency = 8;
  private @Nullable Dataset<Row> failed;
  private @Nullable IngestionResult lastResult;

  /** A manager of the feature groups behind {@code endpoint}. */
  public FeatureStoreManager(ServiceEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Sets how offline ingestion writes files; returns this manager. */
  public FeatureStoreManager offlineOptions(OfflineOptions options) {
    this.offlineOptions = options;
    return this;
  }

  /**
   * Sets the PutRecords streams (gRPC) or PutRecord calls (HTTP) each task keeps in flight (default
   * 8); returns this manager.
   *
   * @throws IllegalArgumentException if below 1 or above 64
   */
  public FeatureStoreManager concurrency(int calls) {
    if (calls < 1 || calls > 64) {
      throw new IllegalArgumentException("concurrency: " + calls + " (expected: 1 to 64)");
    }
    this.concurrency = calls;
    return this;
  }

  /**
   * Ingests {@code df} into the feature group {@code featureGroupArnOrName}. The DataFrame's schema
   * is checked against the group's feature definitions before any row is written; rows that fail
   * PutRecord's rules (or are refused by the store) are not written and are kept for {@link
   * #getFailedStreamIngestionDataFrame()}.
   *
   * @param targetStores {@code OnlineStore} and/or {@code OfflineStore}; {@code null} or empty for
   *     every store of the group
   * @throws io.quiver.storage.error.ValidationException if the schema does not fit the group
   * @throws IllegalArgumentException if a target store is unknown or the group lacks it
   */
  public void ingestData(
      Dataset<Row> df, String featureGroupArnOrName, @Nullable List<String> targetStores) {
    GroupHandle group = GroupDescriber.describe(endpoint, featureGroupArnOrName);
    List<String> targets = targetStores == null ? List.of() : List.copyOf(targetStores);
    for (String target : targets) {
      if (!target.equals(ONLINE) && !target.equals(OFFLINE)) {
        throw new IllegalArgumentException(
            "targetStores: " + target + " (expected: OnlineStore or OfflineStore)");
      }
    }
    if (targets.contains(OFFLINE) && group.resolvedOutputUri() == null) {
      throw new IllegalArgumentException(
          "targetStores: OfflineStore, but feature group "
              + group.name()
              + " has no offline store (expected: OnlineStore)");
    }
    if (targets.contains(ONLINE) && !group.onlineStore()) {
      throw new IllegalArgumentException(
          "targetStores: OnlineStore, but feature group "
              + group.name()
              + " has no online store (expected: OfflineStore)");
    }
    boolean direct =
        targets.equals(List.of(OFFLINE)) || (targets.isEmpty() && !group.onlineStore());
    IngestionResult result =
        direct
            ? OfflineIngestion.run(df.sparkSession(), df, group, offlineOptions)
            : OnlineIngestion.run(df, endpoint, group, targets, concurrency);
    lastResult = result;
    failed = failedFrame(df.sparkSession(), df.schema(), result.failed());
  }

  /** As {@link #ingestData(Dataset, String, List)} with every store of the group. */
  public void ingestData(Dataset<Row> df, String featureGroupArnOrName) {
    ingestData(df, featureGroupArnOrName, null);
  }

  /**
   * Feature definitions for {@code df}'s columns, to create a group with: integer columns Integral,
   * floating and decimal ones Fractional, the rest String, arrays List features.
   *
   * @throws io.quiver.storage.error.ValidationException if a column's type has no feature type
   */
  public List<FeatureDefinition> loadFeatureDefinitionsFromSchema(Dataset<Row> df) {
    return SchemaFeatureDefinitions.of(df.schema());
  }

  /**
   * The rows of the last {@link #ingestData} that were not written, with the input's columns plus
   * {@value #ERROR_COLUMN} (PutRecord's error code and message); empty before any ingestion.
   */
  public Dataset<Row> getFailedStreamIngestionDataFrame() {
    if (failed == null) {
      return SparkSession.active().emptyDataFrame();
    }
    return failed;
  }

  /**
   * Feature group {@code featureGroupArnOrName}'s offline store as a DataFrame: every row as
   * written (history, deletion markers included), schemas of older files merged; see {@link
   * OfflineStoreReader}.
   *
   * @throws IllegalArgumentException if the group has no offline store
   */
  public Dataset<Row> readOfflineStore(SparkSession spark, String featureGroupArnOrName) {
    return OfflineStoreReader.read(spark, GroupDescriber.describe(endpoint, featureGroupArnOrName));
  }

  /**
   * Starts a point-in-time dataset from {@code entities} (identifier and event time columns), with
   * the semantics of Quiver's dataset builder; see {@link PointInTimeJoin}.
   *
   * @throws IllegalArgumentException if a column does not exist
   */
  public PointInTimeJoin createDataset(
      Dataset<Row> entities, String identifierColumn, String eventTimeColumn) {
    return new PointInTimeJoin(
        entities,
        identifierColumn,
        eventTimeColumn,
        name -> GroupDescriber.describe(endpoint, name));
  }

  /** What the last {@link #ingestData} wrote, or {@code null} before any. */
  public @Nullable IngestionResult lastResult() {
    return lastResult;
  }

  private static Dataset<Row> failedFrame(
      SparkSession spark, StructType schema, List<FailedRow> rows) {
    StructType withError = schema.add(ERROR_COLUMN, DataTypes.StringType, false);
    List<Row> out = new ArrayList<>(rows.size());
    for (FailedRow f : rows) {
      Object[] values = new Object[schema.size() + 1];
      for (int i = 0; i < schema.size(); i++) {
        values[i] = f.row().get(i);
      }
      values[schema.size()] = f.error();
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, withError);
  }
}
