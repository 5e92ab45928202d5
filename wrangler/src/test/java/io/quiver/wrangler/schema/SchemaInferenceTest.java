package io.quiver.wrangler.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInferenceTest {
  @TempDir Path tmp;

  private InferredSchema infer(String name, int sampleRows, String... lines) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    try (ImportSource source = ImportSource.open(file.toString(), SourceOptions.defaults())) {
      InferredSchema schema = SchemaInference.infer(source, "id", "ts", sampleRows);
      // the sample stays in the source
      assertThat(source.next()).isNotNull();
      return schema;
    }
  }

  @Test
  void csvNumbersAreSniffedLikePandas() throws IOException {
    InferredSchema schema =
        infer(
            "a.csv",
            100,
            "id,ts,ints,mixed,decimals,text,empty,big",
            "1,1.5,1,1,1.5,a,,99999999999999999999",
            "2,2.5,-2,2.5,2e3,3,,1");

    assertThat(schema.features())
        .containsExactly(
            FeatureDefinition.of("id", FeatureType.INTEGRAL),
            FeatureDefinition.of("ts", FeatureType.FRACTIONAL),
            FeatureDefinition.of("ints", FeatureType.INTEGRAL),
            FeatureDefinition.of("mixed", FeatureType.FRACTIONAL),
            FeatureDefinition.of("decimals", FeatureType.FRACTIONAL),
            FeatureDefinition.of("text", FeatureType.STRING),
            FeatureDefinition.of("empty", FeatureType.STRING),
            FeatureDefinition.of("big", FeatureType.STRING));
    assertThat(schema.rowsSampled()).isEqualTo(2);
  }

  @Test
  void jsonStringsStayStringsEvenWhenTheyLookNumeric() throws IOException {
    InferredSchema schema =
        infer(
            "a.jsonl",
            100,
            "{\"id\": \"7\", \"ts\": \"2024-05-01T00:00:00Z\", \"n\": 3, \"flag\": true}");

    assertThat(schema.features())
        .containsExactly(
            FeatureDefinition.of("id", FeatureType.STRING),
            FeatureDefinition.of("ts", FeatureType.STRING),
            FeatureDefinition.of("n", FeatureType.INTEGRAL),
            FeatureDefinition.of("flag", FeatureType.STRING));
  }

  @Test
  void onlyTheSampleIsLookedAt() throws IOException {
    InferredSchema schema = infer("a.csv", 1, "id,ts,n", "a,1.0,1", "b,2.0,x");

    assertThat(schema.features()).contains(FeatureDefinition.of("n", FeatureType.INTEGRAL));
  }

  @Test
  void missingColumnIsNamedWithTheColumnsThereAre() {
    assertThatThrownBy(() -> infer("a.csv", 10, "key,ts", "a,1.0"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot infer feature definitions from "
                + tmp.resolve("a.csv")
                + ": column 'id' is not in the data (columns: key, ts)");
  }

  @Test
  void eventTimeColumnWithNoTimeAtAllIsRefused() {
    assertThatThrownBy(() -> infer("a.csv", 10, "id,ts", "a,2024-05-01 10:00"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot infer feature definitions from "
                + tmp.resolve("a.csv")
                + ": no value of event time column 'ts' in the first 1 rows is a time ('2024-05-01"
                + " 10:00' at "
                + tmp.resolve("a.csv")
                + ":2; expected: ISO-8601 UTC times such as 2024-05-01T12:00:00Z or"
                + " 2024-05-01T12:00:00.250Z, or fractional seconds since the epoch such as"
                + " 1714564800.0)");
  }

  // Issue 15: one bad cell turned a numeric column into String without a word, and one bad event
  // time refused the whole inference.
  @Test
  void aFewValuesThatDoNotParseKeepTheTypeOfTheRestAndAreReported() throws IOException {
    InferredSchema schema =
        infer(
            "a.csv",
            100,
            "id,ts,amount,n,code",
            "a,2024-05-01T00:00:00Z,1.5,1,x1",
            "b,2024-05-01T00:00:01Z,n/a,2,x2",
            "c,yesterday,2.5,3,7",
            "d,2024-05-01T00:00:03Z,3,4e0,x4",
            ",2024-05-01T00:00:04Z,4,5,x5");

    assertThat(schema.features())
        .containsExactly(
            FeatureDefinition.of("id", FeatureType.STRING),
            FeatureDefinition.of("ts", FeatureType.STRING),
            FeatureDefinition.of("amount", FeatureType.FRACTIONAL),
            FeatureDefinition.of("n", FeatureType.FRACTIONAL),
            FeatureDefinition.of("code", FeatureType.STRING));
    String file = tmp.resolve("a.csv").toString();
    assertThat(schema.rowsUnfit()).isEqualTo(3);
    assertThat(schema.firstUnfit())
        .containsExactly(
            new UnfitRow(file + ":3", "amount 'n/a' is not Fractional"),
            new UnfitRow(file + ":4", "ts 'yesterday' is not an ISO-8601 UTC time"),
            new UnfitRow(file + ":6", "id has no value"));
    assertThat(schema.unfitSummary())
        .isEqualTo(
            "3 of the 5 sampled rows do not fit the inferred definition ("
                + file
                + ":3: amount 'n/a' is not Fractional; "
                + file
                + ":4: ts 'yesterday' is not an ISO-8601 UTC time; "
                + file
                + ":6: id has no value)");
  }

  @Test
  void aColumnMostlyOfTextStaysStringWhateverNumbersItHolds() throws IOException {
    InferredSchema schema =
        infer("a.csv", 100, "id,ts,name", "a,1.5,7", "b,2.5,bob", "c,3.5,alice");

    assertThat(schema.features()).contains(FeatureDefinition.of("name", FeatureType.STRING));
    assertThat(schema.rowsUnfit()).isZero();
    assertThat(schema.unfitSummary()).isEmpty();
  }

  @Test
  void onlyTheFirstUnfitRowsAreNamed() throws IOException {
    String[] lines = new String[12];
    lines[0] = "id,ts,n";
    for (int i = 1; i < lines.length; i++) {
      lines[i] = "r" + i + ",1." + i + "," + (i % 2 == 0 ? "x" : Integer.toString(i));
    }
    InferredSchema schema = infer("a.csv", 100, lines);

    assertThat(schema.features()).contains(FeatureDefinition.of("n", FeatureType.INTEGRAL));
    assertThat(schema.rowsUnfit()).isEqualTo(5);
    assertThat(schema.firstUnfit()).hasSize(5);
    assertThat(schema.unfitSummary()).doesNotContain("; ...)");
  }

  @Test
  void emptyIdentifierColumnIsRefused() {
    assertThatThrownBy(() -> infer("a.csv", 10, "id,ts", ",1.0"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot infer feature definitions from "
                + tmp.resolve("a.csv")
                + ": column 'id' has no value in the first 1 rows");
  }

  @Test
  void jsonOfTheDefinitionMatchesCreateFeatureGroup() {
    InferredSchema schema =
        new InferredSchema(
            "id",
            "ts",
            List.of(
                FeatureDefinition.of("id", FeatureType.STRING),
                FeatureDefinition.list("t\"ags", FeatureType.INTEGRAL)),
            1);

    assertThat(schema.toJson())
        .isEqualToIgnoringNewLines(
            "{  \"RecordIdentifierFeatureName\" : \"id\",  \"EventTimeFeatureName\" : \"ts\","
                + "  \"FeatureDefinitions\" : [ {    \"FeatureName\" : \"id\",    \"FeatureType\" : \"String\""
                + "  }, {    \"FeatureName\" : \"t\\\"ags\",    \"FeatureType\" : \"Integral\","
                + "    \"CollectionType\" : \"List\"  } ]}");
  }
}
