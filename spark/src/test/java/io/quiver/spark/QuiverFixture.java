package io.quiver.spark;

import io.quiver.server.QuiverServer;
import io.quiver.server.config.ServerConfig;
import io.quiver.spark.group.ServiceEndpoint;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;

/**
 * A Quiver server on ephemeral ports over a store in a temporary folder, and a local Spark session
 * whose tasks may be retried ({@code local[2,3]}): one per test class.
 */
final class QuiverFixture implements AutoCloseable {
  final Path dataDir;
  final QuiverStore store;
  final QuiverServer server;
  final ServiceEndpoint endpoint;
  final ServiceEndpoint grpcEndpoint;
  final SparkSession spark;

  QuiverFixture(Path dataDir) throws InterruptedException {
    this(dataDir, b -> b);
  }

  QuiverFixture(Path dataDir, UnaryOperator<ServerConfig.Builder> config)
      throws InterruptedException {
    this.dataDir = dataDir;
    this.store = QuiverStore.open(StoreConfig.builder(dataDir).account("123456789012").build());
    this.server =
        QuiverServer.start(
            store,
            config.apply(ServerConfig.builder().httpPort(0).grpcPort(0).flightSqlPort(-1)).build());
    this.endpoint = ServiceEndpoint.quiver(URI.create("http://127.0.0.1:" + server.httpPort()));
    this.grpcEndpoint = ServiceEndpoint.quiver(URI.create("grpc://127.0.0.1:" + server.grpcPort()));
    this.spark =
        SparkSession.builder()
            .master("local[2,3]")
            .appName("quiver-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
  }

  /** Creates a group with an offline store in the store's default location. */
  void createGroup(String name, boolean online, boolean offline, List<FeatureDefinition> features) {
    try (SageMakerClient control = endpoint.control()) {
      control.createFeatureGroup(
          b -> {
            b.featureGroupName(name)
                .recordIdentifierFeatureName(features.get(0).featureName())
                .eventTimeFeatureName(features.get(1).featureName())
                .featureDefinitions(features);
            if (online) {
              b.onlineStoreConfig(o -> o.enableOnlineStore(true));
            }
            if (offline) {
              b.offlineStoreConfig(o -> o.s3StorageConfig(s -> s.s3Uri("default")));
            }
          });
    }
  }

  static FeatureDefinition feature(String name, String type) {
    return FeatureDefinition.builder().featureName(name).featureType(type).build();
  }

  @Override
  public void close() {
    spark.stop();
    server.close();
    store.close();
  }
}
