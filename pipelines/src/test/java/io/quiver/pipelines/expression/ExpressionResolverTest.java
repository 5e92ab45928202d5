package io.quiver.pipelines.expression;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expression form against a fixed context, with hand-worked values. */
class ExpressionResolverTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final Map<String, JsonNode> PARAMETERS =
      Map.of(
          "Uri", json("'s3://b/in'"),
          "Count", json("3"),
          "Rate", json("3.0"),
          "Tiny", json("0.00001"),
          "Flag", json("true"));

  static final Map<String, JsonNode> STEPS =
      Map.of(
          "Prep",
          json(
              "{'ProcessingJobName': 'job-1', 'ProcessingOutputConfig': {'Outputs': ["
                  + "{'OutputName': 'train', 'S3Output': {'S3Uri': 's3://b/train'}},"
                  + "{'OutputName': 'eval', 'S3Output': {'S3Uri': 's3://b/eval'}}]},"
                  + " 'PropertyFiles': {'Report': {'S3Uri': 's3://b/eval/report.json'}}}"),
          "Tune",
          json(
              "{'TrainingJobSummaries': [{'TrainingJobName': 'best'}, {'TrainingJobName': 'second'}]}"),
          "Fn",
          json("{'OutputParameters': {'split_uri': 's3://b/split'}}"));

  static final Map<String, String> OBJECTS =
      Map.of(
          "s3://b/eval/report.json",
          "{\"regression_metrics\": {\"mse\": {\"value\": 4.2}}, \"labels\": [\"a\", \"b\"]}",
          "s3://b/in/3/meta.json",
          "{\"rows\": 17}");

  static final ExpressionContext CONTEXT =
      new ExpressionContext() {
        @Override
        public JsonNode parameter(String name) {
          return PARAMETERS.get(name);
        }

        @Override
        public JsonNode executionVariable(String name) {
          return json("'" + name + "-value'");
        }

        @Override
        public JsonNode experimentField(String name) {
          return json("'" + name + "-exp'");
        }

        @Override
        public JsonNode stepProperties(String step) {
          JsonNode p = STEPS.get(step);
          if (p == null) {
            throw new ExpressionException("step " + step + " has not succeeded");
          }
          return p;
        }

        @Override
        public byte[] readObject(String uri) {
          String content = OBJECTS.get(uri);
          if (content == null) {
            throw new ExpressionException("Cannot read " + uri);
          }
          return content.getBytes(UTF_8);
        }
      };

  static JsonNode resolve(String expression) {
    return new ExpressionResolver(CONTEXT).resolve(json(expression));
  }

  @Test
  void getReadsParametersVariablesExperimentAndStepProperties() {
    assertThat(resolve("{'Get': 'Parameters.Uri'}").asText()).isEqualTo("s3://b/in");
    assertThat(resolve("{'Get': 'Parameters.Count'}").asLong()).isEqualTo(3);
    assertThat(resolve("{'Get': 'Execution.PipelineExecutionId'}").asText())
        .isEqualTo("PipelineExecutionId-value");
    assertThat(resolve("{'Get': 'PipelineExperimentConfig.TrialName'}").asText())
        .isEqualTo("TrialName-exp");
    assertThat(resolve("{'Get': 'Steps.Prep.ProcessingJobName'}").asText()).isEqualTo("job-1");
    assertThat(
            resolve(
                    "{'Get': 'Steps.Prep.ProcessingOutputConfig.Outputs[\\\"eval\\\"].S3Output.S3Uri'}")
                .asText())
        .isEqualTo("s3://b/eval");
    assertThat(
            resolve("{'Get': 'Steps.Prep.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri'}")
                .asText())
        .isEqualTo("s3://b/train");
    assertThat(resolve("{'Get': 'Steps.Tune.TrainingJobSummaries[1].TrainingJobName'}").asText())
        .isEqualTo("second");
    assertThat(resolve("{'Get': 'Steps.Fn.OutputParameters[\\\"split_uri\\\"]'}").asText())
        .isEqualTo("s3://b/split");
  }

  @Test
  void joinStringifiesLikeTheSdk() {
    assertThat(
            resolve(
                    "{'Std:Join': {'On': '|', 'Values': ['a', {'Get': 'Parameters.Count'},"
                        + " {'Get': 'Parameters.Rate'}, {'Get': 'Parameters.Tiny'}, {'Get': 'Parameters.Flag'},"
                        + " 1e16, 2.5, {'Std:Join': {'On': '-', 'Values': ['x', 'y']}}]}}")
                .asText())
        .isEqualTo("a|3|3.0|1e-05|true|1e+16|2.5|x-y");
    assertThat(resolve("{'Std:Join': {'Values': ['a', 'b']}}").asText()).isEqualTo("ab");
  }

  @Test
  void jsonGetReadsPropertyFilesAndUris() {
    assertThat(
            resolve(
                    "{'Std:JsonGet': {'PropertyFile': {'Get': 'Steps.Prep.PropertyFiles.Report'},"
                        + " 'Path': 'regression_metrics.mse.value'}}")
                .doubleValue())
        .isEqualTo(4.2);
    assertThat(
            resolve(
                    "{'Std:JsonGet': {'PropertyFile': {'Get': 'Steps.Prep.PropertyFiles.Report'},"
                        + " 'Path': 'labels[1]'}}")
                .asText())
        .isEqualTo("b");
    assertThat(
            resolve(
                    "{'Std:JsonGet': {'S3Uri': {'Std:Join': {'On': '/', 'Values': [{'Get':"
                        + " 'Parameters.Uri'}, {'Get': 'Parameters.Count'}, 'meta.json']}}, 'Path': '$.rows'}}")
                .asInt())
        .isEqualTo(17);
  }

  @Test
  void expressionsInsideStructuresAreReplacedAndTheRestKept() {
    JsonNode resolved =
        resolve(
            "{'Inputs': [{'S3Uri': {'Get': 'Parameters.Uri'}, 'Mode': 'File'}], 'Count': 2,"
                + " 'Env': {'RATE': {'Get': 'Parameters.Rate'}}}");

    assertThat(resolved)
        .isEqualTo(
            json(
                "{'Inputs': [{'S3Uri': 's3://b/in', 'Mode': 'File'}], 'Count': 2, 'Env': {'RATE': 3.0}}"));
  }

  @Test
  void failuresSayWhatCouldNotBeResolved() {
    assertThatThrownBy(() -> resolve("{'Get': 'Steps.Prep.Nothing.Here'}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "Cannot resolve Get 'Steps.Prep.Nothing.Here': step 'Prep' has no property Nothing.Here");
    assertThatThrownBy(() -> resolve("{'Get': 'Steps.Other.X'}"))
        .hasMessage("step Other has not succeeded");
    assertThatThrownBy(
            () ->
                resolve(
                    "{'Std:JsonGet': {'PropertyFile': {'Get': 'Steps.Prep.PropertyFiles.Report'},"
                        + " 'Path': 'regression_metrics.rmse'}}"))
        .hasMessage(
            "Cannot resolve Std:JsonGet: s3://b/eval/report.json has no value at 'regression_metrics.rmse'");
    assertThatThrownBy(() -> resolve("{'Std:JsonGet': {'S3Uri': 's3://b/none.json', 'Path': 'a'}}"))
        .hasMessage("Cannot read s3://b/none.json");
  }

  @Test
  void propertyPathsParseEveryForm() {
    PropertyPath p = PropertyPath.parse("A.B['k'][2].C");

    assertThat(p.segments())
        .containsExactly(
            new PropertyPath.Field("A"),
            new PropertyPath.Field("B"),
            new PropertyPath.Key("k"),
            new PropertyPath.Index(2),
            new PropertyPath.Field("C"));
    assertThatThrownBy(() -> PropertyPath.parse("A[x]"))
        .hasMessage("[x] at 1 is neither an index nor a quoted key");
    assertThatThrownBy(() -> PropertyPath.parse("A['k'")).hasMessage("'[' at 1 has no ']'");
  }
}
