package io.quiver.wrangler.executor;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.ingest.IngestTransform;
import io.quiver.storage.ingest.IngestTransformCompiler;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Schema;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a frozen flow as a feature group's ingest transform: storage finds this class through {@link
 * java.util.ServiceLoader} and calls it when a group naming a flow is created (refusing the group
 * with the reason if the flow cannot run per record or does not produce the group's features) and
 * when it first writes to such a group. Stateless and thread-safe.
 */
public final class FlowIngestCompiler implements IngestTransformCompiler {

  /** The compiler; public for {@link java.util.ServiceLoader}. */
  public FlowIngestCompiler() {}

  @Override
  public IngestTransform compile(FeatureGroupSpec spec) {
    IngestTransformConfig config = spec.ingestTransform();
    if (config == null) {
      throw new IllegalArgumentException("spec: no ingest transform");
    }
    String prefix =
        "Cannot attach flow "
            + config.name()
            + " to feature group "
            + spec.featureGroupName()
            + ": ";
    RecordProgram program;
    try {
      Flow flow = Flow.parse(config.definition(), config.name());
      program = RecordProgram.compile(flow, flow.parameterValues(Map.of()));
    } catch (FlowException e) {
      throw new ValidationException(prefix + e.getMessage());
    }
    check(prefix, program.output(), spec);
    return program;
  }

  /** Checks that the flow's output is the group's features, with compatible types. */
  static void check(String prefix, Schema output, FeatureGroupSpec spec) {
    Map<String, FeatureDefinition> features = new HashMap<>();
    spec.featureDefinitions().forEach(f -> features.put(f.name(), f));
    for (Column column : output.columns()) {
      FeatureDefinition feature = features.get(column.name());
      if (feature == null) {
        throw new ValidationException(
            prefix
                + "the flow outputs column '"
                + column.name()
                + "', which the group does not define (define it, or drop the column in the flow)");
      }
      if (!compatible(column.type(), feature)) {
        throw new ValidationException(
            prefix
                + "the flow outputs '"
                + column.name()
                + "' as "
                + column.type().flowName()
                + ", but the group defines it as "
                + describe(feature)
                + " (expected: "
                + FeatureDefinitions.of(column).describe()
                + ")");
      }
    }
    for (String key :
        new String[] {spec.recordIdentifierFeatureName(), spec.eventTimeFeatureName()}) {
      if (output.indexOf(key) < 0) {
        throw new ValidationException(
            prefix
                + "the flow does not output '"
                + key
                + "', which every record of the group needs");
      }
    }
  }

  private static boolean compatible(DataType type, FeatureDefinition feature) {
    FeatureDefinition wanted = FeatureDefinitions.definition(feature.name(), type);
    if (feature.type() != wanted.type()) {
      return false;
    }
    if (!type.collection()) {
      return feature.collectionType() == null;
    }
    return feature.collectionType() != null
        && (type != DataType.VECTOR || feature.type() == FeatureType.FRACTIONAL);
  }

  private static String describe(FeatureDefinition feature) {
    return feature.type().wireName()
        + (feature.collectionType() == null ? "" : " " + feature.collectionType().wireName());
  }
}
