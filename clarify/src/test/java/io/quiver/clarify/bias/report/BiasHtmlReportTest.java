package io.quiver.clarify.bias.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.Metric;
import io.quiver.clarify.bias.Table;
import io.quiver.clarify.bias.ValueSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page is self-contained and shows every metric with its description and a bar. */
class BiasHtmlReportTest {
  private static final Table ROWS =
      Table.of(
          "sex,y,p,g",
          "M,1,1,A",
          "M,1,1,A",
          "M,1,0,A",
          "M,1,1,A",
          "M,0,1,B",
          "M,0,0,B",
          "F,1,1,A",
          "F,0,0,A",
          "F,0,1,B",
          "F,0,0,B");

  @Test
  void pageShowsEveryMetricGroupChartAndNoExternalResources(@TempDir Path dir) throws Exception {
    BiasAnalysis analysis =
        ROWS.analyze(
            BiasConfig.builder()
                .label("y", ValueSelector.anyOf("1"))
                .facet("sex", ValueSelector.anyOf("F"))
                .predictedLabel("p")
                .groupVariable("g")
                .build());
    Path file = dir.resolve("bias.html");
    BiasHtmlReport.write(analysis, file);
    String html = Files.readString(file, StandardCharsets.UTF_8);

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    for (Metric metric : Metric.values()) {
      assertThat(html).contains(">" + metric.name() + "</abbr>");
      assertThat(html).contains(metric.explanation().replace("\"", "&quot;"));
    }
    assertThat(html).contains("d: F").contains("a: the other rows").contains("<svg");
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void userTextIsEscaped() {
    BiasAnalysis analysis =
        Table.of("<b>,y", "<i>,1", "x,0")
            .analyze(
                BiasConfig.builder().label("y", ValueSelector.anyOf("1")).facet("<b>").build());
    String html = BiasHtmlReport.render(analysis);
    assertThat(html).contains("&lt;b&gt;").contains("&lt;i&gt;").doesNotContain("<i>");
  }

  @Test
  void infiniteAndOutOfRangeValuesStillDrawABar() {
    assertThat(BiasHtmlReport.metricBar(Metric.DI, Double.POSITIVE_INFINITY)).contains("∞");
    assertThat(BiasHtmlReport.metricBar(Metric.KL, -0.37)).contains("−0.3700");
  }
}
