package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The offline store settings of a feature group.
 *
 * @param s3Uri base location of the history files: {@code s3://bucket/prefix}, {@code https://...},
 *     or (a Quiver extension) a {@code file://} folder, or {@link #STORE_DEFAULT} for the store's
 *     default location (replaced by the store's {@code offlineStoreBaseUri} when the group is
 *     created, so a described group always shows a real URI)
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

  /**
   * The {@code s3Uri} that stands for "the store's default location" ({@code
   * StoreConfig.offlineStoreBaseUri()}, a folder inside the data directory unless configured).
   */
  public static final String STORE_DEFAULT = "default";

  /** Checks that the required parts are present. */
  public OfflineStoreConfig {
    requireNonNull(s3Uri, "s3Uri");
    requireNonNull(tableFormat, "tableFormat");
  }

  /** An offline store under {@code s3Uri} with SageMaker's defaults for everything else. */
  public static OfflineStoreConfig at(String s3Uri) {
    return new OfflineStoreConfig(s3Uri, null, false, null, TableFormat.GLUE);
  }

  /**
   * An offline store at the store's default location ({@link #STORE_DEFAULT}), for embedded use
   * without spelling a URI.
   */
  public static OfflineStoreConfig storeDefault() {
    return at(STORE_DEFAULT);
  }

  /** Whether {@link #s3Uri()} is the {@link #STORE_DEFAULT} marker. */
  public boolean usesStoreDefault() {
    return STORE_DEFAULT.equals(s3Uri);
  }

  /** A copy at another base location. */
  public OfflineStoreConfig withS3Uri(String uri) {
    return new OfflineStoreConfig(
        uri, kmsKeyId, disableGlueTableCreation, dataCatalogConfig, tableFormat);
  }
}
