package io.quiver.wrangler.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.source.SourceException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule a row can break, with its exact message, under --on-error fail and skip. */
class BadRowsTest {
  private static final String PREFIX = "Cannot put record into feature group g: ";
  private static final ImportConfig SKIP = ImportConfig.builder().onError(OnError.SKIP).build();

  @TempDir Path tmp;
  ImportFixture fx;

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
    fx.create(
        FeatureGroupSpec.builder("g")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.STRING)
            .feature("n", FeatureType.INTEGRAL)
            .feature("x", FeatureType.FRACTIONAL)
            .feature("s", FeatureType.STRING));
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private String csv(String... rows) {
    String[] lines = new String[rows.length + 1];
    lines[0] = "id,ts,n,x,s";
    System.arraycopy(rows, 0, lines, 1, rows.length);
    fx.file("in.csv", lines);
    return fx.path("in.csv");
  }

  @Test
  void wrongTypeIsReportedWithLineAndRule() {
    String in =
        csv(
            "a,2024-01-01T00:00:00Z,1,1.5,ok",
            "b,2024-01-01T00:00:00Z,seven,1.5,ok",
            "c,2024-01-01T00:00:00Z,x1,abc,ok");

    ImportSummary summary = fx.importInto("g", in, SKIP);

    assertThat(fx.rejected)
        .containsExactly(
            new RowError(
                in + ":3",
                PREFIX
                    + "value 'seven' of feature 'n' is not a valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807)"),
            new RowError(
                in + ":4",
                PREFIX
                    + "value 'x1' of feature 'n' is not a valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807)"));
    assertThat(List.of(summary.rowsRead(), summary.rowsWritten(), summary.rowsSkipped()))
        .containsExactly(3L, 1L, 2L);
  }

  @Test
  void missingIdentifierAndEventTimeAreReported() {
    String in =
        csv(
            ",2024-01-01T00:00:00Z,1,1.5,no id",
            "b,,1,1.5,no time",
            "c,2024-01-01 00:00:00,1,1.5,bad time",
            "d,2024-01-01T00:00:00Z,1,1.5,ok");

    ImportSummary summary = fx.importInto("g", in, SKIP);

    assertThat(fx.rejected)
        .containsExactly(
            new RowError(
                in + ":2",
                PREFIX + "the record identifier feature 'id' is required in every record"),
            new RowError(
                in + ":3", PREFIX + "the event time feature 'ts' is required in every record"),
            new RowError(
                in + ":4",
                "Cannot accept event time '2024-01-01 00:00:00': it is not a valid event time format (expected: an ISO-8601 UTC time, yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ)"));
    assertThat(List.of(summary.rowsRead(), summary.rowsWritten(), summary.rowsSkipped()))
        .containsExactly(4L, 1L, 3L);
    assertThat(fx.online("g", "d")).containsEntry("s", "ok");
  }

  @Test
  void oversizeValueAndIdentifierAreReported() {
    String bigValue = "v".repeat(350 * 1024 + 1);
    String bigId = "i".repeat(2 * 1024 + 1);
    String in =
        csv("a,2024-01-01T00:00:00Z,1,1.5," + bigValue, bigId + ",2024-01-01T00:00:00Z,1,1.5,ok");

    ImportSummary summary = fx.importInto("g", in, SKIP);

    assertThat(fx.rejected)
        .containsExactly(
            new RowError(
                in + ":2",
                "Cannot accept value of feature 's': size limit exceeded, 358401 bytes (expected: <= 358400 bytes)"),
            new RowError(
                in + ":3",
                "Cannot accept record identifier for feature group g: size limit exceeded, 2049 bytes (expected: <= 2048 bytes)"));
    assertThat(List.of(summary.rowsRead(), summary.rowsWritten(), summary.rowsSkipped()))
        .containsExactly(2L, 0L, 2L);
  }

  // Issue 15: a column that is no feature was rejected row by row (every row skipped with
  // --on-error skip); a feature without a column imported empty values without a word.
  @Test
  void unknownColumnIsRefusedBeforeAnyRowWhateverOnError() {
    fx.file("extra.csv", "id,ts,colour", "a,2024-01-01T00:00:00Z,red");

    assertThatThrownBy(() -> fx.importInto("g", fx.path("extra.csv"), SKIP))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot import "
                + fx.path("extra.csv")
                + " into feature group g: column 'colour' is not a feature of the group (features:"
                + " id, ts, n, x, s); drop or rename it in the input, or add the feature with"
                + " UpdateFeatureGroup");
    assertThat(fx.rejected).isEmpty();
  }

  @Test
  void missingEventTimeColumnIsRefusedAndMissingFeaturesAreWarnedAbout() {
    fx.file("noTime.csv", "id,n", "a,1");
    assertThatThrownBy(() -> fx.importInto("g", fx.path("noTime.csv"), SKIP))
        .isInstanceOf(ValidationException.class)
        .hasMessageEndingWith(
            "it has no column 'ts', the group's event time, which every record needs (columns:"
                + " id, n)");

    fx.file("narrow.csv", "id,ts,n", "a,2024-01-01T00:00:00Z,1");
    ImportSummary summary = fx.importInto("g", fx.path("narrow.csv"), SKIP);

    assertThat(summary.rowsWritten()).isEqualTo(1);
    assertThat(fx.warnings)
        .containsExactly(
            fx.path("narrow.csv")
                + " has no column for features 'x', 's' of feature group g: they stay empty in"
                + " every record");
  }

  @Test
  void failInAnImportIntoANewGroupWritesNothing() {
    String ok = ",2024-01-01T00:00:00Z,1,1.5,ok";
    String in = csv("a" + ok, "b" + ok, "bad,2024-01-01T00:00:00Z,1.5,1.5,ok", "c" + ok);

    assertThatThrownBy(() -> fx.importInto("g", in, ImportConfig.defaults()))
        .isInstanceOfSatisfying(
            ImportFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith(
                      "Cannot import " + in + ":4: " + PREFIX + "value '1.5' of feature 'n'")
                  .endsWith(
                      "(nothing was written: an import into a new or empty group writes all its"
                          + " rows or none)");
              assertThat(e.summary().rowsWritten()).isZero();
            });
    for (String id : List.of("a", "b", "bad", "c")) {
      assertThat(fx.online("g", id)).isEmpty();
    }
  }

  @Test
  void failCommitsEveryBatchBeforeTheBadRowAndNothingFromItsBatchOn() {
    String ok = ",2024-01-01T00:00:00Z,1,1.5,ok";
    // batches of 2: [a b] [c d] [e BAD] [f g]
    String in =
        csv(
            "a" + ok,
            "b" + ok,
            "c" + ok,
            "d" + ok,
            "e" + ok,
            "bad,2024-01-01T00:00:00Z,1.5,1.5,ok",
            "f" + ok,
            "g" + ok);

    assertThatThrownBy(
            () -> fx.importThroughPutRecords("g", in, ImportConfig.builder().batchSize(2).build()))
        .isInstanceOfSatisfying(
            ImportFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Cannot import "
                          + in
                          + ":7: "
                          + PREFIX
                          + "value '1.5' of feature 'n' is not a valid Integral (expected: a 64-bit signed integer,"
                          + " -9223372036854775808 to 9223372036854775807) (rows committed before its batch: 4;"
                          + " nothing from that batch onward was written)");
              ImportSummary summary = e.summary();
              assertThat(List.of(summary.rowsRead(), summary.rowsWritten(), summary.rowsSkipped()))
                  .containsExactly(6L, 4L, 0L);
              assertThat(summary.failed()).isPresent();
            });
    for (String id : List.of("a", "b", "c", "d")) {
      assertThat(fx.online("g", id)).containsEntry("s", "ok");
    }
    for (String id : List.of("e", "bad", "f", "g")) {
      assertThat(fx.online("g", id)).isEmpty();
    }
  }

  @Test
  void malformedJsonStopsWithItsPosition() {
    fx.file(
        "bad.jsonl",
        "{\"id\": \"a\", \"ts\": \"2024-01-01T00:00:00Z\"}",
        "{\"id\": \"b\", \"ts\": }");

    assertThatThrownBy(() -> fx.importInto("g", fx.path("bad.jsonl"), SKIP))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "Cannot read " + fx.path("bad.jsonl") + ":2: Unexpected character ('}'");
  }

  @Test
  void csvRowWithTooManyCellsStopsWithItsLine() {
    String in = csv("a,2024-01-01T00:00:00Z,1,1.5,ok,surplus");

    assertThatThrownBy(() -> fx.importInto("g", in, SKIP))
        .isInstanceOf(SourceException.class)
        .hasMessage("Cannot read " + in + ":2: the row has 6 cells but the header names 5 columns");
  }
}
