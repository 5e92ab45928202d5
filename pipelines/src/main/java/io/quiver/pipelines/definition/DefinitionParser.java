package io.quiver.pipelines.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.StepDefinition.Branch;
import io.quiver.pipelines.expression.Reference;
import io.quiver.pipelines.expression.ReferenceScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a 2020-12-01 pipeline definition as the SageMaker Python SDK emits it (and in the published
 * schema's spellings) and checks it whole: names, types, parameters, references, the DAG. Every
 * failure is a {@link DefinitionException} naming the step or parameter. Stateless.
 */
public final class DefinitionParser {
  /** The largest definition accepted, as SageMaker's {@code PipelineDefinition} (1 MB). */
  public static final int MAX_DEFINITION_CHARS = 1_048_576;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DefinitionParser() {}

  /**
   * Parses and validates {@code text}.
   *
   * @throws DefinitionException naming what is wrong
   */
  public static PipelineDefinition parse(String text, DefinitionRules rules) {
    if (text.length() > MAX_DEFINITION_CHARS) {
      throw new DefinitionException(
          "Definition: "
              + text.length()
              + " characters is too long (expected: at most "
              + MAX_DEFINITION_CHARS
              + ")");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DefinitionException("Definition: not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new DefinitionException(
          "Definition: not a JSON object (expected: {\"Version\": \"2020-12-01\", \"Steps\": [...]})");
    }
    JsonNode version = root.get("Version");
    if (version != null && !PipelineDefinition.VERSION.equals(version.asText())) {
      throw new DefinitionException(
          "Definition: Version " + version + " is not supported (expected: 2020-12-01)");
    }
    List<Parameter> parameters = ParameterParser.parameters(root.get("Parameters"));
    JsonNode experiment = root.get("PipelineExperimentConfig");
    if (experiment != null && !experiment.isNull()) {
      checkReferences("PipelineExperimentConfig", experiment, parameters, Set.of());
    }
    JsonNode stepsNode = root.get("Steps");
    if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
      throw new DefinitionException(
          "Definition: Steps is missing or empty (expected: a list of steps)");
    }
    List<ObjectNode> raw = new ArrayList<>();
    Map<String, Branch> branches = new HashMap<>();
    flatten(stepsNode, null, raw, branches);
    Map<String, StepType> types = new HashMap<>();
    for (ObjectNode node : raw) {
      String name = node.get("Name").asText();
      if (types.containsKey(name)) {
        throw new DefinitionException(
            "Step '" + name + "': the name is used by more than one step (expected: unique names)");
      }
      types.put(name, StepParser.type(name, node));
    }
    List<StepDefinition> steps = new ArrayList<>();
    for (ObjectNode node : raw) {
      String name = node.get("Name").asText();
      StepDefinition step =
          StepParser.step(
              node, types.get(name), branches.get(name), rules, parameters, types.keySet());
      checkStepReferences(step, types);
      steps.add(step);
    }
    PipelineGraph graph = PipelineGraph.of(steps);
    return new PipelineDefinition(
        text,
        parameters,
        experiment == null || experiment.isNull() ? null : experiment,
        steps,
        graph);
  }

  /** Lists every step, branch steps right after their Condition, recording their branch. */
  private static void flatten(
      JsonNode steps, @Nullable Branch branch, List<ObjectNode> out, Map<String, Branch> branches) {
    int index = 0;
    for (JsonNode node : steps) {
      index++;
      if (!node.isObject()) {
        throw new DefinitionException(
            "Step #" + index + ": not a JSON object (expected: {\"Name\": ..., \"Type\": ...})");
      }
      JsonNode name = node.get("Name");
      if (name == null || !name.isTextual()) {
        throw new DefinitionException("Step #" + index + ": Name is missing (expected: a string)");
      }
      String n = name.asText();
      if (!n.matches("[A-Za-z0-9\\-_]{1,64}")) {
        throw new DefinitionException(
            "Step '" + n + "': the name is not allowed (expected: 1 to 64 of A-Z a-z 0-9 - _)");
      }
      out.add((ObjectNode) node);
      if (branch != null) {
        Branch earlier = branches.putIfAbsent(n, branch);
        if (earlier != null && earlier.condition().equals(branch.condition())) {
          throw new DefinitionException(
              "Step '"
                  + n
                  + "': appears in both IfSteps and ElseSteps of '"
                  + branch.condition()
                  + "' (expected: one branch)");
        }
      }
      if ("Condition".equals(node.path("Type").asText())) {
        if (branch != null) {
          throw new DefinitionException(
              "Step '"
                  + n
                  + "': a Condition step cannot be inside the branch of Condition '"
                  + branch.condition()
                  + "'");
        }
        JsonNode args = node.path("Arguments");
        flattenBranch(args.get("IfSteps"), new Branch(n, true), out, branches, n, "IfSteps");
        flattenBranch(args.get("ElseSteps"), new Branch(n, false), out, branches, n, "ElseSteps");
      }
    }
  }

  private static void flattenBranch(
      @Nullable JsonNode steps,
      Branch branch,
      List<ObjectNode> out,
      Map<String, Branch> branches,
      String condition,
      String field) {
    if (steps == null || steps.isNull()) {
      return;
    }
    if (!steps.isArray()) {
      throw new DefinitionException(
          "Step '" + condition + "': " + field + " must be a list of steps");
    }
    flatten(steps, branch, out, branches);
  }

  private static void checkStepReferences(StepDefinition step, Map<String, StepType> types) {
    String where = "Step '" + step.name() + "'";
    for (String dep : step.dependsOn()) {
      StepType type = types.get(dep);
      if (type == null) {
        throw new DefinitionException(
            where + ": DependsOn names '" + dep + "', which is not a step of this pipeline");
      }
      if (type == StepType.FAIL) {
        throw new DefinitionException(
            where
                + ": DependsOn names Fail step '"
                + dep
                + "' (a Fail step ends the execution; nothing can depend on it)");
      }
      if (dep.equals(step.name())) {
        throw new DefinitionException(where + ": DependsOn names the step itself");
      }
    }
    for (String ref : step.referencedSteps()) {
      if (types.get(ref) == StepType.FAIL) {
        throw new DefinitionException(
            where + ": refers to Fail step '" + ref + "', which has no properties");
      }
      if (ref.equals(step.name())) {
        throw new DefinitionException(where + ": refers to its own properties");
      }
    }
  }

  /** Checks the references of {@code value}; returns the steps it reads. */
  static Set<String> checkReferences(
      String where, JsonNode value, List<Parameter> parameters, Set<String> steps) {
    List<Reference> refs;
    try {
      refs = ReferenceScanner.references(value);
    } catch (IllegalArgumentException e) {
      throw new DefinitionException(where + ": " + e.getMessage());
    }
    Set<String> names = new HashSet<>();
    parameters.forEach(p -> names.add(p.name()));
    Set<String> read = new LinkedHashSet<>();
    for (Reference ref : refs) {
      if (ref.kind() == Reference.Kind.PARAMETER && !names.contains(ref.name())) {
        throw new DefinitionException(
            where
                + ": refers to Parameters."
                + ref.name()
                + ", which is not a parameter of this pipeline");
      }
      if (ref.kind() == Reference.Kind.STEP) {
        if (!steps.contains(ref.name())) {
          throw new DefinitionException(
              where + ": refers to Steps." + ref.name() + ", which is not a step of this pipeline");
        }
        read.add(ref.name());
      }
    }
    return read;
  }
}
