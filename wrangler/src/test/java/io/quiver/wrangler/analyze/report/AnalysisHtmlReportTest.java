package io.quiver.wrangler.analyze.report;

import static io.quiver.wrangler.analyze.profile.Profiles.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.storage.batch.ColumnKind;
import io.quiver.wrangler.analyze.Analysis;
import io.quiver.wrangler.analyze.AnalysisOptions;
import io.quiver.wrangler.analyze.AnalysisOptions.ChartRequest;
import io.quiver.wrangler.analyze.Analyzer;
import io.quiver.wrangler.analyze.chart.Chart;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      assumeTrue(!"true".equals(System.getenv("CI")), "CI must install chromium (.ci/run)");
      assumeTrue(false, "chromium is not installed");
    }
    Path page = OUT.resolve("report.html").toAbsolutePath();
    // A copy with one script that records, after load, each image's state in the DOM.
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String check =
        "<script>window.addEventListener('load',()=>{const r=[...document.images].map(i=>"
            + "(i.complete?'ok':'pending')+':'+i.naturalWidth+'x'+i.naturalHeight+':'"
            + "+i.getBoundingClientRect().width+'x'+i.getBoundingClientRect().height);"
            + "document.body.setAttribute('data-images',r.join(' '));});</script></body>";
    Path probe = OUT.resolve("report-check.html").toAbsolutePath();
    Files.writeString(probe, html.replace("</body>", check), StandardCharsets.UTF_8);

    Result dom = chromium(chromium, "--dump-dom", probe);
    Matcher images = Pattern.compile("data-images=\"([^\"]*)\"").matcher(dom.out());
    assertThat(images.find()).as("the check ran: " + dom.err()).isTrue();
    String[] states = images.group(1).split(" ");
    assertThat(states).hasSize(AnalysisHtmlReport.charts(analysis).size());
    for (String state : states) {
      String[] parts = state.split(":");
      assertThat(parts[0]).as(state).isEqualTo("ok");
      assertThat(parts[1]).as(state).doesNotStartWith("0x").doesNotEndWith("x0");
      assertThat(parts[2]).as(state).doesNotStartWith("0x").doesNotEndWith("x0");
    }
    assertThat(dom.err().lines().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();

    Path screenshot = OUT.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    Result shot = chromium(chromium, "--screenshot=" + screenshot, page, "--window-size=1300,2600");
    assertThat(shot.err().lines().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(20_000);
  }

  private record Result(String out, String err) {}

  private static Result chromium(Path chromium, String mode, Path page, String... extra)
      throws Exception {
    Path profile = Files.createTempDirectory(OUT.toAbsolutePath(), "chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(chromium.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
            mode));
    command.addAll(List.of(extra));
    command.add(page.toUri().toString());
    Path out = OUT.resolve("chromium-out.txt");
    Path err = OUT.resolve("chromium-err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean done = process.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    assertThat(done).as("chromium finished").isTrue();
    return new Result(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
