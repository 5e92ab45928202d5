package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the parts of Create*Job requests that every local job needs. Stateless. */
final class JobSupport {
  private JobSupport() {}

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map != null && map.isObject()) {
      map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  static String requiredText(JsonNode node, String path, String what) {
    JsonNode value = node.at(path);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR, what + " needs " + path.substring(1).replace('/', '.'));
    }
    return value.asText();
  }

  /** The request with the describe-response fields every job shares. */
  static ObjectNode describe(StepRun run, String prefix, String kind, java.time.Instant start) {
    ObjectNode props = run.arguments().deepCopy();
    props.put(prefix + "Name", run.jobName());
    props.put(prefix + "Arn", run.jobArn(kind));
    props.put(prefix + "Status", "Completed");
    props.put("CreationTime", start.toString());
    props.put("LastModifiedTime", run.now().toString());
    return props;
  }

  static Path createFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + folder, e);
    }
  }

  /** A transfer failure as a step failure that names the object. */
  static StepFailedException transferFailed(String what, String uri, RuntimeException e) {
    return new StepFailedException(
        FailureType.JOB_INTERNAL_ERROR, "Cannot " + what + " " + uri + ": " + e.getMessage());
  }
}
