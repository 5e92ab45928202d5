package io.quiver.pipelines.step;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.pipelines.definition.FailureType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda steps: a Java function registered under the step's {@code FunctionArn}, or, when the ARN
 * is an {@code http(s)://} URL, a POST of the arguments as JSON whose JSON reply holds the outputs.
 * The call waits at most the configured timeout (SageMaker's default is 120 s); a timed-out call
 * fails the step. Thread-safe.
 */
public final class LambdaStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The largest reply read from an HTTP function. */
  private static final int MAX_REPLY_BYTES = 1 << 20;

  private final Map<String, LambdaFunction> functions;
  private final Duration timeout;
  private final HttpClient http;

  /** Calls {@code functions} by ARN or name, and HTTP functions within {@code timeout}. */
  public LambdaStepRunner(Map<String, LambdaFunction> functions, Duration timeout) {
    this.functions = Map.copyOf(functions);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    JsonNode step = run.resolvedStep();
    String arn = step.path("FunctionArn").asText();
    JsonNode arguments = step.has("Arguments") ? step.get("Arguments") : MAPPER.createObjectNode();
    JsonNode reply = invoke(arn, arguments);
    if (!reply.isObject()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Lambda function " + arn + " replied " + reply + ", not a JSON object");
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    reply.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    return OutputParameters.outcome(
        step.path("OutputParameters"), values, "Lambda", Map.of("Arn", arn));
  }

  private JsonNode invoke(String arn, JsonNode arguments) throws InterruptedException {
    LambdaFunction function = functions.get(arn);
    if (function == null) {
      function = functions.get(arn.substring(arn.lastIndexOf(':') + 1));
    }
    if (function != null) {
      try {
        return function.invoke(arguments);
      } catch (RuntimeException e) {
        throw new StepFailedException(
            FailureType.JOB_INTERNAL_ERROR,
            "Lambda function " + arn + " failed: " + e.getMessage());
      }
    }
    if (arn.startsWith("http://") || arn.startsWith("https://")) {
      return post(arn, arguments);
    }
    throw new StepFailedException(
        FailureType.CLIENT_ERROR,
        "Lambda function "
            + arn
            + " is not registered (register a Java function under this ARN, or give an http(s) URL)");
  }

  private JsonNode post(String url, JsonNode arguments) throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(arguments)))
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      byte[] body = response.body();
      if (body.length > MAX_REPLY_BYTES) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR, "Lambda function " + url + " replied more than 1 MiB");
      }
      if (response.statusCode() / 100 != 2) {
        throw new StepFailedException(
            response.statusCode() == 429 ? FailureType.THROTTLING : FailureType.JOB_INTERNAL_ERROR,
            "Lambda function "
                + url
                + " answered HTTP "
                + response.statusCode()
                + ": "
                + new String(body, 0, Math.min(body.length, 500), UTF_8));
      }
      return MAPPER.readTree(body);
    } catch (java.net.http.HttpTimeoutException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          "Lambda function " + url + " did not answer within " + timeout.toSeconds() + " s");
    } catch (IOException | IllegalArgumentException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          "Lambda function " + url + " could not be called: " + e.getMessage());
    }
  }
}
