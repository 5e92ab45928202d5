package io.quiver.clarify.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.clarify.monitor.MonitorType;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model bias job definition's probability threshold is checked before it is used. */
class JobDefinitionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"high", "1.5", "-0.1", "NaN"})
  void aThresholdThatIsNotAProbabilityIsRefusedWithWhatIsAllowed(String threshold)
      throws IOException {
    Path config = tmp.resolve("analysis_config.json");
    Files.writeString(
        config,
        "{\"label\": \"churned\", \"label_values_or_threshold\": [1],"
            + " \"facet\": [{\"name_or_index\": \"age\"}]}");
    JsonNode definition =
        MAPPER.readTree(
            "{\"ModelBiasAppSpecification\": {\"ConfigUri\": "
                + MAPPER.writeValueAsString(config.toString())
                + "}, \"ModelBiasJobInput\": {\"EndpointInput\": {\"EndpointName\": \"g\","
                + " \"ProbabilityAttribute\": \"score\", \"ProbabilityThresholdAttribute\": "
                + MAPPER.writeValueAsString(threshold)
                + "}}}");

    assertThatThrownBy(() -> JobDefinitions.monitor(MonitorType.MODEL_BIAS, definition))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot read the job definition: ProbabilityThresholdAttribute is '"
                + threshold
                + "' (expected: a number from 0 to 1)");
  }
}
