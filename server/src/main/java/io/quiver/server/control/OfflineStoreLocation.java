package io.quiver.server.control;

import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OfflineStoreConfig;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Glue names DescribeFeatureGroup reports for a group's offline store; {@code
 * ResolvedOutputS3Uri} is the store's own ({@link FeatureGroup#resolvedOutputS3Uri()}).
 */
public final class OfflineStoreLocation {
  /** SageMaker's default Glue catalog. */
  static final String DEFAULT_CATALOG = "AwsDataCatalog";

  /** SageMaker's default Glue database. */
  static final String DEFAULT_DATABASE = "sagemaker_featurestore";

  private OfflineStoreLocation() {}

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
    String table =
        (group.name() + "_" + group.creationTime().getEpochSecond())
            .toLowerCase(Locale.ROOT)
            .replace('-', '_');
    return new DataCatalogConfig(table, DEFAULT_CATALOG, DEFAULT_DATABASE);
  }
}
