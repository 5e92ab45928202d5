package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What UpdateFeatureMetadata adds to a feature: a description and key-value parameters.
 *
 * @param description at most 255 characters, or {@code null}
 * @param parameters at most 25 key-value pairs
 * @param lastModifiedMicros when the metadata last changed, in microseconds since the epoch
 */
public record FeatureMetadata(
    @Nullable String description, Map<String, String> parameters, long lastModifiedMicros) {

  /** Copies the parameters. */
  public FeatureMetadata {
    requireNonNull(parameters, "parameters");
    parameters = Map.copyOf(parameters);
  }
}
