package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.registry.ModelRegistry;
import io.quiver.storage.error.QuiverException;

/**
 * Model (CreateModel) steps: the model is recorded in the local registry under the request's {@code
 * ModelName}, or under the job name when the request has none (as the SDK's ModelStep leaves it to
 * the service). Thread-safe.
 */
public final class ModelStepRunner implements StepRunner {
  private final ModelRegistry registry;

  /** Records models into {@code registry}. */
  public ModelStepRunner(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StepOutcome run(StepRun run) {
    ObjectNode request = run.arguments().deepCopy();
    if (!request.hasNonNull("ModelName")) {
      request.put("ModelName", run.jobName().replace('_', '-'));
    }
    ObjectNode model;
    try {
      model = registry.createModel(request);
    } catch (QuiverException e) {
      throw new StepFailedException(FailureType.CLIENT_ERROR, e.getMessage());
    }
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.putObject("Model").put("Arn", model.get("ModelArn").asText());
    return new StepOutcome(model, metadata);
  }
}
