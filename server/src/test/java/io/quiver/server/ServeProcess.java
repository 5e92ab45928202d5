package io.quiver.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.cli.QuiverCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/**
 * Test fixture: {@code quiver serve} in its own JVM, started as a user would (arguments and
 * environment variables), with its output collected and SDK clients for its port, stopped as a user
 * would ({@link #stop}) or killed ({@link #kill}). Not thread-safe.
 */
public final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final Thread reader;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final URI endpoint;

  private ServeProcess(Process process) throws InterruptedException {
    this.process = process;
    this.reader = new Thread(this::pump, "serve-output");
    reader.start();
    int port = -1;
    while (port < 0) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("server output so far: %s", seen).isNotNull().isNotEqualTo(EOF);
      seen.add(line);
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Starts {@code quiver serve --data-dir dataDir} plus {@code arguments}, with every port the
   * arguments do not name ephemeral.
   */
  public static ServeProcess start(
      Path dataDir, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                QuiverCommand.class.getName(),
                "serve",
                "--data-dir",
                dataDir.toString()));
    List<String> given = List.of(arguments);
    for (String port : List.of("--port", "--grpc-port", "--flight-sql-port")) {
      if (!given.contains(port)) {
        command.addAll(List.of(port, "0"));
      }
    }
    command.addAll(given);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return new ServeProcess(builder.start());
  }

  /** The lines printed so far (complete once {@link #stop} or {@link #kill} returned). */
  public List<String> output() {
    return seen;
  }

  /** The server's REST endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A control-plane client for the server's port. */
  public SageMakerClient sageMaker() {
    return SageMakerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(ServerFixture.credentials("a", "b"))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  /** A runtime client for the server's port. */
  public SageMakerFeatureStoreRuntimeClient runtime() {
    return SageMakerFeatureStoreRuntimeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(ServerFixture.credentials("a", "b"))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  /**
   * Sends SIGTERM (Process.destroy() would also close our end of the pipe) and waits for the exit.
   */
  public void stop() throws InterruptedException {
    process.toHandle().destroy();
    awaitExit();
  }

  /** Sends SIGKILL: no shutdown hook runs, nothing is closed or flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit();
  }

  private void awaitExit() throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("output: %s", seen).isTrue();
    reader.join();
    for (String line = lines.poll(); line != null; line = lines.poll()) {
      if (!line.equals(EOF)) {
        seen.add(line);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  private void pump() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lines.add(EOF);
    }
  }
}
