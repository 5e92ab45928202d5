package io.quiver.clarify.bias;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.report.BiasHtmlReport;
import io.quiver.clarify.bias.source.BiasRowSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "From Java" snippet of {@code docs/bias.md}, so it stays true. */
class DocsExampleTest {
  @Test
  void javaSnippetRuns(@TempDir Path dir) throws Exception {
    Path csv = WorkedExampleTest.VECTOR_A.writeCsv(dir.resolve("rows.csv"));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Path html = dir.resolve("bias.html");

    // --- snippet (docs/bias.md), with the paths, the facet column and System.out replaced ---
    BiasConfig config =
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("facet", ValueSelector.anyOf("F"))
            .predictedLabel("yhat")
            .groupVariable("group")
            .build();
    try (BiasRowSource rows = BiasRowSource.open(csv, config.columns())) {
      BiasAnalysis analysis = BiasAnalyzer.analyze(config, rows);
      AnalysisJson.write(analysis, stdout);
      BiasHtmlReport.write(analysis, html);
    }
    // --- end of snippet ---

    assertThat(stdout.toString(StandardCharsets.UTF_8))
        .contains("\"pre_training_bias_metrics\"")
        .contains("\"value\" : 0.68");
    assertThat(Files.size(html)).isPositive();
  }
}
