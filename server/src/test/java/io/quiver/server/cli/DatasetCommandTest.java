package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code dataset --base} with {@code --base-group} silently used one, {@code --output
 * out.json} wrote CSV, and a backwards time range failed with an internal parameter name. Every
 * option is now checked before any file is read.
 */
class DatasetCommandTest {
  @TempDir Path dir;
  Path labels;

  @BeforeEach
  void writeHistory() throws IOException {
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(dir).ttlSweepInterval(Duration.ZERO).build())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("drivers")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .feature("trips", FeatureType.INTEGRAL)
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .build());
      store.putRecord(
          "drivers",
          Record.builder().set("id", "d1").set("ts", 1_700_000_000.0).set("trips", 3L).build());
    }
    labels = dir.resolve("labels.csv");
    Files.writeString(labels, "id,ts,label\nd1,1700000100.0,1\n", StandardCharsets.UTF_8);
  }

  private CliRun dataset(String... args) {
    List<String> all = new ArrayList<>(List.of("dataset", "--data-dir", dir.toString()));
    all.addAll(Arrays.asList(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private String[] base(String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--base",
                labels.toString(),
                "--id",
                "id",
                "--time",
                "ts",
                "--join",
                "drivers:id:trips",
                "--point-in-time"));
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }

  @Test
  void aPointInTimeDatasetOnStdout() {
    CliRun run = dataset(base());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly("id,ts,label,trips", "d1,1700000100.0,1,3");
  }

  @Test
  void conflictingBasesAreRefused() {
    CliRun run = dataset(base("--base-group", "drivers"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("--base, --base-group and --base-query are mutually exclusive: give one");
  }

  @Test
  void theOutputFormatFollowsTheExtensionOrFormatAndNothingElse() throws IOException {
    CliRun json = dataset(base("--output", dir.resolve("out.json").toString()));
    CliRun contradiction =
        dataset(base("--output", dir.resolve("out.csv").toString(), "--format", "parquet"));
    Path data = dir.resolve("out.data");
    CliRun parquet = dataset(base("--output", data.toString(), "--format", "parquet"));

    assertThat(json.status()).isEqualTo(2);
    assertThat(json.err())
        .startsWith(
            "--output: "
                + dir.resolve("out.json")
                + " (expected: a .csv or .parquet file, or --format csv|parquet for another name)");
    assertThat(Files.exists(dir.resolve("out.json"))).isFalse();
    assertThat(contradiction.status()).isEqualTo(2);
    assertThat(parquet.status()).as(parquet.err()).isZero();
    byte[] head = Arrays.copyOf(Files.readAllBytes(data), 4);
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
  }

  @Test
  void aBackwardsRangeAndABadSplitSayWhichOption() {
    CliRun range = dataset(base("--from", "2024-05-02T00:00:00Z", "--to", "2024-05-01T00:00:00Z"));
    CliRun split = dataset(base("--split", "0.8,x,0.1"));
    CliRun join = dataset("--base-group", "drivers", "--join", "drivers");

    assertThat(range.status()).isEqualTo(2);
    assertThat(range.err())
        .startsWith(
            "--from 2024-05-02T00:00:00Z is after --to 2024-05-01T00:00:00Z (expected: --from <="
                + " --to)");
    assertThat(split.err())
        .startsWith("--split: 0.8,x,0.1 (expected: three fractions such as 0.8,0.1,0.1)");
    assertThat(join.err())
        .startsWith("--join: drivers (expected: GROUP:BASE_COLUMN[:FEATURE,FEATURE...][:left])");
  }

  @Test
  void aBaseThatIsNotParquetIsNamed() throws IOException {
    Path fake = dir.resolve("fake.parquet");
    Files.writeString(fake, "id,ts\nd1,1.0\n", StandardCharsets.UTF_8);

    CliRun run =
        dataset("--base", fake.toString(), "--id", "id", "--time", "ts", "--join", "drivers:id");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("quiver: Cannot read ")
        .contains(fake.toString(), "it is not a Parquet file")
        .doesNotContain("InputFile@", "Exception");
  }
}
