package io.quiver.pipelines.definition;

import static java.util.Objects.requireNonNull;

/**
 * A JSON file a Processing step writes into one of its outputs, read by {@code Std:JsonGet}.
 *
 * @param name the {@code PropertyFileName} steps refer to
 * @param outputName the processing output the file is written to
 * @param filePath the file's path inside that output
 */
public record PropertyFile(String name, String outputName, String filePath) {
  /** Checks the parts. */
  public PropertyFile {
    requireNonNull(name, "name");
    requireNonNull(outputName, "outputName");
    requireNonNull(filePath, "filePath");
  }
}
