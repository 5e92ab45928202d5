package io.quiver.server.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quiver.pipelines.execution.ExecutionSnapshot;
import io.quiver.pipelines.execution.StepSnapshot;
import io.quiver.server.ServerFixture;
import io.quiver.server.cli.QuiverCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;

/**
 * {@code kill -9} of a server in the middle of a pipeline execution: after a restart the execution
 * resumes (the interrupted step is retried under its policy) or its interrupted step is marked
 * failed and RetryPipelineExecution finishes it; no completed step runs again, and the process the
 * dead server left running is ended.
 */
class PipelineCrashTest {
  private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");

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
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                QuiverCommand.class.getName(),
                "serve",
                "--data-dir",
                dataDir.toString(),
                "--port",
                "0",
                "--grpc-port",
                "-1",
                "--flight-sql-port",
                "-1")
            .redirectErrorStream(true)
            .start();
    try {
      int port = port(server);
      try (SageMakerClient sm =
          SageMakerClient.builder()
              .endpointOverride(URI.create("http://127.0.0.1:" + port))
              .region(Region.US_EAST_1)
              .credentialsProvider(ServerFixture.credentials("a", "b"))
              .httpClientBuilder(ApacheHttpClient.builder())
              .build()) {
        sm.createPipeline(b2 -> b2.pipelineName("crash").pipelineDefinition(definition));
        String arn =
            sm.startPipelineExecution(b2 -> b2.pipelineName("crash")).pipelineExecutionArn();
        while (!Files.exists(work.resolve("pid"))) {
          assertThat(server.isAlive()).as("server died before step B started").isTrue();
          Thread.onSpinWait();
        }
        return arn;
      }
    } finally {
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static int port(Process process) throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process was killed
              }
            },
            "crash-server-output");
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("server output so far: %s", seen).isNotNull();
      seen.add(line);
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
  }
}
