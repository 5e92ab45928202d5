package io.quiver.server.control;

import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a group's offline store lives, as DescribeFeatureGroup reports it. The one place that
 * derives {@code ResolvedOutputS3Uri} and the default Glue names, so it can switch to the offline
 * store's own answer when that exists.
 */
public final class OfflineStoreLocation {
  /** SageMaker's default Glue catalog. */
  static final String DEFAULT_CATALOG = "AwsDataCatalog";
  /** SageMaker's default Glue database. */
  static final String DEFAULT_DATABASE = "sagemaker_featurestore";

  private OfflineStoreLocation() {}

  /** {@code <S3Uri>/<account>/sagemaker/<region>/offline-store/<name>-<creation epoch s>/data}. */
  public static String resolvedOutputS3Uri(FeatureGroup group, OfflineStoreConfig offline, StoreConfig config) {
    String base = offline.s3Uri();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/" + config.account() + "/sagemaker/" + config.region() + "/offline-store/" + group.offlineStoreFolderName() + "/data";
  }

  /**
   * The Glue names: those given at creation, else SageMaker's defaults when Glue table creation is
   * on ({@code <name>_<creation epoch s>}, lower case, {@code -} as {@code _}), else none.
   */
  static @Nullable DataCatalogConfig dataCatalog(FeatureGroup group, OfflineStoreConfig offline) {
    if (offline.dataCatalogConfig() != null) {
      return offline.dataCatalogConfig();
    }
    if (offline.disableGlueTableCreation()) {
      return null;
    }
    String table = (group.name() + "_" + group.creationTime().getEpochSecond()).toLowerCase(Locale.ROOT).replace('-', '_');
    return new DataCatalogConfig(table, DEFAULT_CATALOG, DEFAULT_DATABASE);
  }
}
