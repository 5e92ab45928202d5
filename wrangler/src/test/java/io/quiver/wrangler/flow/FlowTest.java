package io.quiver.wrangler.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a flow: the graph's rules and their messages, parameters and placeholders. */
class FlowTest {
  private static String flow(String nodes) {
    return "{\"metadata\": {\"version\": 1}, \"parameters\": [{\"name\": \"day\", \"type\": \"String\", \"value\": \"2024-01-01\"}],"
        + " \"nodes\": ["
        + nodes
        + "]}";
  }

  private static final String SOURCE =
      "{\"node_id\": \"src\", \"type\": \"SOURCE\", \"operator\": \"sagemaker.s3_source_0.1\","
          + " \"parameters\": {\"dataset_definition\": {\"s3ExecutionContext\": {\"s3Uri\": \"data/{{day}}.csv\"}}},"
          + " \"inputs\": [], \"outputs\": [{\"name\": \"default\"}]}";

  private static String transform(String id, String from) {
    return "{\"node_id\": \""
        + id
        + "\", \"type\": \"TRANSFORM\", \"operator\": \"format_string\","
        + " \"parameters\": {}, \"inputs\": [{\"name\": \"df\", \"node_id\": \""
        + from
        + "\", \"output_name\": \"default\"}]}";
  }

  @Test
  void nodesComeInDataOrderWhateverTheFileOrder() {
    Flow f =
        Flow.parse(
            flow(transform("b", "a") + "," + transform("a", "src") + "," + SOURCE), "f.flow");
    assertThat(f.nodes()).extracting(FlowNode::id).containsExactly("src", "a", "b");
    assertThat(f.consumers("a")).extracting(FlowNode::id).containsExactly("b");
    assertThat(f.node("a").outputs()).extracting(NodeOutput::name).containsExactly("default");
  }

  @Test
  void graphErrorsNameTheNode() {
    assertThatThrownBy(
            () ->
                Flow.parse(
                    flow(SOURCE + "," + transform("a", "b") + "," + transform("b", "a")), "f"))
        .isInstanceOf(FlowException.class)
        .hasMessageMatching("Cannot run the flow: node '[ab]' is on a cycle .*");
    assertThatThrownBy(() -> Flow.parse(flow(SOURCE + "," + transform("a", "nope")), "f"))
        .hasMessage("Node 'a' (format_string): its input 'df' reads unknown node 'nope'");
    assertThatThrownBy(() -> Flow.parse(flow(SOURCE + "," + SOURCE), "f"))
        .hasMessage("Cannot read flow f: node id 'src' is used twice");
    assertThatThrownBy(
            () ->
                Flow.parse(
                    flow(
                        SOURCE
                            + ", {\"node_id\": \"t\", \"type\": \"TRANSFORM\", \"operator\": \"x\"}"),
                    "f"))
        .hasMessage("Node 't' (x): a TRANSFORM node needs an input");
    assertThatThrownBy(() -> Flow.parse(flow(SOURCE.replace("\"SOURCE\"", "\"SINK\"")), "f"))
        .hasMessageContaining("type 'SINK' is not one of SOURCE, TRANSFORM");
    assertThatThrownBy(
            () ->
                Flow.parse(
                    flow(
                        SOURCE
                            + ","
                            + transform("a", "src")
                                .replace(
                                    "\"output_name\": \"default\"", "\"output_name\": \"Train\"")),
                    "f"))
        .hasMessageContaining("reads output 'Train' of node 'src', which has outputs [default]");
  }

  @Test
  void malformedJsonGivesThePosition() {
    assertThatThrownBy(() -> Flow.parse("{\"nodes\": [\n {,}]}", "bad.flow"))
        .hasMessageStartingWith("Cannot read flow bad.flow: not valid JSON at line 2, column");
    assertThatThrownBy(() -> Flow.parse("[]", "list.flow"))
        .hasMessage("Cannot read flow list.flow: expected a JSON object with a \"nodes\" array");
  }

  @Test
  void placeholdersTakeDefaultsOrOverrides() {
    Flow f = Flow.parse(flow(SOURCE), "f");
    FlowNode src = f.node("src");
    String uri = "/dataset_definition/s3ExecutionContext/s3Uri";
    assertThat(f.parameterValues(Map.of()).resolve(src).at(uri).asText())
        .isEqualTo("data/2024-01-01.csv");
    assertThat(f.parameterValues(Map.of("day", "2024-02-02")).resolve(src).at(uri).asText())
        .isEqualTo("data/2024-02-02.csv");
    assertThatThrownBy(() -> f.parameterValues(Map.of("month", "1")))
        .hasMessage("Cannot set parameter 'month': flow f has no such parameter (defined: day)");
    Flow undefined = Flow.parse(flow(SOURCE.replace("{{day}}", "{{hour}}")), "f");
    assertThatThrownBy(() -> undefined.parameterValues(Map.of()).resolve(undefined.node("src")))
        .hasMessageContaining(
            "Node 'src' (sagemaker.s3_source_0.1): uses {{hour}}, which the flow does not define");
  }

  @Test
  void trainedParametersAreReplacedAndEverythingElseKept() {
    Flow f = Flow.parse(flow(SOURCE + "," + transform("a", "src")), "f");
    var trained = JsonNodeFactory.instance.objectNode().put("_hash", "sha256:x");
    Flow fitted = f.withTrainedParameters("a", trained);
    assertThat(fitted.node("a").trainedParameters()).isEqualTo(trained);
    assertThat(f.node("a").trainedParameters()).isNull();
    Flow again = Flow.parse(fitted.toJson(), "f");
    assertThat(again.node("a").trainedParameters()).isEqualTo(trained);
    assertThat(again.toJson()).contains("\"metadata\"").contains("\"version\" : 1");
  }

  @Test
  void parameterHashIgnoresKeyOrderButNotValues() {
    var a = JsonNodeFactory.instance.objectNode().put("x", 1).put("y", "z");
    var b = JsonNodeFactory.instance.objectNode().put("y", "z").put("x", 1);
    var c = JsonNodeFactory.instance.objectNode().put("y", "z").put("x", 2);
    assertThat(ParameterHash.of(a))
        .isEqualTo(ParameterHash.of(b))
        .isNotEqualTo(ParameterHash.of(c));
    assertThat(ParameterHash.of(a)).startsWith("sha256:").hasSize(7 + 64);
  }
}
