package io.quiver.wrangler.analyze.report;

import static io.quiver.wrangler.analyze.profile.Profiles.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.batch.ColumnKind;
import io.quiver.wrangler.analyze.Analysis;
import io.quiver.wrangler.analyze.AnalysisOptions;
import io.quiver.wrangler.analyze.AnalysisOptions.ChartRequest;
import io.quiver.wrangler.analyze.Analyzer;
import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.Profiles;
import io.quiver.wrangler.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report as a person sees it: opened in real headless Chromium, every chart image loads with a
 * non-zero size, the page logs nothing to the console, and a screenshot lands in target/.
 */
class AnalysisHtmlReportTest {
  private static final Path OUT = Path.of("target", "analyze-report");
  private static Analysis analysis;

  @BeforeAll
  static void analyse() throws IOException {
    Random random = new Random(11);
    String[] plans = {"basic", "plus", "pro"};
    List<AnalysisColumn> columns =
        List.of(
            column("age", ColumnKind.LONG),
            column("income", ColumnKind.DOUBLE),
            column("visits", ColumnKind.DOUBLE),
            column("plan", ColumnKind.STRING),
            column("region", ColumnKind.STRING),
            column("refund_issued", ColumnKind.LONG),
            column("churned", ColumnKind.STRING));
    DatasetProfile profile =
        Profiles.of(
            columns,
            20_000,
            i -> {
              boolean churned = random.nextDouble() < 0.3;
              double income = Math.exp(10.5 + 0.5 * random.nextGaussian());
              return new Object[] {
                (long) (18 + random.nextInt(60)),
                i % 50 == 0 ? null : income,
                Math.max(0, (churned ? 3 : 8) + 3 * random.nextGaussian()),
                plans[random.nextInt(3)],
                random.nextBoolean() ? "north" : "south",
                (churned ^ random.nextDouble() < 0.02) ? 1L : 0L,
                churned ? "yes" : "no"
              };
            });
    analysis =
        Analyzer.analyze(
            "customers.parquet",
            profile,
            new AnalysisOptions(
                "churned",
                List.of(ChartRequest.parse("visits:churned:region")),
                List.of(ChartRequest.parse("age,income:plan")),
                42));
    Files.createDirectories(OUT);
    AnalysisHtmlReport.write(analysis, OUT.resolve("report.html"));
  }

  @Test
  void pageIsSelfContainedAndEveryChartHasItsData() throws IOException {
    String html = Files.readString(OUT.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    List<Chart> charts = AnalysisHtmlReport.charts(analysis);
    assertThat(charts).hasSizeGreaterThan(8);
    for (Chart chart : charts) {
      assertThat(OUT.resolve("report-data").resolve(chart.id() + ".json")).exists();
      assertThat(html).contains("report-data/" + chart.id() + ".json");
    }
    assertThat(html).contains("refund_issued").contains("leakage").contains("Quick model");
    // colour-by and facet-by: one chart per region, one series per churned value
    assertThat(charts)
        .filteredOn(c -> c.id().startsWith("histogram-visits-by-churned-facet-region"))
        .hasSize(2);
  }

  @Test
  void chromiumLoadsEveryImageWithoutConsoleErrors() throws Exception {
    HeadlessChromium.assertImagesLoad(
        OUT.resolve("report.html"),
        AnalysisHtmlReport.charts(analysis).size(),
        OUT.resolve("report.png"),
        "1300,2600");
  }
}
