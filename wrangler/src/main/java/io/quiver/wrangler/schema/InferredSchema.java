package io.quiver.wrangler.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature definitions inferred from a sample of the data, with the sampled rows that do not fit
 * them.
 *
 * @param recordIdentifier the record identifier column
 * @param eventTime the event time column
 * @param features one definition per column, in column order
 * @param rowsSampled how many rows the inference looked at
 * @param rowsUnfit how many of them do not fit the definitions (a value that does not parse as its
 *     column's type, a missing identifier or event time): importing them breaks the record rules
 * @param firstUnfit the first of those rows, at most {@link SchemaInference#UNFIT_ROWS_NAMED}
 */
public record InferredSchema(
    String recordIdentifier,
    String eventTime,
    List<FeatureDefinition> features,
    long rowsSampled,
    long rowsUnfit,
    List<UnfitRow> firstUnfit) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the lists and checks the names. */
  public InferredSchema {
    requireNonNull(recordIdentifier, "recordIdentifier");
    requireNonNull(eventTime, "eventTime");
    features = List.copyOf(features);
    firstUnfit = List.copyOf(firstUnfit);
  }

  /** A schema every sampled row fits. */
  public InferredSchema(
      String recordIdentifier,
      String eventTime,
      List<FeatureDefinition> features,
      long rowsSampled) {
    this(recordIdentifier, eventTime, features, rowsSampled, 0, List.of());
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
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("RecordIdentifierFeatureName", recordIdentifier);
    json.put("EventTimeFeatureName", eventTime);
    List<Map<String, String>> definitions = new ArrayList<>();
    for (FeatureDefinition feature : features) {
      Map<String, String> definition = new LinkedHashMap<>();
      definition.put("FeatureName", feature.name());
      definition.put("FeatureType", feature.type().wireName());
      if (feature.collectionType() != null) {
        definition.put("CollectionType", feature.collectionType().wireName());
      }
      definitions.add(definition);
    }
    json.put("FeatureDefinitions", definitions);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a feature definition as JSON", e);
    }
  }

  /**
   * One line about the unfit rows, for example {@code 2 of the 10000 sampled rows do not fit the
   * inferred definition (data.csv:17: amount 'n/a' is not Fractional; data.csv:90: ...)}; empty if
   * every row fits.
   */
  public String unfitSummary() {
    if (rowsUnfit == 0) {
      return "";
    }
    List<String> named = new ArrayList<>();
    firstUnfit.forEach(row -> named.add(row.toString()));
    return rowsUnfit
        + " of the "
        + rowsSampled
        + " sampled rows "
        + (rowsUnfit == 1 ? "does" : "do")
        + " not fit the inferred definition ("
        + String.join("; ", named)
        + (rowsUnfit > firstUnfit.size() ? "; ..." : "")
        + ")";
  }
}
