package io.quiver.storage.objectstore;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client every module uses (the offline store, its readers, import), so that all of
 * them reach S3 the same way: settings first, then the standard AWS environment ({@link
 * S3Settings#resolve}). With an endpoint (an S3-compatible server), requests carry checksums only
 * where an operation requires them, since such servers commonly reject the SDK's default flexible
 * checksums. Without a region anywhere, the client starts in {@code us-east-1} and follows each
 * bucket to its own region. Stateless.
 */
public final class S3ClientFactory {
  /** The region used when none is configured anywhere. */
  public static final String REGION_DEFAULT = "us-east-1";

  private S3ClientFactory() {}

  /**
   * A client for {@code settings}, completed from this process's environment; the caller closes it.
   */
  public static S3Client create(S3Settings settings) {
    return create(settings, System.getenv());
  }

  /** A client for {@code settings}, completed from {@code environment}; the caller closes it. */
  public static S3Client create(S3Settings settings, Map<String, String> environment) {
    S3Settings resolved = settings.resolve(environment);
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .forcePathStyle(resolved.pathStyle())
            .credentialsProvider(credentials(resolved));
    if (resolved.endpoint() != null) {
      builder
          .endpointOverride(resolved.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    if (resolved.region() != null) {
      builder.region(Region.of(resolved.region()));
    } else {
      builder
          .region(Region.of(REGION_DEFAULT))
          .crossRegionAccessEnabled(resolved.endpoint() == null);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
