package io.quiver.wrangler.source;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * How to open files for import.
 *
 * @param format the format of every file, or {@code null} to tell it from each file's extension
 * @param s3Endpoint the S3 endpoint, or {@code null} for the AWS default (which honours {@code
 *     AWS_ENDPOINT_URL_S3} and {@code AWS_ENDPOINT_URL}); a set endpoint implies path-style access
 * @param s3Region the S3 region, or {@code null} for the AWS default chain, falling back to {@code
 *     us-east-1}
 */
public record SourceOptions(
    @Nullable SourceFormat format, @Nullable URI s3Endpoint, @Nullable String s3Region) {
  private static final SourceOptions DEFAULTS = new SourceOptions(null, null, null);

  /** Formats from extensions, AWS defaults for S3. */
  public static SourceOptions defaults() {
    return DEFAULTS;
  }

  /** A copy that reads every file as {@code format}. */
  public SourceOptions withFormat(@Nullable SourceFormat format) {
    return new SourceOptions(format, s3Endpoint, s3Region);
  }

  /** A copy that talks to the S3 endpoint {@code endpoint}. */
  public SourceOptions withS3Endpoint(@Nullable URI endpoint) {
    return new SourceOptions(format, endpoint, s3Region);
  }

  /** A copy that uses the S3 region {@code region}. */
  public SourceOptions withS3Region(@Nullable String region) {
    return new SourceOptions(format, s3Endpoint, region);
  }
}
