package io.quiver.spark.group;

import io.quiver.protocol.client.FeatureStoreClient;
import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.protocol.signing.SigV4ClientInterceptor;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/**
 * Where the feature store is: a Quiver server's gRPC port ({@code grpc://host:9090}, or {@code
 * grpcs://} over TLS), a Quiver server's HTTP port answering SageMaker's REST APIs ({@code
 * http://host:8080}), or SageMaker itself when {@code endpoint} is {@code null}. Through the gRPC
 * port, groups are described with DescribeFeatureGroup and online rows stream as PutRecords calls;
 * through HTTP, the AWS SDK calls DescribeFeatureGroup and PutRecord. Serializable, so executors
 * build their own clients.
 *
 * @param endpoint the gRPC or HTTP endpoint, or {@code null} for SageMaker's
 * @param region the signing region
 * @param accessKey a static access key, or {@code null} for the default credentials chain (instance
 *     roles, environment)
 * @param secretKey the static secret key, with {@code accessKey}
 */
public record ServiceEndpoint(
    @Nullable URI endpoint, String region, @Nullable String accessKey, @Nullable String secretKey)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Retries with backoff: throttling and unavailability are retried by the SDK's standard mode. */
  static final int MAX_ATTEMPTS = 8;

  /**
   * Checks that keys come in pairs.
   *
   * @throws IllegalArgumentException if only one of the keys is given
   */
  public ServiceEndpoint {
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException(
          "accessKey, secretKey: only one given (expected: both or neither)");
    }
  }

  /**
   * A Quiver server at {@code endpoint} ({@code grpc://}, {@code grpcs://} or {@code http://}),
   * signing with a static key.
   */
  public static ServiceEndpoint quiver(URI endpoint, String accessKey, String secretKey) {
    return new ServiceEndpoint(endpoint, "us-east-1", accessKey, secretKey);
  }

  /** A Quiver server at {@code endpoint} that runs without access keys. */
  public static ServiceEndpoint quiver(URI endpoint) {
    return quiver(endpoint, "quiver", "quiver");
  }

  /**
   * Whether {@code endpoint} is a Quiver server's gRPC port ({@code grpc://} or {@code grpcs://}).
   */
  public boolean grpc() {
    String scheme = endpoint == null ? null : endpoint.getScheme();
    return scheme != null && (scheme.equalsIgnoreCase("grpc") || scheme.equalsIgnoreCase("grpcs"));
  }

  /**
   * A client of the Quiver server's gRPC port, signing each call when a key is given (SigV4, as the
   * server checks it with {@code --access-keys}); grpcs:// trusts the JVM's certificate
   * authorities.
   *
   * @throws IllegalStateException if the endpoint is not a gRPC one
   */
  public FeatureStoreClient featureStore() {
    if (endpoint == null || !grpc()) {
      throw new IllegalStateException(
          "endpoint: " + endpoint + " (expected: grpc://host:port or grpcs://host:port)");
    }
    GrpcEndpoint target = GrpcEndpoint.parse(endpoint.toString());
    if (accessKey != null && secretKey != null) {
      target = target.withCredentials(SigV4ClientInterceptor.of(accessKey, secretKey, region));
    }
    return FeatureStoreClient.connect(target);
  }

  /**
   * The control-plane client (DescribeFeatureGroup, CreateFeatureGroup) of SageMaker's REST API.
   *
   * @throws IllegalStateException if the endpoint is a gRPC one
   */
  public SageMakerClient control() {
    requireRest();
    var builder =
        SageMakerClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /**
   * The runtime client (PutRecord): the SDK's standard retry mode with up to {@link #MAX_ATTEMPTS}
   * attempts backs off exponentially, with jitter, on throttling and unavailability.
   */
  public SageMakerFeatureStoreRuntimeClient runtime() {
    requireRest();
    var builder =
        SageMakerFeatureStoreRuntimeClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(MAX_ATTEMPTS)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private void requireRest() {
    if (grpc()) {
      throw new IllegalStateException(
          "endpoint: " + endpoint + " (expected: http(s)://host:port for SageMaker's REST APIs)");
    }
  }

  private AwsCredentialsProvider credentials() {
    if (accessKey == null || secretKey == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }

  @Override
  public String toString() {
    // never the secret
    return "ServiceEndpoint[" + (endpoint == null ? "SageMaker" : endpoint) + ", " + region + "]";
  }
}
