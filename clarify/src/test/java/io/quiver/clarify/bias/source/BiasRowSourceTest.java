package io.quiver.clarify.bias.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.Table;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.storage.error.ValidationException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CSV, gzip CSV, Parquet and in-memory rows give the same numbers; bad files fail clearly. */
class BiasRowSourceTest {
  /** The worked example plus an unused column and a multi-valued numeric facet. */
  private static final Table ROWS =
      Table.of(
          "facet,y,yhat,group,age,note",
          "M,1,1,A,23,x",
          "M,1,1,A,35,",
          "M,1,0,A,41,\"q\"",
          "M,1,1,A,52,x",
          "M,0,1,B,67,x",
          "M,0,0,B,19,x",
          "F,1,1,A,23,x",
          "F,0,0,A,35,x",
          "F,0,1,B,41,x",
          "F,0,0,B,52,x");

  private static final String SCHEMA =
      "message row { required binary facet (STRING); required int32 y; optional double yhat;"
          + " required binary group (STRING); required int64 age; optional binary note (STRING); }";

  private static List<BiasConfig> configs() {
    List<BiasConfig> configs = new ArrayList<>();
    configs.add(
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("facet", ValueSelector.anyOf("F"))
            .predictedLabel("yhat")
            .groupVariable("group")
            .build());
    configs.add(
        BiasConfig.builder()
            .label("y", ValueSelector.above(0.5))
            .facet("age")
            .predictedLabel("yhat")
            .build());
    configs.add(
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("age", ValueSelector.above(40))
            .groupVariable("facet")
            .build());
    return configs;
  }

  private static String json(BiasConfig config, BiasRowSource source) {
    try (source) {
      BiasAnalysis analysis = BiasAnalyzer.analyze(config, source);
      return AnalysisJson.toJson(analysis);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
  void everyInputFormatGivesTheSameAnalysis(CompressionCodecName codec, @TempDir Path dir) {
    Path csv = ROWS.writeCsv(dir.resolve("rows.csv"));
    Path gz = ROWS.writeCsv(dir.resolve("rows.csv.gz"));
    Path parquet = ParquetFiles.write(ROWS, SCHEMA, dir.resolve("rows.parquet"), codec);
    for (BiasConfig config : configs()) {
      String expected = json(config, ROWS.source(config.columns()));
      assertThat(json(config, BiasRowSource.open(csv, config.columns()))).isEqualTo(expected);
      assertThat(json(config, BiasRowSource.open(gz, config.columns()))).isEqualTo(expected);
      assertThat(json(config, BiasRowSource.open(parquet, config.columns()))).isEqualTo(expected);
    }
  }

  @Test
  void parquetReadsTypedValuesAsText(@TempDir Path dir) {
    Path parquet =
        ParquetFiles.write(ROWS, SCHEMA, dir.resolve("rows.parquet"), CompressionCodecName.SNAPPY);
    BiasColumns columns = new BiasColumns("age", "y", "yhat", "note");
    try (BiasRowSource source = BiasRowSource.parquet(parquet, columns)) {
      assertThat(source.next()).isTrue();
      assertThat(source.facet()).isEqualTo("23");
      assertThat(source.label()).isEqualTo("1");
      assertThat(source.predictedLabel()).isEqualTo("1.0");
      assertThat(source.next()).isTrue();
      assertThat(source.groupVariable()).isEmpty(); // null note
    }
  }

  @Test
  void csvHandlesQuotesAndOneColumnInTwoRoles(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("q.csv");
    Files.writeString(csv, "name,y\n\"Smith, J\",1\n\"O\"\"Neil\",0\n");
    try (BiasRowSource source =
        BiasRowSource.csv(csv, new BiasColumns("name", "y", null, "name"))) {
      assertThat(source.next()).isTrue();
      assertThat(source.facet()).isEqualTo("Smith, J");
      assertThat(source.groupVariable()).isEqualTo("Smith, J");
      assertThat(source.next()).isTrue();
      assertThat(source.facet()).isEqualTo("O\"Neil");
      assertThat(source.next()).isFalse();
    }
  }

  @Test
  void missingColumnIsAnErrorListingTheColumns(@TempDir Path dir) {
    Path csv = ROWS.writeCsv(dir.resolve("rows.csv"));
    Path parquet =
        ParquetFiles.write(ROWS, SCHEMA, dir.resolve("rows.parquet"), CompressionCodecName.SNAPPY);
    BiasColumns columns = BiasColumns.of("sex", "y");
    assertThatThrownBy(() -> BiasRowSource.open(csv, columns))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot read "
                + csv
                + ": no column 'sex' in its header (columns: facet, y, yhat, group,"
                + " age, note)");
    assertThatThrownBy(() -> BiasRowSource.open(parquet, columns))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no column 'sex'");
  }

  @Test
  void shortRowIsAnErrorNamingTheRow(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("short.csv");
    Files.writeString(csv, "x,y\nM,1\nF\n");
    try (BiasRowSource source = BiasRowSource.csv(csv, BiasColumns.of("x", "y"))) {
      assertThat(source.next()).isTrue();
      assertThatThrownBy(source::next).hasMessageContaining("data row 2 has 1 fields");
    }
  }

  @Test
  void missingFileAndUnknownExtensionAreClearErrors(@TempDir Path dir) {
    BiasColumns columns = BiasColumns.of("x", "y");
    assertThatThrownBy(() -> BiasRowSource.open(dir.resolve("nope.csv"), columns))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageEndingWith("nope.csv: no such file");
    assertThatThrownBy(() -> BiasRowSource.open(dir.resolve("nope.parquet"), columns))
        .hasMessageEndingWith("nope.parquet: no such file");
    assertThatThrownBy(() -> BiasRowSource.open(dir.resolve("rows.json"), columns))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".csv, .csv.gz or .parquet");
  }

  @Test
  void closeIsIdempotent(@TempDir Path dir) {
    Path csv = ROWS.writeCsv(dir.resolve("rows.csv"));
    BiasRowSource source = BiasRowSource.csv(csv, BiasColumns.of("facet", "y"));
    source.close();
    source.close();
  }
}
