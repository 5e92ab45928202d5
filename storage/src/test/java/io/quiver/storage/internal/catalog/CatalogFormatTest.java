package io.quiver.storage.internal.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.catalog.DataCatalogConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureMetadata;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.StorageType;
import io.quiver.storage.catalog.TableFormat;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.ThroughputMode;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog's on-disk entry, format version 1: the golden files under {@code catalog-format/v1/}
 * pin what the writer produces and what the reader accepts (issue 21: the entry was a dump of the
 * public {@link FeatureGroupSpec}, so renaming one of its members changed the format).
 */
class CatalogFormatTest {
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static FeatureGroupSpec full() {
    return new FeatureGroupSpec(
        "customers",
        "customer_id",
        "event_time",
        List.of(
            FeatureDefinition.of("customer_id", FeatureType.STRING),
            FeatureDefinition.of("event_time", FeatureType.FRACTIONAL),
            FeatureDefinition.of("orders", FeatureType.INTEGRAL),
            FeatureDefinition.list("tags", FeatureType.STRING),
            FeatureDefinition.set("codes", FeatureType.INTEGRAL),
            FeatureDefinition.vector("embedding", 3)),
        new OnlineStoreConfig(
            true, TtlDuration.of(2, TtlUnit.DAYS), StorageType.STANDARD, "alias/online"),
        new OfflineStoreConfig(
            "s3://bucket/prefix",
            "alias/offline",
            true,
            new DataCatalogConfig(
                "customers_1700000000", "AwsDataCatalog", "sagemaker_featurestore"),
            TableFormat.ICEBERG),
        new ThroughputConfig(ThroughputMode.PROVISIONED, 10L, 20L),
        "arn:aws:iam::123456789012:role/featurestore",
        "Customers, one record per customer",
        List.of(new Tag("team", "growth"), new Tag("cost-center", "")),
        new IngestTransformConfig("clean", "{\"nodes\":[]}"));
  }

  static Map<String, FeatureMetadata> fullMetadata() {
    return Map.of(
        "orders",
        new FeatureMetadata(
            "Orders placed", Map.of("unit", "count", "source", "shop"), 1_700_000_100_000_000L),
        "event_time",
        new FeatureMetadata(null, Map.of(), 1_700_000_060_000_000L));
  }

  static FeatureGroupSpec minimal() {
    return FeatureGroupSpec.builder("minimal")
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.STRING)
        .onlineStore(new OnlineStoreConfig(true, null, StorageType.IN_MEMORY, null))
        .build();
  }

  @Test
  void writerProducesTheGoldenFiles() throws IOException {
    CatalogEntry group =
        CatalogEntry.of(3, full(), 1_700_000_000_000_000L, 1_700_000_100_000_000L, fullMetadata());
    assertThat(pretty(group.write(json))).isEqualTo(golden("group.json"));

    CatalogEntry small =
        CatalogEntry.of(1, minimal(), 1_700_000_000_000_000L, 1_700_000_000_000_000L, Map.of());
    assertThat(pretty(small.write(json))).isEqualTo(golden("minimal.json"));
  }

  @Test
  void readerReadsTheGoldenFiles() throws IOException {
    CatalogEntry group = read("group.json");
    assertThat(group.id()).isEqualTo(3);
    assertThat(group.creationMicros()).isEqualTo(1_700_000_000_000_000L);
    assertThat(group.lastModifiedMicros()).isEqualTo(1_700_000_100_000_000L);
    assertThat(group.toSpec()).isEqualTo(full());
    assertThat(group.toMetadata()).isEqualTo(fullMetadata());

    assertThat(read("minimal.json").toSpec()).isEqualTo(minimal());
    assertThat(read("minimal.json").toMetadata()).isEmpty();
  }

  @Test
  void entriesOfTheFirstWriterStillRead() throws IOException {
    CatalogEntry entry = read("before-own-type.json");
    FeatureGroupSpec spec = entry.toSpec();
    assertThat(spec.featureGroupName()).isEqualTo("people");
    assertThat(spec.featureDefinitions())
        .containsExactly(
            FeatureDefinition.of("id", FeatureType.STRING),
            FeatureDefinition.of("ts", FeatureType.FRACTIONAL),
            FeatureDefinition.vector("scores", 2));
    assertThat(spec.onlineStoreConfig().ttlDuration()).isEqualTo(TtlDuration.of(5, TtlUnit.HOURS));
    assertThat(spec.offlineStoreConfig().usesStoreDefault()).isTrue();
    assertThat(spec.throughputConfig()).isEqualTo(ThroughputConfig.onDemand());
    assertThat(spec.tags()).isEmpty();
    assertThat(spec.ingestTransform()).isNull();
    assertThat(entry.toMetadata())
        .isEqualTo(
            Map.of("scores", new FeatureMetadata("d", Map.of("k", "v"), 1_690_000_000_500_000L)));
  }

  @Test
  void anotherVersionOrAnUnknownSpellingIsRefusedWithTheKey() throws IOException {
    String group = golden("group.json");
    assertThatThrownBy(
            () ->
                CatalogEntry.read(
                    json,
                    "group/customers",
                    group
                        .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")
                        .getBytes(UTF_8)))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "Cannot load catalog entry group/customers: format version 2 is not supported"
                + " (expected: 1)");
    assertThatThrownBy(
            () ->
                CatalogEntry.read(
                    json,
                    "retired/0000000000000003",
                    group.replace("\"LIST\"", "\"Bag\"").getBytes(UTF_8)))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "Cannot load catalog entry retired/0000000000000003: collection type 'Bag' is not one"
                + " format 1 knows");
    assertThatThrownBy(
            () -> CatalogEntry.read(json, "group/customers", "{\"formatVersion\":".getBytes(UTF_8)))
        .isInstanceOf(StorageException.class)
        .hasMessage("Cannot load catalog entry group/customers: it is not valid JSON");
  }

  private CatalogEntry read(String name) throws IOException {
    return CatalogEntry.read(json, "group/" + name, golden(name).getBytes(UTF_8));
  }

  private String pretty(byte[] document) throws IOException {
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(document));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in =
        CatalogFormatTest.class.getResourceAsStream("/catalog-format/v1/" + name)) {
      assertThat(in).as("golden file catalog-format/v1/%s", name).isNotNull();
      return new String(in.readAllBytes(), UTF_8).strip();
    }
  }
}
