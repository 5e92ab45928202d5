package io.quiver.wrangler.schema;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import java.util.List;

/**
 * Feature definitions inferred from a sample of the data.
 *
 * @param recordIdentifier the record identifier column
 * @param eventTime the event time column
 * @param features one definition per column, in column order
 * @param rowsSampled how many rows the inference looked at
 */
public record InferredSchema(
    String recordIdentifier, String eventTime, List<FeatureDefinition> features, long rowsSampled) {
  /** Copies the features and checks the names. */
  public InferredSchema {
    requireNonNull(recordIdentifier, "recordIdentifier");
    requireNonNull(eventTime, "eventTime");
    features = List.copyOf(features);
  }

  /**
   * A feature group spec builder for {@code featureGroupName} with these features, identifier and
   * event time; the caller adds the stores.
   */
  public FeatureGroupSpec.Builder toSpec(String featureGroupName) {
    return FeatureGroupSpec.builder(featureGroupName)
        .recordIdentifier(recordIdentifier)
        .eventTime(eventTime)
        .features(features);
  }

  /**
   * The definition as SageMaker's CreateFeatureGroup writes it: {@code
   * RecordIdentifierFeatureName}, {@code EventTimeFeatureName} and {@code FeatureDefinitions}, as
   * indented JSON.
   */
  public String toJson() {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"RecordIdentifierFeatureName\": ")
        .append(quote(recordIdentifier))
        .append(",\n");
    json.append("  \"EventTimeFeatureName\": ").append(quote(eventTime)).append(",\n");
    json.append("  \"FeatureDefinitions\": [");
    for (int i = 0; i < features.size(); i++) {
      FeatureDefinition feature = features.get(i);
      json.append(i == 0 ? "\n" : ",\n")
          .append("    {\"FeatureName\": ")
          .append(quote(feature.name()));
      json.append(", \"FeatureType\": ").append(quote(feature.type().wireName()));
      if (feature.collectionType() != null) {
        json.append(", \"CollectionType\": ").append(quote(feature.collectionType().wireName()));
      }
      json.append('}');
    }
    return json.append("\n  ]\n}").toString();
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
