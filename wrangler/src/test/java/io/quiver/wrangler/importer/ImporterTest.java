package io.quiver.wrangler.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path tmp;
  ImportFixture fx;

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void csvIsInferredCreatedAndImported() {
    fx.file(
        "customers.csv",
        "customer_id,event_time,orders,spend,city",
        "c1,2024-05-01T12:00:00Z,3,10.5,Paris",
        "c2,2024-05-01T12:00:01.250Z,7,2e3,",
        "c3,2024-05-02T00:00:00Z,0,0,\"Lyon, FR\"");

    ImportSummary summary =
        fx.createAndImport(
            "customers",
            fx.path("customers.csv"),
            "customer_id",
            "event_time",
            ImportConfig.defaults());

    assertThat(summary.rowsRead()).isEqualTo(3);
    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(summary.rowsSkipped()).isZero();
    FeatureGroup group = fx.store.describeFeatureGroup("customers");
    assertThat(group.features())
        .containsExactly(
            FeatureDefinition.of("customer_id", FeatureType.STRING),
            FeatureDefinition.of("event_time", FeatureType.STRING),
            FeatureDefinition.of("orders", FeatureType.INTEGRAL),
            FeatureDefinition.of("spend", FeatureType.FRACTIONAL),
            FeatureDefinition.of("city", FeatureType.STRING));
    assertThat(fx.online("customers", "c2"))
        .isEqualTo(
            Map.of(
                "customer_id",
                "c2",
                "event_time",
                "2024-05-01T12:00:01.250Z",
                "orders",
                "7",
                "spend",
                "2e3"));
    assertThat(fx.online("customers", "c3")).containsEntry("city", "Lyon, FR");
  }

  @Test
  void gzipCsvIsReadThroughTheCompression() {
    fx.file("a.csv.gz", "id,ts,v", "1,1700000000.5,x", "2,1700000001,y");

    ImportSummary summary =
        fx.createAndImport("g", fx.path("a.csv.gz"), "id", "ts", ImportConfig.defaults());

    assertThat(summary.rowsWritten()).isEqualTo(2);
    assertThat(fx.store.describeFeatureGroup("g").eventTime().type())
        .isEqualTo(FeatureType.FRACTIONAL);
    assertThat(fx.online("g", "2")).isEqualTo(Map.of("id", "2", "ts", "1700000001", "v", "y"));
  }

  @Test
  void jsonLinesAndJsonArraysBothImport() {
    fx.file(
        "lines.jsonl",
        "{\"id\": \"a\", \"ts\": 1700000000.25, \"n\": 1, \"x\": 1.5, \"tags\": [\"p\", \"q\"], \"meta\": {\"k\": [1]}}",
        "{\"id\": \"b\", \"ts\": 1700000001.0, \"n\": null, \"x\": 2}");
    fx.file(
        "array.json",
        "[",
        "  {\"id\": \"c\", \"ts\": 1700000002.0, \"n\": 5, \"x\": 0.5},",
        "  {\"id\": \"d\", \"ts\": 1700000003.0}",
        "]");

    ImportSummary lines =
        fx.createAndImport("j", fx.path("lines.jsonl"), "id", "ts", ImportConfig.defaults());
    ImportSummary array = fx.importInto("j", fx.path("array.json"), ImportConfig.defaults());

    assertThat(lines.rowsWritten()).isEqualTo(2);
    assertThat(array.rowsWritten()).isEqualTo(2);
    assertThat(fx.store.describeFeatureGroup("j").features())
        .containsExactly(
            FeatureDefinition.of("id", FeatureType.STRING),
            FeatureDefinition.of("ts", FeatureType.FRACTIONAL),
            FeatureDefinition.of("n", FeatureType.INTEGRAL),
            FeatureDefinition.of("x", FeatureType.FRACTIONAL),
            FeatureDefinition.list("tags", FeatureType.STRING),
            FeatureDefinition.of("meta", FeatureType.STRING));
    assertThat(fx.online("j", "a"))
        .isEqualTo(
            Map.of(
                "id",
                "a",
                "ts",
                "1700000000.25",
                "n",
                "1",
                "x",
                "1.5",
                "tags",
                "p|q",
                "meta",
                "{\"k\":[1]}"));
    assertThat(fx.online("j", "b")).isEqualTo(Map.of("id", "b", "ts", "1700000001.0", "x", "2"));
    assertThat(fx.online("j", "d")).isEqualTo(Map.of("id", "d", "ts", "1700000003.0"));
  }

  @Test
  void latestEventTimeWinsWhateverTheBatchOrder() {
    String[] lines = new String[2_001];
    lines[0] = "id,ts,v";
    for (int i = 1; i <= 2_000; i++) {
      // ten identifiers, each written 200 times with event times out of order
      lines[i] = "k" + (i % 10) + "," + (1_700_000_000 + (i * 7919 % 2_000)) + ".0," + i;
    }
    fx.file("many.csv", lines);

    ImportSummary summary =
        fx.createAndImport(
            "m",
            fx.path("many.csv"),
            "id",
            "ts",
            ImportConfig.builder().batchSize(7).writerThreads(2).build());

    assertThat(summary.rowsWritten()).isEqualTo(2_000);
    for (int k = 0; k < 10; k++) {
      int best = -1;
      for (int i = 1; i <= 2_000; i++) {
        if (i % 10 == k && (best < 0 || i * 7919 % 2_000 > best * 7919 % 2_000)) {
          best = i;
        }
      }
      assertThat(fx.online("m", "k" + k)).containsEntry("v", Integer.toString(best));
    }
  }

  @Test
  void globImportsEveryMatchingFileAndCsvMayStartWithAByteOrderMark() {
    fx.file("in/part-1.csv", "id,ts", "a,1.0");
    fx.file("in/part-2.csv", "id,ts", "b,2.0");
    fx.file("in/other.txt", "not,csv");
    fx.file("in/_SUCCESS", "");
    fx.file("in/part-3.csv", "\uFEFFid,ts", "c,3.0");

    ImportSummary summary =
        fx.createAndImport("g", fx.path("in") + "/part-*.csv", "id", "ts", ImportConfig.defaults());
    ImportSummary again = fx.importInto("g", fx.path("in/part-3.csv"), ImportConfig.defaults());

    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(again.rowsWritten()).isEqualTo(1);
    assertThat(fx.online("g", "b")).containsEntry("ts", "2.0");
  }

  @Test
  void progressIsReportedAndEndsWithEveryRow() {
    fx.file("p.csv", "id,ts", "a,1.0", "b,2.0", "c,3.0");

    fx.createAndImport(
        "p",
        fx.path("p.csv"),
        "id",
        "ts",
        ImportConfig.builder().batchSize(1).progressInterval(java.time.Duration.ZERO).build());

    assertThat(fx.progress).isNotEmpty();
    ImportProgress last = fx.progress.get(fx.progress.size() - 1);
    assertThat(last.rowsRead()).isEqualTo(3);
    assertThat(last.rowsWritten()).isEqualTo(3);
    assertThat(last.fractionRead()).isEqualTo(1.0);
  }

  @Test
  void stopEndsAfterTheCurrentBatchWithACountOfWhatWasCommitted() {
    String[] lines = new String[101];
    lines[0] = "id,ts";
    for (int i = 1; i <= 100; i++) {
      lines[i] = "k" + i + "," + i + ".0";
    }
    fx.file("s.csv", lines);
    fx.createAndImport(
        "s", fx.path("s.csv"), "id", "ts", ImportConfig.builder().batchSize(1000).build());
    Importer importer =
        Importer.create(
            fx.store,
            ImportConfig.builder().batchSize(10).progressInterval(java.time.Duration.ZERO).build());

    ImportSummary summary;
    try (var source =
        io.quiver.wrangler.source.ImportSource.open(
            fx.path("s.csv"), io.quiver.wrangler.source.SourceOptions.defaults())) {
      summary =
          importer.run(
              source,
              "s",
              new ImportListener() {
                @Override
                public void onProgress(ImportProgress progress) {
                  if (progress.rowsRead() >= 30) {
                    importer.stop();
                  }
                }

                @Override
                public void onRowRejected(RowError error) {}
              });
    }

    assertThat(summary.stopped()).isTrue();
    assertThat(summary.rowsRead()).isEqualTo(30);
    assertThat(summary.rowsWritten()).isEqualTo(30);
    assertThat(summary.toString())
        .startsWith("s: read 30, written 30, skipped 0 in ")
        .endsWith(", stopped");
  }
}
