package io.quiver.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * How to reach S3 (or an S3-compatible server) for {@code s3://} locations. Unset parts come from
 * the standard AWS environment variables and configuration ({@link #resolve}); {@link
 * S3ClientFactory} builds the one client every module uses from them.
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

  /** AWS S3, or what the environment configures; the SDK's default credentials chain. */
  public static S3Settings defaults() {
    return new S3Settings(null, null, false, null, null);
  }

  /**
   * These settings with unset parts taken from the environment as the AWS CLI and SDKs take them:
   * the endpoint from {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL} or the profile's {@code
   * endpoint_url} (an endpoint found there implies path-style access); the region from {@code
   * AWS_REGION}, {@code AWS_DEFAULT_REGION} or the profile's {@code region}; the profile is {@code
   * AWS_PROFILE} or {@code default} in the shared config files. Credentials left unset stay with
   * the SDK's default chain (environment, profile, web identity, container, instance role).
   *
   * @param environment the process environment ({@code System.getenv()})
   * @throws IllegalArgumentException if an endpoint in the environment is not a URI
   */
  public S3Settings resolve(Map<String, String> environment) {
    Optional<Profile> profile = Optional.empty();
    URI resolvedEndpoint = endpoint;
    boolean resolvedPathStyle = pathStyle;
    String resolvedRegion = region;
    if (resolvedEndpoint == null || resolvedRegion == null) {
      profile = profile(environment);
    }
    if (resolvedEndpoint == null) {
      String found =
          first(
              environment.get("AWS_ENDPOINT_URL_S3"),
              environment.get("AWS_ENDPOINT_URL"),
              profile.flatMap(p -> p.property("endpoint_url")).orElse(null));
      if (found != null) {
        try {
          resolvedEndpoint = URI.create(found.trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "S3 endpoint: " + found + " (expected: a URL such as http://127.0.0.1:9000)", e);
        }
        resolvedPathStyle = true;
      }
    }
    if (resolvedRegion == null) {
      resolvedRegion =
          first(
              environment.get("AWS_REGION"),
              environment.get("AWS_DEFAULT_REGION"),
              profile.flatMap(p -> p.property("region")).orElse(null));
    }
    return new S3Settings(
        resolvedEndpoint, resolvedRegion, resolvedPathStyle, accessKeyId, secretAccessKey);
  }

  private static Optional<Profile> profile(Map<String, String> environment) {
    String name = first(environment.get("AWS_PROFILE"), "default");
    try {
      return ProfileFile.defaultProfileFile().profile(name);
    } catch (RuntimeException e) {
      return Optional.empty(); // no readable config files: nothing configured there
    }
  }

  private static @Nullable String first(@Nullable String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
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
