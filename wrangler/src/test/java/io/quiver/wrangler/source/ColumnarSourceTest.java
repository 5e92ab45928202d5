package io.quiver.wrangler.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportFixture;
import io.quiver.wrangler.importer.ImportSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/** Parquet (every codec we ship) and ORC files, with every mapped type, imported end to end. */
class ColumnarSourceTest {
  static final List<FeatureDefinition> EXPECTED_FEATURES =
      List.of(
          FeatureDefinition.of("id", FeatureType.STRING),
          FeatureDefinition.of("ts", FeatureType.STRING),
          FeatureDefinition.of("n", FeatureType.INTEGRAL),
          FeatureDefinition.of("i", FeatureType.INTEGRAL),
          FeatureDefinition.of("x", FeatureType.FRACTIONAL),
          FeatureDefinition.of("f", FeatureType.FRACTIONAL),
          FeatureDefinition.of("d", FeatureType.FRACTIONAL),
          FeatureDefinition.of("day", FeatureType.STRING),
          FeatureDefinition.of("flag", FeatureType.STRING),
          FeatureDefinition.list("tags", FeatureType.STRING));

  static final Map<String, String> ROW_1 =
      Map.of(
          "id",
          "r1",
          "ts",
          "2024-05-01T12:00:01.250Z",
          "n",
          "11",
          "i",
          "1",
          "x",
          "1.1",
          "f",
          "1.5",
          "d",
          "123.46",
          "day",
          "2024-05-01",
          "flag",
          "false",
          "tags",
          "a|b1");

  @org.junit.jupiter.api.io.TempDir Path tmp;
  ImportFixture fx;

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"},
      mode = Mode.INCLUDE)
  void parquetImportsEveryType(CompressionCodecName codec) {
    ColumnarFiles.parquet(tmp.resolve("rows.parquet"), codec);

    ImportSummary summary =
        fx.createAndImport("p", fx.path("rows.parquet"), "id", "ts", ImportConfig.defaults());

    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(fx.store.describeFeatureGroup("p").features()).isEqualTo(EXPECTED_FEATURES);
    assertThat(fx.online("p", "r1")).isEqualTo(ROW_1);
    assertThat(fx.online("p", "r2"))
        .isEqualTo(Map.of("id", "r2", "ts", "2024-05-01T12:00:02.250Z"));
  }

  @Test
  void orcImportsEveryType() {
    ColumnarFiles.orc(tmp.resolve("rows.orc"));

    ImportSummary summary =
        fx.createAndImport("o", fx.path("rows.orc"), "id", "ts", ImportConfig.defaults());

    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(fx.store.describeFeatureGroup("o").features()).isEqualTo(EXPECTED_FEATURES);
    assertThat(fx.online("o", "r1")).isEqualTo(ROW_1);
    assertThat(fx.online("o", "r2"))
        .isEqualTo(Map.of("id", "r2", "ts", "2024-05-01T12:00:02.250Z"));
  }
}
