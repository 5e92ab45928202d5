package io.quiver.server;

import io.quiver.server.auth.AccessKeys;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/**
 * A store in a temporary folder served by an in-process server on ephemeral ports, with AWS SDK
 * clients pointed at it. Close it after the test class.
 */
public final class ServerFixture implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDEXAMPLE";
  public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private final QuiverStore store;
  private final QuiverServer server;
  private final SdkHttpClient httpClient = ApacheHttpClient.builder().build();

  private ServerFixture(QuiverStore store, QuiverServer server) {
    this.store = store;
    this.server = server;
  }

  /** Starts a server with default settings (ports chosen by the OS). */
  public static ServerFixture start(Path dataDir) {
    return start(dataDir, b -> b);
  }

  /** Starts a server that requires SigV4 signatures made with {@link #ACCESS_KEY}. */
  public static ServerFixture startSigned(Path dataDir) {
    return start(dataDir, b -> b.accessKeys(AccessKeys.of(Map.of(ACCESS_KEY, SECRET_KEY))));
  }

  /** Starts a server with settings adjusted by {@code config}. */
  public static ServerFixture start(Path dataDir, UnaryOperator<ServerConfig.Builder> config) {
    return start(
        QuiverStore.open(StoreConfig.builder(dataDir).account("123456789012").build()), config);
  }

  /** Starts a server over {@code store}, which the fixture closes. */
  public static ServerFixture start(QuiverStore store, UnaryOperator<ServerConfig.Builder> config) {
    try {
      QuiverServer server =
          QuiverServer.start(
              store,
              config
                  .apply(ServerConfig.builder().httpPort(0).grpcPort(0).flightSqlPort(0))
                  .build());
      return new ServerFixture(store, server);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store.close();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public QuiverStore store() {
    return store;
  }

  public QuiverServer server() {
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.httpPort());
  }

  public static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }

  /** A runtime client with the fixture's key, no retries. */
  public SageMakerFeatureStoreRuntimeClient runtime() {
    return runtime(credentials(ACCESS_KEY, SECRET_KEY), b -> {});
  }

  public SageMakerFeatureStoreRuntimeClient runtime(
      AwsCredentialsProvider credentials,
      Consumer<
              software.amazon.awssdk.services.sagemakerfeaturestoreruntime
                  .SageMakerFeatureStoreRuntimeClientBuilder>
          extra) {
    var builder =
        SageMakerFeatureStoreRuntimeClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(httpClient)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    extra.accept(builder);
    return builder.build();
  }

  /** A control-plane client with the fixture's key, no retries. */
  public SageMakerClient control() {
    return control(credentials(ACCESS_KEY, SECRET_KEY));
  }

  public SageMakerClient control(AwsCredentialsProvider credentials) {
    return SageMakerClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Override
  public void close() {
    try (store;
        server;
        httpClient) {
      // closes the HTTP client, the server, then the store
    }
  }
}
