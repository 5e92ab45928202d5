package io.quiver.wrangler.analyze.chart;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One drawn chart: a PNG image and the data it plots.
 *
 * @param id a file-name-safe identifier, unique in a report
 * @param title what the chart shows
 * @param png the image, PNG encoded (do not change the array)
 * @param data the plotted data (do not change it)
 */
public record Chart(String id, String title, byte[] png, ObjectNode data) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the parts. */
  public Chart {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    requireNonNull(png, "png");
    requireNonNull(data, "data");
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("id: " + id + " (expected: letters, digits, . _ -)");
    }
  }

  /** The data as indented JSON. */
  public String dataJson() {
    try {
      return JSON.writeValueAsString(data) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code <id>.json} into {@code directory}, and {@code <id>.png} too if {@code png}.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public void write(Path directory, boolean withPng) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(id + ".json"), dataJson(), StandardCharsets.UTF_8);
      if (withPng) {
        Files.write(directory.resolve(id + ".png"), png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write chart " + id + " to " + directory + ": " + e.getMessage(), e);
    }
  }
}
