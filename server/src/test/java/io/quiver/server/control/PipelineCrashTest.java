package io.quiver.server.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quiver.pipelines.execution.ExecutionSnapshot;
import io.quiver.pipelines.execution.StepSnapshot;
import io.quiver.server.ServeProcess;
import io.quiver.server.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;

/**
 * {@code kill -9} of a server in the middle of a pipeline execution: after a restart the execution
 * resumes (the interrupted step is retried under its policy) or its interrupted step is marked
 * failed and RetryPipelineExecution finishes it; no completed step runs again, and the process the
 * dead server left running is ended.
 */
class PipelineCrashTest {

  @TempDir Path dataDir;
  @TempDir Path work;

  @Test
  void anInterruptedStepWithAServiceFaultPolicyResumesAfterRestart() throws Exception {
    String arn =
        crashDuringB(
            ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.SERVICE_FAULT\"],"
                + " \"IntervalSeconds\": 1, \"MaxAttempts\": 2}]");
    long orphan = Long.parseLong(Files.readString(work.resolve("pid")).strip());

    try (ServerFixture restarted = ServerFixture.start(dataDir)) {
      ExecutionSnapshot done =
          restarted.server().pipelines().completion(arn).get(120, TimeUnit.SECONDS);

      assertThat(done.status().name()).isEqualTo("Succeeded");
      assertThat(step(done, "B").attempts()).isEqualTo(2);
      assertThat(lines("a")).isEqualTo(1);
      assertThat(lines("b")).isEqualTo(2);
      assertThat(lines("c")).isEqualTo(1);
      assertThat(gone(orphan)).isTrue();
      try (SageMakerClient sm = restarted.control()) {
        assertThat(
                sm.describePipelineExecution(b -> b.pipelineExecutionArn(arn))
                    .pipelineExecutionStatus())
            .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
      }
    }
  }

  @Test
  void anInterruptedStepWithoutAPolicyIsFailedAndTheExecutionCanBeRetried() throws Exception {
    String arn = crashDuringB("");
    long orphan = Long.parseLong(Files.readString(work.resolve("pid")).strip());

    try (ServerFixture restarted = ServerFixture.start(dataDir);
        SageMakerClient sm = restarted.control()) {
      ExecutionSnapshot failed =
          restarted.server().pipelines().completion(arn).get(120, TimeUnit.SECONDS);
      assertThat(failed.status().name()).isEqualTo("Failed");
      assertThat(step(failed, "B").failureReason())
          .isEqualTo("Quiver stopped while the step ran (attempt 1 was interrupted)");
      assertThat(step(failed, "A").status().name()).isEqualTo("Succeeded");
      assertThat(gone(orphan)).isTrue();

      sm.retryPipelineExecution(b -> b.pipelineExecutionArn(arn));
      ExecutionSnapshot retried =
          restarted.server().pipelines().completion(arn).get(120, TimeUnit.SECONDS);

      assertThat(retried.status().name()).isEqualTo("Succeeded");
      assertThat(lines("a")).isEqualTo(1);
      assertThat(lines("b")).isEqualTo(2);
      assertThat(lines("c")).isEqualTo(1);
    }
  }

  private static StepSnapshot step(ExecutionSnapshot s, String name) {
    return s.steps().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  private int lines(String name) throws IOException {
    Path p = work.resolve(name);
    return Files.exists(p) ? Files.readAllLines(p, UTF_8).size() : 0;
  }

  private static boolean gone(long pid) throws Exception {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return true;
    }
    handle.get().onExit().get(30, TimeUnit.SECONDS);
    return !handle.get().isAlive();
  }

  private String processing(String name, String script, String extra) {
    return "{\"Name\": \""
        + name
        + "\", \"Type\": \"Processing\", \"Arguments\": {\"AppSpecification\": {\"ImageUri\": \"local\","
        + " \"ContainerEntrypoint\": [\"sh\", \"-c\", "
        + JsonNodeFactory.instance.textNode(script)
        + "]}}"
        + extra
        + "}";
  }

  /** Starts A -> B -> C in a server of its own, kills it with SIGKILL while B runs. */
  private String crashDuringB(String bPolicy) throws Exception {
    String count = "echo x >> " + work + "/";
    String b =
        count
            + "b; if [ -f "
            + work.resolve("started")
            + " ]; then exit 0; fi; touch "
            + work.resolve("started")
            + "; echo $$ > "
            + work.resolve("pid.tmp")
            + " && mv "
            + work.resolve("pid.tmp")
            + " "
            + work.resolve("pid")
            + "; sleep 600";
    String definition =
        "{\"Version\": \"2020-12-01\", \"Steps\": ["
            + processing("A", count + "a", "")
            + ","
            + processing("B", b, ", \"DependsOn\": [\"A\"]" + bPolicy)
            + ","
            + processing("C", count + "c", ", \"DependsOn\": [\"B\"]")
            + "]}";
    try (ServeProcess server =
            ServeProcess.start(dataDir, Map.of(), "--grpc-port", "-1", "--flight-sql-port", "-1");
        SageMakerClient sm = server.sageMaker()) {
      sm.createPipeline(b2 -> b2.pipelineName("crash").pipelineDefinition(definition));
      String arn = sm.startPipelineExecution(b2 -> b2.pipelineName("crash")).pipelineExecutionArn();
      while (!Files.exists(work.resolve("pid"))) {
        assertThat(server.isAlive()).as("server died before step B started").isTrue();
        Thread.onSpinWait();
      }
      server.kill(); // no shutdown hook, no close
      return arn;
    }
  }
}
