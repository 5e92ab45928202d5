package io.quiver.pipelines.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution rules: retries and their waits, caching, stop, retry of an execution, callbacks. */
class ExecutorBehaviourTest {
  @TempDir Path dir;
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  PipelineEngine engine;

  @BeforeEach
  void open() {
    engine = open(dir);
  }

  PipelineEngine open(Path folder) {
    return PipelineEngine.open(
        PipelineEngineConfig.builder(folder.resolve("pipelines"))
            .clock(now::get)
            .delays(
                (delay, task) -> {
                  waits.add(delay);
                  task.run();
                })
            .lambdaFunction("echo", args -> args)
            .build());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /** A Processing step running {@code script} with {@code extra} step fields. */
  static String step(String name, String script, String extra) {
    return "{\"Name\": \""
        + name
        + "\", \"Type\": \"Processing\", \"Arguments\": {\"AppSpecification\": {\"ImageUri\": \"local\","
        + " \"ContainerEntrypoint\": [\"sh\", \"-c\", "
        + JsonNodeFactory.instance.textNode(script)
        + "]}, \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 1}}}"
        + extra
        + "}";
  }

  ExecutionSnapshot run(String steps, Map<String, String> parameters) throws Exception {
    String definition =
        "{\"Version\": \"2020-12-01\", \"Parameters\": [{\"Name\": \"X\", \"Type\": \"String\","
            + " \"DefaultValue\": \"x\"}], \"Steps\": ["
            + steps
            + "]}";
    if (engine.listPipelines().isEmpty()) {
      engine.createPipeline(new PipelineSpec("p", null, null, null, definition, null, Map.of()));
    } else {
      engine.updatePipeline("p", null, null, null, definition, null);
    }
    ExecutionSnapshot s = engine.startExecution(ExecutionStart.of("p", parameters));
    return engine.completion(s.header().executionArn()).get(60, TimeUnit.SECONDS);
  }

  static StepSnapshot step(ExecutionSnapshot run, String name) {
    return run.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  String counter(String name) {
    return "echo x >> " + dir.resolve(name);
  }

  int count(String name) throws Exception {
    Path p = dir.resolve(name);
    return Files.exists(p) ? Files.readAllLines(p, UTF_8).size() : 0;
  }

  @Test
  void aMatchingPolicyRetriesWithBackoffUntilTheJobSucceeds() throws Exception {
    String script = counter("a") + "; test $(wc -l < " + dir.resolve("a") + ") -ge 3";
    ExecutionSnapshot run =
        run(
            step(
                "A",
                script,
                ", \"RetryPolicies\": [{\"ExceptionType\": [\"SageMaker.JOB_INTERNAL_ERROR\"],"
                    + " \"IntervalSeconds\": 10, \"BackoffRate\": 2.0, \"MaxAttempts\": 3}]"),
            Map.of());

    assertThat(run.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(step(run, "A").attempts()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  @Test
  void aStepFailsWhenItsRetriesRunOut() throws Exception {
    ExecutionSnapshot run =
        run(
            step(
                "A",
                counter("a") + "; exit 3",
                ", \"RetryPolicies\": [{\"ExceptionType\": [\"SageMaker.JOB_INTERNAL_ERROR\"],"
                    + " \"IntervalSeconds\": 1, \"BackoffRate\": 3.0, \"MaxAttempts\": 2}]"),
            Map.of());

    assertThat(run.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(run.failureReason()).isEqualTo("Step failure: One or multiple steps failed.");
    assertThat(step(run, "A").attempts()).isEqualTo(3);
    assertThat(step(run, "A").failureReason())
        .startsWith("Processing job ")
        .contains("exited with code 3");
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3));
    assertThat(count("a")).isEqualTo(3);
  }

  @Test
  void failuresOfOtherTypesAreNotRetried() throws Exception {
    ExecutionSnapshot run =
        run(
            step(
                "A",
                counter("a") + "; exit 1",
                ", \"RetryPolicies\": [{\"ExceptionType\": [\"SageMaker.CAPACITY_ERROR\"], \"MaxAttempts\": 5}]"),
            Map.of());

    assertThat(run.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(waits).isEmpty();
    assertThat(count("a")).isEqualTo(1);
  }

  @Test
  void aFailedStepStopsNewStepsButLetsRunningOnesFinish() throws Exception {
    ExecutionSnapshot run =
        run(
            step("A", "exit 1", "")
                + ","
                + step("B", counter("b"), ", \"DependsOn\": [\"A\"]")
                + ","
                + step("C", counter("c"), ""),
            Map.of());

    assertThat(run.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(run.steps()).extracting(StepSnapshot::name).doesNotContain("B");
    assertThat(count("b")).isZero();
  }

  @Test
  void cacheKeysOnTheResolvedKeyAttributesOnly() throws Exception {
    String cached = ", \"CacheConfig\": {\"Enabled\": true, \"ExpireAfter\": \"PT1H\"}";
    String withX =
        "{\"Name\": \"A\", \"Type\": \"Processing\", \"Arguments\": {\"AppSpecification\":"
            + " {\"ImageUri\": \"local\", \"ContainerEntrypoint\": [\"sh\", \"-c\", \""
            + counter("a")
            + "\"]}, \"Environment\": {\"X\": {\"Get\": \"Parameters.X\"}},"
            + " \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": %d}}}"
            + cached
            + "}";
    ExecutionSnapshot first = run(String.format(withX, 1), Map.of());
    ExecutionSnapshot sameKey = run(String.format(withX, 2), Map.of());
    ExecutionSnapshot otherParameter = run(String.format(withX, 1), Map.of("X", "y"));
    now.set(now.get().plus(Duration.ofMinutes(61)));
    ExecutionSnapshot expired = run(String.format(withX, 1), Map.of());

    assertThat(step(first, "A").cacheSource()).isNull();
    assertThat(step(sameKey, "A").cacheSource()).isEqualTo(first.header().executionArn());
    assertThat(step(otherParameter, "A").cacheSource()).isNull();
    assertThat(step(expired, "A").cacheSource()).isNull();
    assertThat(count("a")).isEqualTo(3);
  }

  @Test
  void cachingIsOptIn() throws Exception {
    run(step("A", counter("a"), ""), Map.of());
    run(step("A", counter("a"), ""), Map.of());

    assertThat(count("a")).isEqualTo(2);
  }

  @Test
  void parallelismBoundsTheStepsRunningAtOnce() throws Exception {
    Path lock = dir.resolve("lock");
    String exclusive = "mkdir " + lock + " || exit 9; " + counter("n") + "; rmdir " + lock;
    StringBuilder steps = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      steps.append(i == 0 ? "" : ",").append(step("S" + i, exclusive, ""));
    }
    String definition = "{\"Version\": \"2020-12-01\", \"Steps\": [" + steps + "]}";
    engine.createPipeline(new PipelineSpec("serial", null, null, null, definition, 1, Map.of()));
    ExecutionSnapshot s = engine.startExecution(ExecutionStart.of("serial", Map.of()));
    ExecutionSnapshot run = engine.completion(s.header().executionArn()).get(60, TimeUnit.SECONDS);

    assertThat(run.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(run.header().maxParallelSteps()).isEqualTo(1);
    assertThat(count("n")).isEqualTo(4);
  }

  @Test
  void stopEndsTheRunningStepAndTheExecution() throws Exception {
    Path started = dir.resolve("started");
    String definition =
        "{\"Version\": \"2020-12-01\", \"Steps\": ["
            + step("Long", "touch " + started + "; sleep 600", "")
            + ","
            + step("After", counter("after"), ", \"DependsOn\": [\"Long\"]")
            + "]}";
    engine.createPipeline(
        new PipelineSpec("stoppable", null, null, null, definition, null, Map.of()));
    ExecutionSnapshot s = engine.startExecution(ExecutionStart.of("stoppable", Map.of()));
    String arn = s.header().executionArn();
    while (!Files.exists(started)) {
      Thread.onSpinWait();
    }
    var done = engine.completion(arn);
    assertThat(engine.stopExecution(arn).status())
        .isIn(ExecutionStatus.Stopping, ExecutionStatus.Stopped);
    ExecutionSnapshot run = done.get(60, TimeUnit.SECONDS);

    assertThat(run.status()).isEqualTo(ExecutionStatus.Stopped);
    assertThat(step(run, "Long").status()).isEqualTo(StepStatus.Stopped);
    assertThat(count("after")).isZero();
    assertThatThrownBy(() -> engine.stopExecution(arn))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Cannot stop execution " + arn + ": its status is Stopped (expected: Executing)");
  }

  @Test
  void retryRerunsFailedStepsAndNotCompletedOnes() throws Exception {
    Path fixed = dir.resolve("fixed");
    ExecutionSnapshot failed =
        run(
            step("A", counter("a"), "")
                + ","
                + step("B", counter("b") + "; test -f " + fixed, ", \"DependsOn\": [\"A\"]")
                + ","
                + step("C", counter("c"), ", \"DependsOn\": [\"B\"]"),
            Map.of());
    assertThat(failed.status()).isEqualTo(ExecutionStatus.Failed);
    Files.writeString(fixed, "ok");

    String arn = failed.header().executionArn();
    engine.retryExecution(arn);
    ExecutionSnapshot retried = engine.completion(arn).get(60, TimeUnit.SECONDS);

    assertThat(retried.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(count("a")).isEqualTo(1);
    assertThat(count("b")).isEqualTo(2);
    assertThat(count("c")).isEqualTo(1);
    assertThat(step(retried, "B").attempts()).isEqualTo(2);
    assertThatThrownBy(() -> engine.retryExecution(arn))
        .hasMessage(
            "Cannot retry execution "
                + arn
                + ": its status is Succeeded (expected: Failed or Stopped)");
  }

  @Test
  void anExecutionThatEndedAtAFailStepCannotBeRetried() throws Exception {
    ExecutionSnapshot run =
        run(
            "{\"Name\": \"F\", \"Type\": \"Fail\", \"Arguments\": {\"ErrorMessage\": {\"Std:Join\":"
                + " {\"On\": \" \", \"Values\": [\"bad\", {\"Get\": \"Parameters.X\"}]}}}}",
            Map.of("X", "input"));

    assertThat(run.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(run.failureReason()).isEqualTo("bad input");
    assertThat(step(run, "F").metadata().at("/Fail/ErrorMessage").asText()).isEqualTo("bad input");
    String arn = run.header().executionArn();
    assertThatThrownBy(() -> engine.retryExecution(arn))
        .hasMessage(
            "Cannot retry execution " + arn + ": it ended at Fail step 'F', which fails every run");
  }

  @Test
  void callbackStepsWaitForTheirToken() throws Exception {
    List<String> tokens = new CopyOnWriteArrayList<>();
    engine.close();
    engine =
        PipelineEngine.open(
            PipelineEngineConfig.builder(dir.resolve("pipelines"))
                .callbacks((queue, message) -> tokens.add(message.get("token").asText()))
                .lambdaFunction("echo", args -> args)
                .build());
    String definition =
        "{\"Version\": \"2020-12-01\", \"Steps\": [{\"Name\": \"Wait\", \"Type\": \"Callback\","
            + " \"SqsQueueUrl\": \"q\", \"OutputParameters\": [{\"OutputName\": \"n\", \"OutputType\": \"Integer\"}]},"
            + " {\"Name\": \"Use\", \"Type\": \"Lambda\", \"FunctionArn\": \"echo\","
            + " \"Arguments\": {\"n\": {\"Get\": \"Steps.Wait.OutputParameters['n']\"}}}]}";
    engine.createPipeline(new PipelineSpec("cb", null, null, null, definition, null, Map.of()));
    ExecutionSnapshot ok = engine.startExecution(ExecutionStart.of("cb", Map.of()));
    ExecutionSnapshot bad = engine.startExecution(ExecutionStart.of("cb", Map.of()));

    assertThat(tokens).hasSize(2);
    assertThat(engine.sendStepSuccess(tokens.get(0), Map.of("n", "42")))
        .isEqualTo(ok.header().executionArn());
    engine.sendStepFailure(tokens.get(1), "rejected by reviewer");
    ExecutionSnapshot okDone =
        engine.completion(ok.header().executionArn()).get(60, TimeUnit.SECONDS);
    ExecutionSnapshot badDone =
        engine.completion(bad.header().executionArn()).get(60, TimeUnit.SECONDS);

    assertThat(okDone.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(step(okDone, "Wait").properties().at("/OutputParameters/n").asLong()).isEqualTo(42);
    assertThat(badDone.status()).isEqualTo(ExecutionStatus.Failed);
    assertThat(step(badDone, "Wait").failureReason()).isEqualTo("rejected by reviewer");
    assertThatThrownBy(() -> engine.sendStepSuccess(tokens.get(0), Map.of()))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void startRefusesBadParameterOverrides() {
    String definition =
        "{\"Parameters\": [{\"Name\": \"N\", \"Type\": \"Integer\", \"DefaultValue\": 1}],"
            + " \"Steps\": ["
            + step("A", "true", "")
            + "]}";
    engine.createPipeline(new PipelineSpec("params", null, null, null, definition, null, Map.of()));

    assertThatThrownBy(() -> engine.startExecution(ExecutionStart.of("params", Map.of("N", "one"))))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Cannot start the execution: parameter 'N' is \"one\", not of type Integer");
    assertThatThrownBy(() -> engine.startExecution(ExecutionStart.of("params", Map.of("M", "1"))))
        .hasMessage(
            "Cannot start the execution: parameter 'M' is not declared by the pipeline (expected: one of [N])");
  }

  @Test
  void stateSurvivesReopening() throws Exception {
    ExecutionSnapshot run = run(step("A", counter("a"), ""), Map.of());
    engine.close();
    engine = open(dir);

    ExecutionSnapshot reread = engine.describeExecution(run.header().executionArn());
    assertThat(reread.status()).isEqualTo(ExecutionStatus.Succeeded);
    assertThat(reread.steps())
        .extracting(StepSnapshot::name, StepSnapshot::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", StepStatus.Succeeded));
    assertThat(engine.listPipelines()).extracting(PipelineDescription::name).containsExactly("p");
  }
}
