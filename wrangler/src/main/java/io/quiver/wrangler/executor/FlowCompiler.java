package io.quiver.wrangler.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.ParameterHash;
import io.quiver.wrangler.flow.ParameterValues;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.transform.Operator;
import io.quiver.wrangler.transform.OperatorCatalog;
import io.quiver.wrangler.transform.Parameters;
import io.quiver.wrangler.transform.Step;
import io.quiver.wrangler.transform.StepContext;
import io.quiver.wrangler.transform.StepException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Compiles TRANSFORM nodes into steps: finds the operator, substitutes parameter placeholders, and
 * decides what the node's trained parameters are worth: a Quiver fit for these parameters is used,
 * a fit for other parameters is stale, anything else (Data Wrangler's Spark models) is refitted.
 * Immutable and thread-safe.
 */
final class FlowCompiler {
  /** What to do with a fit made for other parameters. */
  enum StaleFits {
    /** Refuse to run: the user changed the node after fitting it. */
    REFUSE,
    /** Fit again (quiver flow fit). */
    REFIT
  }

  private final OperatorCatalog catalog;
  private final ParameterValues parameters;
  private final StaleFits staleFits;
  // Steps are immutable: one compiled step serves every plan of a run (a formula is planned once).
  private final java.util.Map<java.util.List<Object>, Step> compiled =
      new java.util.concurrent.ConcurrentHashMap<>();

  FlowCompiler(OperatorCatalog catalog, ParameterValues parameters, StaleFits staleFits) {
    this.catalog = catalog;
    this.parameters = parameters;
    this.staleFits = staleFits;
  }

  ParameterValues parameters() {
    return parameters;
  }

  /** The hash of {@code node}'s parameters, placeholders substituted. */
  String hash(FlowNode node) {
    return ParameterHash.of(parameters.resolve(node));
  }

  /**
   * Compiles {@code node} over inputs of {@code inputs}' schemas.
   *
   * @throws FlowException naming the node: unknown operator, bad parameters, wrong columns, or a
   *     stale fit under {@link StaleFits#REFUSE}
   */
  Step compile(FlowNode node, List<Schema> inputs) {
    List<Object> key =
        java.util.Arrays.asList(
            node.id(),
            node.operator(),
            node.parameters(),
            node.trainedParameters() == null ? "" : node.trainedParameters(),
            inputs);
    Step step = compiled.get(key);
    if (step == null) {
      step = compileNew(node, inputs);
      compiled.put(key, step);
    }
    return step;
  }

  private Step compileNew(FlowNode node, List<Schema> inputs) {
    Operator operator =
        catalog
            .find(node.operator())
            .orElseThrow(
                () ->
                    node.error(
                        "Quiver has no operator '"
                            + node.operator()
                            + "' (it runs: "
                            + String.join(", ", catalog.families())
                            + "); remove the node or replace it with one of these"));
    ObjectNode resolved = parameters.resolve(node);
    String hash = ParameterHash.of(resolved);
    ObjectNode fitted = null;
    ObjectNode foreign = null;
    ObjectNode trained = node.trainedParameters();
    if (trained != null) {
      JsonNode stored = trained.get("_hash");
      if (stored != null && stored.asText().startsWith(ParameterHash.PREFIX)) {
        if (stored.asText().equals(hash)) {
          fitted = trained.deepCopy();
          fitted.remove("_hash");
        } else if (staleFits == StaleFits.REFUSE) {
          throw node.error(
              "its fit was made for other parameters (the node changed after it was fitted);"
                  + " refit the flow with: quiver flow fit");
        }
      } else {
        foreign = trained;
      }
    }
    try {
      return operator.compile(new StepContext(new Parameters(resolved), fitted, foreign, inputs));
    } catch (StepException e) {
      throw node.error(e.getMessage());
    }
  }

  /** Trained parameters to store for {@code node}: {@code state} with the parameters' hash. */
  ObjectNode trained(FlowNode node, ObjectNode state) {
    ObjectNode trained = state.deepCopy();
    trained.put("_hash", hash(node));
    return trained;
  }

  /** The node's stored fit state if it is fresh, else null. */
  @Nullable ObjectNode freshFit(FlowNode node) {
    ObjectNode trained = node.trainedParameters();
    if (trained == null || !hash(node).equals(trained.path("_hash").asText())) {
      return null;
    }
    return trained;
  }
}
