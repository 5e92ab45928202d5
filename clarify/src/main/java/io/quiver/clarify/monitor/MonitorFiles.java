package io.quiver.clarify.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The names of a window's files, and how JSON is written to them. Stateless. */
final class MonitorFiles {
  static final String ANALYSIS = "analysis.json";
  static final String STATISTICS = "statistics.json";
  static final String VIOLATIONS = "constraint_violations.json";
  static final String EXECUTION = "execution.json";

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MonitorFiles() {}

  static void write(Path file, JsonNode tree) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, MAPPER.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
