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
  void eventTimeThatIsNotIsoIsRefused() {
    assertThatThrownBy(() -> infer("a.csv", 10, "id,ts", "a,2024-05-01 10:00"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot infer feature definitions from "
                + tmp.resolve("a.csv")
                + ": event time column 'ts' holds '2024-05-01 10:00' at "
                + tmp.resolve("a.csv")
                + ":2, which is not an ISO-8601 UTC time (expected: yyyy-MM-dd'T'HH:mm:ssZ or"
                + " yyyy-MM-dd'T'HH:mm:ss.SSSZ, or fractional seconds since the epoch)");
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
        .isEqualTo(
            "{\n  \"RecordIdentifierFeatureName\": \"id\",\n  \"EventTimeFeatureName\": \"ts\",\n  \"FeatureDefinitions\": [\n"
                + "    {\"FeatureName\": \"id\", \"FeatureType\": \"String\"},\n"
                + "    {\"FeatureName\": \"t\\\"ags\", \"FeatureType\": \"Integral\", \"CollectionType\": \"List\"}\n  ]\n}");
  }
}
