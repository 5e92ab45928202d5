package io.quiver.clarify.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Captured CSV payloads are read as one header-less CSV record by the shared CSV reader. */
class CapturePayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode payload(String data, String encoding) {
    ObjectNode node = JSON.createObjectNode();
    node.put("observedContentType", "text/csv");
    node.put("mode", "INPUT");
    node.put("data", data);
    node.put("encoding", encoding);
    return node;
  }

  @Test
  void csvFieldsFollowTheHeadersWithQuotedSeparatorsAndLineBreaks() {
    Map<String, String> row = new LinkedHashMap<>();
    CapturePayload.fields(
        payload("1.5,\"a, \"\"b\"\"\",\"two\nlines\",", "CSV"), List.of("x", "y"), row);
    assertThat(row)
        .containsExactly(
            Map.entry("x", "1.5"),
            Map.entry("y", "a, \"b\""),
            Map.entry("_c2", "two\nlines"),
            Map.entry("_c3", ""));
  }

  @Test
  void predictionIsTheFirstCsvFieldOfPlainOrBase64Data() {
    assertThat(CapturePayload.prediction(payload("0.93,1", "CSV"), "score")).isEqualTo("0.93");
    String encoded =
        Base64.getEncoder().encodeToString("\"0.5\",x\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(CapturePayload.prediction(payload(encoded, "BASE64"), "score")).isEqualTo("0.5");
    assertThat(CapturePayload.prediction(payload("", "CSV"), "score")).isEmpty();
  }

  @Test
  void anUnclosedQuoteIsAnErrorThatShowsTheData() {
    assertThatThrownBy(() -> CapturePayload.prediction(payload("\"0.5,1", "CSV"), "score"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Cannot read captured data: '\"0.5,1' (expected: one CSV line)");
  }
}
