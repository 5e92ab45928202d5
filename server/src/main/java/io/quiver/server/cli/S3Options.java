package io.quiver.server.cli;

import io.quiver.storage.objectstore.S3Settings;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options saying how to reach S3 or an S3-compatible server, shared by every command that
 * touches {@code s3://} locations. What they leave unset comes from the standard AWS environment
 * variables and configuration files ({@link S3Settings#resolve}). Not thread-safe; one per command.
 */
final class S3Options {
  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "S3-compatible endpoint, e.g. http://127.0.0.1:9000 (default: AWS_ENDPOINT_URL_S3,"
              + " AWS_ENDPOINT_URL, the profile's endpoint_url, else AWS S3).")
  @Nullable URI endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "REGION",
      description =
          "S3 region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else"
              + " us-east-1 following each bucket to its region).")
  @Nullable String region;

  @Option(
      names = "--s3-path-style",
      negatable = true,
      description =
          "Address buckets in the path (endpoint/bucket/key), as most S3-compatible servers need"
              + " (default: on with an endpoint, off for AWS S3).")
  @Nullable Boolean pathStyle;

  @Option(
      names = "--s3-access-key-id",
      paramLabel = "ID",
      description =
          "S3 access key (default: the AWS credentials chain: AWS_ACCESS_KEY_ID, profile,"
              + " instance role).")
  @Nullable String accessKeyId;

  @Option(
      names = "--s3-secret-access-key",
      paramLabel = "SECRET",
      description = "Secret of --s3-access-key-id.")
  @Nullable String secretAccessKey;

  /**
   * The settings the options give, to be completed from the environment when a client is made.
   *
   * @throws ParameterException if only one of the two credential options is given
   */
  S3Settings settings(CommandLine line) {
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new ParameterException(
          line, "--s3-access-key-id and --s3-secret-access-key go together");
    }
    boolean path = pathStyle != null ? pathStyle : endpoint != null;
    return new S3Settings(endpoint, region, path, accessKeyId, secretAccessKey);
  }
}
