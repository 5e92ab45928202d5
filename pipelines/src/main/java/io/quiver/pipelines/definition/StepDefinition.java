package io.quiver.pipelines.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.expression.Condition;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One step of a definition, with branch steps of Condition steps flattened out as steps of their
 * own.
 *
 * @param name the unique step name
 * @param type the step type
 * @param displayName the display name, or {@code null}
 * @param description the description, or {@code null}
 * @param dependsOn the steps named in {@code DependsOn}
 * @param body the whole step as written (type-specific fields such as {@code FunctionArn} are read
 *     from it); a Condition's branch steps are left in it
 * @param cache the cache setting
 * @param retryPolicies the retry policies, in order
 * @param propertyFiles the property files (Processing only)
 * @param referencedSteps the steps whose properties this step's expressions read
 * @param conditions a Condition step's conditions (ANDed), empty for other types
 * @param ifSteps a Condition step's IfSteps names
 * @param elseSteps a Condition step's ElseSteps names
 * @param branch the Condition branch this step belongs to, or {@code null} for a top-level step
 */
public record StepDefinition(
    String name,
    StepType type,
    @Nullable String displayName,
    @Nullable String description,
    List<String> dependsOn,
    ObjectNode body,
    CacheConfig cache,
    List<RetryPolicy> retryPolicies,
    List<PropertyFile> propertyFiles,
    Set<String> referencedSteps,
    List<Condition> conditions,
    List<String> ifSteps,
    List<String> elseSteps,
    @Nullable Branch branch) {

  /** Copies the collections. */
  public StepDefinition {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(body, "body");
    requireNonNull(cache, "cache");
    dependsOn = List.copyOf(dependsOn);
    retryPolicies = List.copyOf(retryPolicies);
    propertyFiles = List.copyOf(propertyFiles);
    referencedSteps = Set.copyOf(referencedSteps);
    conditions = List.copyOf(conditions);
    ifSteps = List.copyOf(ifSteps);
    elseSteps = List.copyOf(elseSteps);
  }

  /** Where a branch step sits: the Condition step and which of its branches. */
  public record Branch(String condition, boolean ifBranch) {}

  /** The step's {@code Arguments}, or an empty object. */
  public JsonNode arguments() {
    JsonNode args = body.get("Arguments");
    return args == null ? body.objectNode() : args;
  }
}
