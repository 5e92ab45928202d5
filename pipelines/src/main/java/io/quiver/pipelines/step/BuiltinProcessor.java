package io.quiver.pipelines.step;

import java.nio.file.Path;
import java.util.Map;

/**
 * A processor that runs inside the engine instead of a local process, chosen by a Processing step's
 * {@code ImageUri}. Implementations are thread-safe.
 */
public interface BuiltinProcessor {
  /**
   * Processes the copied inputs into the output folders.
   *
   * @param inputs each input's local folder, by {@code InputName}
   * @param outputs each output's local folder (created, empty), by {@code OutputName}
   * @throws StepFailedException if the processing fails
   */
  void process(StepRun run, Map<String, Path> inputs, Map<String, Path> outputs)
      throws InterruptedException;
}
