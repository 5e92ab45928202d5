package io.quiver.clarify.bias.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.Table;
import io.quiver.clarify.bias.ValueSelector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON has the shape of Clarify's analysis.json. */
class AnalysisJsonTest {
  private static final Table ROWS =
      Table.of("sex,y,p", "M,1,1", "M,0,0", "F,1,0", "F,0,0", "X,1,1", "X,0,1");

  @Test
  void writesClarifysAnalysisShape() throws Exception {
    BiasConfig config =
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("sex", ValueSelector.anyOf("F"))
            .predictedLabel("p")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AnalysisJson.write(ROWS.analyze(config), out);
    JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

    assertThat(root.path("version").asText()).isEqualTo("1.0");
    JsonNode pre = root.path("pre_training_bias_metrics");
    assertThat(pre.path("label").asText()).isEqualTo("y");
    assertThat(pre.path("label_value_or_threshold").asText()).isEqualTo("1");
    JsonNode entry = pre.path("facets").path("sex").path(0);
    assertThat(entry.path("value_or_threshold").asText()).isEqualTo("F");
    JsonNode ci = entry.path("metrics").path(1);
    assertThat(ci.path("name").asText()).isEqualTo("CI");
    assertThat(ci.path("description").asText()).isEqualTo("Class Imbalance (CI)");
    assertThat(ci.path("value").asDouble()).isEqualTo((4.0 - 2) / 6);
    JsonNode cddl = entry.path("metrics").path(0);
    assertThat(cddl.has("value")).isFalse();
    assertThat(cddl.path("error").asText()).isEqualTo("Group variable is empty or not provided");

    JsonNode post = root.path("post_training_bias_metrics").path("facets").path("sex").path(0);
    assertThat(post.path("metrics")).hasSize(12);
  }

  @Test
  void infinitiesAreStringsAndPostTrainingIsAbsentWithoutPredictions() throws Exception {
    // d = F has predicted positives 0 of 2 -> DCA's c_d = 1/0 = +inf, c_a finite -> -Infinity
    BiasConfig withPredictions =
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .facet("sex", ValueSelector.anyOf("F"))
            .predictedLabel("p")
            .build();
    JsonNode post =
        new ObjectMapper()
            .readTree(AnalysisJson.toJson(ROWS.analyze(withPredictions)))
            .path("post_training_bias_metrics")
            .path("facets")
            .path("sex")
            .path(0)
            .path("metrics");
    JsonNode dca = post.path(3);
    assertThat(dca.path("name").asText()).isEqualTo("DCA");
    assertThat(dca.path("value").isTextual()).isTrue();
    assertThat(dca.path("value").asText()).isEqualTo("-Infinity");

    BiasConfig labelsOnly =
        BiasConfig.builder().label("y", ValueSelector.anyOf("1")).facet("sex").build();
    JsonNode root = new ObjectMapper().readTree(AnalysisJson.toJson(ROWS.analyze(labelsOnly)));
    assertThat(root.has("post_training_bias_metrics")).isFalse();
    assertThat(root.path("pre_training_bias_metrics").path("facets").path("sex"))
        .extracting(n -> n.path("value_or_threshold").asText())
        .containsExactly("M", "F", "X");
  }
}
