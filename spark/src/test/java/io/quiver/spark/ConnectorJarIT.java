package io.quiver.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.protocol.client.RemoteStoreException;
import io.quiver.spark.group.GroupHandle;
import io.quiver.spark.group.ServiceEndpoint;
import io.quiver.spark.ingest.IngestionResult;
import io.quiver.spark.ingest.OfflineIngestion;
import io.quiver.spark.ingest.OfflineOptions;
import io.quiver.spark.read.PointInTimeJoin;
import io.quiver.storage.offline.ParquetCodec;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector jar ({@code quiver-spark-<version>-connector.jar}) on a cluster's class path: this
 * test runs after packaging, with the connector jar in place of Quiver's modules and their
 * libraries, and Spark 3.5's own Parquet 1.13 in place of the 1.18 Quiver is built on (see the
 * failsafe configuration in this module's pom). Offline ingestion encodes files with the
 * connector's relocated Parquet; Spark reads them back with its own; the point-in-time join runs on
 * them; online ingestion's gRPC client runs on the connector's relocated gRPC and Netty.
 */
class ConnectorJarIT {
  @TempDir Path tmp;

  @Test
  void theConnectorJarRunsBesideSparksOwnParquet() throws Exception {
    assertThat(
            FeatureStoreManager.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("-connector.jar");
    assertThat(version("org.apache.parquet.Version")).startsWith("1.13.");
    assertThat(version("io.quiver.spark.shaded.org.apache.parquet.Version")).startsWith("1.18.");
    assertThat(jarOf("org.xerial.snappy.Snappy")).endsWith("snappy-java-1.1.10.5.jar");
    assertThat(jarOf("com.github.luben.zstd.Zstd")).endsWith("zstd-jni-1.5.5-4.jar");

    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("quiver-connector-jar")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    try {
      GroupHandle group = group(tmp.resolve("orders-1700000000"));
      GroupHandle zstd = group(tmp.resolve("orders-zstd"));
      String data = group.requireOfflineData();
      StructType schema =
          new StructType()
              .add("id", DataTypes.StringType)
              .add("ts", DataTypes.DoubleType)
              .add("amount", DataTypes.DoubleType);
      // customer c<k> has amounts 1..5 at hours 1..5 of the day
      List<Row> rows = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        for (int h = 1; h <= 5; h++) {
          rows.add(RowFactory.create("c" + k, 1_700_000_000d + h * 3600, (double) h));
        }
      }
      IngestionResult result =
          OfflineIngestion.run(
              spark,
              spark.createDataFrame(rows, schema).repartition(3),
              group,
              OfflineOptions.defaults());
      assertThat(result.rowsWritten()).isEqualTo(100);
      assertThat(result.failed()).isEmpty();
      OfflineIngestion.run(
          spark,
          spark.createDataFrame(rows, schema),
          zstd,
          new OfflineOptions(ParquetCodec.ZSTD, 1_000_000, 1_000_000, true));
      assertThat(spark.read().parquet(zstd.requireOfflineData()).count()).isEqualTo(100);

      Dataset<Row> back = spark.read().parquet(data);
      assertThat(back.count()).isEqualTo(100);
      assertThat(back.select("id").distinct().count()).isEqualTo(20);
      assertThat(back.filter("is_deleted").count()).isZero();

      // each customer asked at 3.5 hours sees amount 3; c20 has no history
      List<Row> asked = new ArrayList<>();
      for (int k = 0; k <= 20; k++) {
        asked.add(RowFactory.create("c" + k, 1_700_000_000d + 3.5 * 3600));
      }
      Dataset<Row> entities =
          spark.createDataFrame(
              asked,
              new StructType().add("id", DataTypes.StringType).add("at", DataTypes.DoubleType));
      List<String> joined =
          new PointInTimeJoin(entities, "id", "at", name -> group)
                  .withFeatureGroup(
                      "orders", "id", List.of("amount"), PointInTimeJoin.JoinType.LEFT)
                  .pointInTimeAccurateJoin()
                  .build()
                  .groupBy("amount")
                  .count()
                  .collectAsList()
                  .stream()
                  .map(r -> String.format(Locale.ROOT, "%s:%d", r.get(0), r.getLong(1)))
                  .sorted()
                  .toList();
      assertThat(joined).containsExactly("3.0:20", "null:1");

      // online ingestion goes through the jar's own gRPC and Netty, relocated away from Spark's
      assertThat(jarOf("io.quiver.spark.shaded.io.grpc.netty.NettyChannelBuilder"))
          .endsWith("-connector.jar");
      int closed;
      try (ServerSocket socket = new ServerSocket(0)) {
        closed = socket.getLocalPort();
      }
      FeatureStoreManager unreachable =
          new FeatureStoreManager(ServiceEndpoint.quiver(URI.create("grpc://127.0.0.1:" + closed)));
      assertThatThrownBy(() -> unreachable.ingestData(back, "orders"))
          .isInstanceOf(RemoteStoreException.class)
          .hasMessageStartingWith("Cannot reach Quiver at grpc://127.0.0.1:" + closed);
    } finally {
      spark.stop();
    }
  }

  private static GroupHandle group(Path folder) {
    return new GroupHandle(
        "orders",
        "arn:aws:sagemaker:us-east-1:123456789012:feature-group/orders",
        1_700_000_000_000L,
        "id",
        "ts",
        List.of(
            new GroupHandle.Feature("id", "String", null, null),
            new GroupHandle.Feature("ts", "Fractional", null, null),
            new GroupHandle.Feature("amount", "Fractional", null, null)),
        false,
        "file://" + folder.getParent(),
        "file://" + folder.resolve("data"));
  }

  private static String jarOf(String className) throws ClassNotFoundException {
    return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().getPath();
  }

  private static String version(String className) throws ReflectiveOperationException {
    // read at run time: the constant would be inlined from the Parquet this class compiled against
    return (String) Class.forName(className).getField("VERSION_NUMBER").get(null);
  }
}
