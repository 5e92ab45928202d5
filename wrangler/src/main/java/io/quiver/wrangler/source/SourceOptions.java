package io.quiver.wrangler.source;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.objectstore.S3Settings;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * How to open files for import.
 *
 * @param format the format of every file, or {@code null} to tell it from each file's extension
 * @param s3 how to reach {@code s3://} locations; unset parts come from the standard AWS
 *     environment ({@link S3Settings#resolve})
 */
public record SourceOptions(@Nullable SourceFormat format, S3Settings s3) {
  private static final SourceOptions DEFAULTS = new SourceOptions(null, S3Settings.defaults());

  /** Checks the parts. */
  public SourceOptions {
    requireNonNull(s3, "s3");
  }

  /** Formats from extensions, S3 as the environment configures it. */
  public static SourceOptions defaults() {
    return DEFAULTS;
  }

  /** A copy that reads every file as {@code format}. */
  public SourceOptions withFormat(@Nullable SourceFormat format) {
    return new SourceOptions(format, s3);
  }

  /** A copy that reaches S3 as {@code settings} say. */
  public SourceOptions withS3(S3Settings settings) {
    return new SourceOptions(format, settings);
  }

  /** A copy that talks to the S3-compatible endpoint {@code endpoint}, path-style. */
  public SourceOptions withS3Endpoint(@Nullable URI endpoint) {
    return withS3(
        new S3Settings(
            endpoint, s3.region(), endpoint != null, s3.accessKeyId(), s3.secretAccessKey()));
  }

  /** A copy that uses the S3 region {@code region}. */
  public SourceOptions withS3Region(@Nullable String region) {
    return withS3(
        new S3Settings(
            s3.endpoint(), region, s3.pathStyle(), s3.accessKeyId(), s3.secretAccessKey()));
  }
}
