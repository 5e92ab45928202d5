package io.quiver.server.flow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.cli.Cli;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of {@code docs/flows.md}, run as written: its CSV and flow blocks are read
 * from the page, so the page stays true.
 */
class FlowsWorkedExampleTest {
  @TempDir Path dir;

  private static String block(String page, String language) {
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(page);
    if (!m.find()) {
      throw new AssertionError("docs/flows.md has no " + language + " block");
    }
    return m.group(1);
  }

  @Test
  void rawCsvToAFeatureGroupToATrainingSet() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "flows.md"), UTF_8);
    Files.writeString(dir.resolve("orders.csv"), block(page, "csv"), UTF_8);
    Path flow = dir.resolve("orders.flow");
    Files.writeString(
        flow,
        block(page, "json")
            .replace(
                "\"value\": \"orders.csv\"", "\"value\": \"" + dir.resolve("orders.csv") + "\""),
        UTF_8);
    Path data = dir.resolve("quiver-data");

    Cli.Result describe = Cli.run("flow", "describe", flow.toString());
    assertThat(describe.status()).as(describe.err()).isZero();
    Cli.Result fit = Cli.run("flow", "fit", flow.toString());
    assertThat(fit.status()).as(fit.err()).isZero();
    Cli.Result run = Cli.run("flow", "run", flow.toString(), "--data-dir", data.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("orders: 4 rows to feature-group/orders");

    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(data).ttlSweepInterval(Duration.ZERO).build())) {
      assertThat(store.describeFeatureGroup("orders").features())
          .extracting(f -> f.name())
          .containsExactly(
              "order_id",
              "customer_id",
              "event_time",
              "amount",
              "signup",
              "amount_scaled",
              "country_us",
              "country_de",
              "country_fr",
              "signup_year",
              "signup_month");
      Record o2 = store.getRecord("orders", "c2").orElseThrow().record();
      store.putRecord(
          "orders",
          Record.builder()
              .set("order_id", "o5")
              .set("customer_id", "c2")
              .set("event_time", "2024-02-03T10:00:00Z")
              .set("amount", "12")
              .set("country", "fr")
              .set("signup", "2022-11-15")
              .build());
      Record o5 = store.getRecord("orders", "c2").orElseThrow().record();
      assertThat(o5.getDouble("country_fr")).isEqualTo(1.0);
      assertThat(o5.getLong("signup_year")).isEqualTo(2022);
      assertThat(o5.getLong("signup_month")).isEqualTo(10);
      // amounts 10.5, mean, 30, mean: mean 20.25; the scaled value of 12 uses that fit.
      assertThat(o2.getDouble("amount")).isEqualTo(20.25);
    }
    Files.writeString(
        dir.resolve("labels.csv"),
        "customer_id,label_time,label\nc1,2024-02-01T10:00:00Z,1\nc2,2024-02-03T11:00:00Z,0\n",
        UTF_8);
    Cli.Result dataset =
        Cli.run(
            "dataset",
            "--data-dir",
            data.toString(),
            "--base",
            dir.resolve("labels.csv").toString(),
            "--id",
            "customer_id",
            "--time",
            "label_time",
            "--join",
            "orders:customer_id",
            "--point-in-time",
            "--output",
            dir.resolve("training.csv").toString());
    assertThat(dataset.status()).as(dataset.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("training.csv"))).hasSize(3);
  }
}
