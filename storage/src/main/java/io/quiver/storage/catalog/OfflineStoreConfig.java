package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The offline store settings of a feature group.
 *
 * @param s3Uri base location of the history files: {@code s3://bucket/prefix}, {@code
 *     https://...}, or (a Quiver extension) a {@code file://} folder
 * @param kmsKeyId kept and described back
 * @param disableGlueTableCreation kept and described back
 * @param dataCatalogConfig kept and described back, or {@code null}
 * @param tableFormat kept and described back
 */
public record OfflineStoreConfig(
    String s3Uri,
    @Nullable String kmsKeyId,
    boolean disableGlueTableCreation,
    @Nullable DataCatalogConfig dataCatalogConfig,
    TableFormat tableFormat) {

  /** Checks that the required parts are present. */
  public OfflineStoreConfig {
    requireNonNull(s3Uri, "s3Uri");
    requireNonNull(tableFormat, "tableFormat");
  }

  /** An offline store under {@code s3Uri} with SageMaker's defaults for everything else. */
  public static OfflineStoreConfig at(String s3Uri) {
    return new OfflineStoreConfig(s3Uri, null, false, null, TableFormat.GLUE);
  }
}
