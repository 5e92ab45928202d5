package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import io.quiver.pipelines.registry.ModelRegistry;
import io.quiver.storage.error.QuiverException;

/**
 * RegisterModel steps: a new model package version in the local registry, creating its group on
 * first use as SageMaker does for pipeline registrations. Thread-safe.
 */
public final class RegisterModelStepRunner implements StepRunner {
  private final ModelRegistry registry;

  /** Registers into {@code registry}. */
  public RegisterModelStepRunner(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StepOutcome run(StepRun run) {
    ObjectNode request = run.arguments().deepCopy();
    String group = request.path("ModelPackageGroupName").asText("");
    ObjectNode pkg;
    try {
      synchronized (registry) {
        if (!group.isEmpty() && !registry.hasModelPackageGroup(group)) {
          registry.createModelPackageGroup(group, null, JsonNodeFactory.instance.arrayNode());
        }
        pkg = registry.createModelPackage(request);
      }
    } catch (QuiverException e) {
      throw new StepFailedException(FailureType.CLIENT_ERROR, e.getMessage());
    }
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.putObject("RegisterModel").put("Arn", pkg.get("ModelPackageArn").asText());
    return new StepOutcome(pkg, metadata);
  }
}
