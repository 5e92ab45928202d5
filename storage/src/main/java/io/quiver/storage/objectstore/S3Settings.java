package io.quiver.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * How to reach S3 for {@code s3://} base locations.
 *
 * @param endpoint an S3-compatible endpoint (for example {@code http://127.0.0.1:9000}), or {@code
 *     null} for AWS S3 itself. With an endpoint, request checksums are computed and validated only
 *     when the operation requires them, as most S3-compatible servers expect.
 * @param region the signing region, or {@code null} for the SDK's default region chain
 * @param pathStyle whether to address buckets in the path ({@code endpoint/bucket/key}) rather than
 *     the host name; S3-compatible servers usually need it
 * @param accessKeyId static credentials, or {@code null} for the SDK's default credentials chain
 *     (environment, system properties, profile, instance role)
 * @param secretAccessKey the secret of {@code accessKeyId}; set exactly when it is
 */
public record S3Settings(
    @Nullable URI endpoint,
    @Nullable String region,
    boolean pathStyle,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey) {

  /** Checks that credentials come as a pair. */
  public S3Settings {
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "accessKeyId, secretAccessKey: only one is set (expected: both or neither)");
    }
  }

  /** AWS S3 with the SDK's default region and credentials chains. */
  public static S3Settings defaults() {
    return new S3Settings(null, null, false, null, null);
  }

  /**
   * An S3-compatible server at {@code endpoint}, path-style, with static credentials.
   *
   * @throws NullPointerException if an argument is null
   */
  public static S3Settings compatible(
      URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    return new S3Settings(
        requireNonNull(endpoint, "endpoint"),
        requireNonNull(region, "region"),
        true,
        requireNonNull(accessKeyId, "accessKeyId"),
        requireNonNull(secretAccessKey, "secretAccessKey"));
  }
}
