package io.quiver.pipelines.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quiver.pipelines.step.ObjectTransfer;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.offline.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-checked interpreter fixture of pipelines.md, on s3proxy, with its expected outcomes. */
class InterpreterFixtureTest {
  static final String NOTIFY = "arn:aws:lambda:us-east-1:123456789012:function:notify";

  @TempDir Path dir;
  PipelineEngine engine;
  final List<JsonNode> notified = new CopyOnWriteArrayList<>();
  Path runs;
  String bucket;

  @BeforeEach
  void setUp() throws IOException {
    S3ProxyServer s3 = S3ProxyServer.get();
    bucket = "fixture-" + Long.toHexString(System.nanoTime());
    s3.createBucket(bucket);
    try (ObjectStoreResolver resolver = new ObjectStoreResolver(s3.settings())) {
      new ObjectTransfer(resolver)
          .write("s3://" + bucket + "/in/data.csv", "x,y\n1,2\n".getBytes(UTF_8));
    }
    runs = dir.resolve("runs.txt");
    engine =
        PipelineEngine.open(
            PipelineEngineConfig.builder(dir.resolve("pipelines"))
                .s3(s3.settings())
                .lambdaFunction(
                    NOTIFY,
                    args -> {
                      notified.add(args);
                      return JsonNodeFactory.instance.objectNode().put("status", "sent");
                    })
                .build());
    String script =
        "test -f /opt/ml/processing/input/data.csv && echo run >> "
            + runs
            + " && printf '{\\\"regression_metrics\\\": {\\\"mse\\\": {\\\"value\\\": 4.2}}}'"
            + " > /opt/ml/processing/eval/evaluation.json";
    String definition =
        Files.readString(Path.of("src/test/resources/fixture/interpreter.json"), UTF_8)
            .replace("s3://bucket/", "s3://" + bucket + "/")
            .replace("@SCRIPT@", script);
    engine.createPipeline(
        new PipelineSpec("fixture", null, null, null, definition, null, Map.of()));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  ExecutionSnapshot run(Map<String, String> parameters) throws Exception {
    ExecutionSnapshot started = engine.startExecution(ExecutionStart.of("fixture", parameters));
    return engine.completion(started.header().executionArn()).get(60, TimeUnit.SECONDS);
  }

  static StepSnapshot step(ExecutionSnapshot run, String name) {
    return run.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static Set<String> names(ExecutionSnapshot run) {
    return Set.copyOf(run.steps().stream().map(StepSnapshot::name).toList());
  }

  @Test
  void defaultsTakeTheIfBranch() throws Exception {
    ExecutionSnapshot run = run(Map.of());

    assertThat(run.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(names(run)).containsExactlyInAnyOrder("Prep", "CheckMse", "Notify");
    assertThat(step(run, "CheckMse").properties().get("Outcome").asBoolean()).isTrue();
    assertThat(notified).hasSize(1);
    assertThat(notified.get(0).get("report").asText())
        .isEqualTo("s3://" + bucket + "/eval/evaluation.json");
    assertThat(step(run, "Notify").properties().at("/OutputParameters/status").asText())
        .isEqualTo("sent");
    assertThat(
            engine
                .validate(engine.definitionForExecution(run.header().executionArn()))
                .graph()
                .predecessors())
        .containsEntry("Prep", Set.of())
        .containsEntry("CheckMse", Set.of("Prep"))
        .containsEntry("Notify", Set.of("Prep", "CheckMse"))
        .containsEntry("TooHigh", Set.of("CheckMse"));
  }

  @Test
  void lowThresholdFailsWithTheJoinedMessage() throws Exception {
    ExecutionSnapshot run = run(Map.of("MaxMse", "3.0"));

    assertThat(run.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(run.failureReason()).isEqualTo("MSE above 3.0");
    assertThat(names(run)).containsExactlyInAnyOrder("Prep", "CheckMse", "TooHigh");
    assertThat(step(run, "CheckMse").properties().get("Outcome").asBoolean()).isFalse();
    assertThat(step(run, "TooHigh").status()).isEqualTo(StepStatus.Failed);
    assertThat(notified).isEmpty();
  }

  @Test
  void anIntegerGivenForAFloatParameterJoinsAsAFloat() throws Exception {
    ExecutionSnapshot run = run(Map.of("MaxMse", "3"));

    assertThat(run.failureReason()).isEqualTo("MSE above 3.0");
  }

  @Test
  void secondRunReusesPrepFromTheCache() throws Exception {
    ExecutionSnapshot first = run(Map.of());
    ExecutionSnapshot second = run(Map.of("MaxMse", "5.0"));

    assertThat(Files.readAllLines(runs)).hasSize(1);
    StepSnapshot prep = step(second, "Prep");
    assertThat(prep.cacheSource()).isEqualTo(first.header().executionArn());
    assertThat(prep.status()).isEqualTo(StepStatus.Succeeded);
    assertThat(second.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(step(second, "CheckMse").properties().get("Outcome").asBoolean()).isTrue();
  }
}
