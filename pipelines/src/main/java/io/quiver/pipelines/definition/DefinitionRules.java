package io.quiver.pipelines.definition;

import java.util.Map;

/**
 * What the running engine can do, which decides whether some definitions are accepted: EMR steps
 * need {@code spark-submit}; built-in processors are selected by image name.
 *
 * @param sparkSubmitAvailable whether {@code spark-submit} was found
 * @param unavailableImages built-in image names that exist but cannot run in this build, each with
 *     the reason shown to the user
 * @param qualityCheckUnavailable why QualityCheck steps cannot run, or empty if they can
 */
public record DefinitionRules(
    boolean sparkSubmitAvailable,
    Map<String, String> unavailableImages,
    String qualityCheckUnavailable) {
  /** Copies the map. */
  public DefinitionRules {
    unavailableImages = Map.copyOf(unavailableImages);
  }
}
