package io.quiver.pipelines.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.StepDefinition.Branch;
import io.quiver.pipelines.expression.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads and checks the fields of one step. Stateless. */
final class StepParser {
  private static final Set<String> CLARIFY_CHECK_TYPES =
      Set.of("DATA_BIAS", "MODEL_BIAS", "MODEL_EXPLAINABILITY");
  private static final Set<String> QUALITY_CHECK_TYPES = Set.of("DATA_QUALITY", "MODEL_QUALITY");
  private static final Set<String> OUTPUT_TYPES = Set.of("String", "Integer", "Boolean", "Float");

  private StepParser() {}

  static StepType type(String name, JsonNode node) {
    JsonNode type = node.get("Type");
    if (type == null || !type.isTextual()) {
      throw new DefinitionException(
          "Step '"
              + name
              + "': Type is missing (expected: one of "
              + StepType.allWireNames()
              + ")");
    }
    return StepType.of(type.asText())
        .orElseThrow(
            () ->
                new DefinitionException(
                    "Step '"
                        + name
                        + "': Type '"
                        + type.asText()
                        + "' is not a step type (expected: one of "
                        + StepType.allWireNames()
                        + ")"));
  }

  static StepDefinition step(
      ObjectNode node,
      StepType type,
      @Nullable Branch branch,
      DefinitionRules rules,
      List<Parameter> parameters,
      Set<String> stepNames) {
    String name = node.get("Name").asText();
    String where = "Step '" + name + "'";
    List<String> dependsOn = strings(where, "DependsOn", node.get("DependsOn"));
    JsonNode args = node.get("Arguments");
    if (args != null && !args.isObject() && !args.isNull()) {
      throw new DefinitionException(where + ": Arguments must be a JSON object");
    }
    if (args == null && requiresArguments(type)) {
      throw new DefinitionException(
          where + ": Arguments is missing (expected: the " + requestName(type) + " request)");
    }
    CacheConfig cache = cache(where, type, node.get("CacheConfig"));
    List<RetryPolicy> retries = RetryPolicyParser.policies(where, type, node.get("RetryPolicies"));
    List<PropertyFile> files = propertyFiles(where, type, node);
    List<Condition> conditions = new ArrayList<>();
    List<String> ifSteps = new ArrayList<>();
    List<String> elseSteps = new ArrayList<>();
    if (type == StepType.CONDITION) {
      conditions = conditions(where, args);
      names(args.get("IfSteps"), ifSteps);
      names(args.get("ElseSteps"), elseSteps);
    }
    checkTypeFields(where, type, node, rules);
    JsonNode scanned = type == StepType.CONDITION ? args.get("Conditions") : node;
    Set<String> referenced =
        DefinitionParser.checkReferences(where, scanned, parameters, stepNames);
    return new StepDefinition(
        name,
        type,
        text(node.get("DisplayName")),
        text(node.get("Description")),
        dependsOn,
        node,
        cache,
        retries,
        files,
        referenced,
        conditions,
        ifSteps,
        elseSteps,
        branch);
  }

  private static boolean requiresArguments(StepType type) {
    return switch (type) {
      case PROCESSING,
          TRAINING,
          TUNING,
          MODEL,
          REGISTER_MODEL,
          TRANSFORM,
          CONDITION,
          CLARIFY_CHECK,
          QUALITY_CHECK ->
          true;
      default -> false;
    };
  }

  private static String requestName(StepType type) {
    return switch (type) {
      case PROCESSING, CLARIFY_CHECK, QUALITY_CHECK -> "CreateProcessingJob";
      case TRAINING -> "CreateTrainingJob";
      case TUNING -> "CreateHyperParameterTuningJob";
      case MODEL -> "CreateModel";
      case REGISTER_MODEL -> "CreateModelPackage";
      case TRANSFORM -> "CreateTransformJob";
      case CONDITION -> "{\"Conditions\": [...], \"IfSteps\": [...], \"ElseSteps\": [...]}";
      default -> type.wireName();
    };
  }

  private static CacheConfig cache(String where, StepType type, @Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return CacheConfig.DISABLED;
    }
    boolean enabled = node.path("Enabled").asBoolean(false);
    if (enabled && !type.cacheable()) {
      throw new DefinitionException(
          where + ": CacheConfig cannot be enabled on a " + type.wireName() + " step");
    }
    JsonNode expire = node.get("ExpireAfter");
    Duration expireAfter = null;
    if (expire != null && !expire.isNull()) {
      try {
        expireAfter = IsoDuration.parse(expire.asText());
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(
            where
                + ": CacheConfig.ExpireAfter '"
                + expire.asText()
                + "' is not an ISO-8601 duration (expected: for example PT1H or P30D)");
      }
    }
    return new CacheConfig(enabled, expireAfter);
  }

  private static List<PropertyFile> propertyFiles(String where, StepType type, JsonNode node) {
    JsonNode files = node.get("PropertyFiles");
    List<PropertyFile> out = new ArrayList<>();
    if (files == null || files.isNull()) {
      return out;
    }
    if (type != StepType.PROCESSING) {
      throw new DefinitionException(where + ": PropertyFiles are allowed on Processing steps only");
    }
    Set<String> outputs = new java.util.HashSet<>();
    JsonNode declared = node.path("Arguments").path("ProcessingOutputConfig").path("Outputs");
    declared.forEach(o -> outputs.add(o.path("OutputName").asText()));
    for (JsonNode f : files) {
      String name = f.path("PropertyFileName").asText("");
      String output = f.path("OutputName").asText("");
      String path = f.path("FilePath").asText("");
      if (name.isEmpty() || output.isEmpty() || path.isEmpty()) {
        throw new DefinitionException(
            where + ": a property file needs PropertyFileName, OutputName and FilePath");
      }
      if (declared.isArray() && !outputs.contains(output)) {
        throw new DefinitionException(
            where
                + ": property file '"
                + name
                + "' names output '"
                + output
                + "', which is not in ProcessingOutputConfig.Outputs");
      }
      out.add(new PropertyFile(name, output, path));
    }
    return out;
  }

  private static List<Condition> conditions(String where, JsonNode args) {
    JsonNode list = args.get("Conditions");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new DefinitionException(where + ": Conditions is missing or empty (expected: a list)");
    }
    List<Condition> out = new ArrayList<>();
    for (JsonNode c : list) {
      try {
        out.add(Condition.parse(c));
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(where + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static void checkTypeFields(
      String where, StepType type, JsonNode node, DefinitionRules rules) {
    switch (type) {
      case LAMBDA -> {
        requireText(where, node, "FunctionArn");
        outputParameters(where, node.get("OutputParameters"));
      }
      case CALLBACK -> {
        requireText(where, node, "SqsQueueUrl");
        outputParameters(where, node.get("OutputParameters"));
      }
      case EMR -> {
        if (!rules.sparkSubmitAvailable()) {
          throw new DefinitionException(
              where
                  + ": EMR steps run on a local Spark and spark-submit is not on the PATH"
                  + " (install Spark or remove the step)");
        }
        JsonNode args = node.path("Arguments");
        if (!args.has("StepConfig")) {
          throw new DefinitionException(where + ": Arguments.StepConfig is missing");
        }
      }
      case CLARIFY_CHECK -> checkType(where, node, CLARIFY_CHECK_TYPES);
      case QUALITY_CHECK -> {
        checkType(where, node, QUALITY_CHECK_TYPES);
        if (!rules.qualityCheckUnavailable().isEmpty()) {
          throw new DefinitionException(where + ": " + rules.qualityCheckUnavailable());
        }
      }
      case PROCESSING -> {
        String image = node.path("Arguments").path("AppSpecification").path("ImageUri").asText("");
        String why = rules.unavailableImages().get(image);
        if (why != null) {
          throw new DefinitionException(where + ": image " + image + " " + why);
        }
      }
      default -> {}
    }
  }

  private static void checkType(String where, JsonNode node, Set<String> allowed) {
    String type = node.path("CheckType").asText("");
    if (!allowed.contains(type)) {
      throw new DefinitionException(
          where
              + ": CheckType '"
              + type
              + "' is not allowed (expected: one of "
              + String.join(", ", new java.util.TreeSet<>(allowed))
              + ")");
    }
  }

  private static void requireText(String where, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
      throw new DefinitionException(where + ": " + field + " is missing");
    }
  }

  private static void outputParameters(String where, @Nullable JsonNode list) {
    if (list == null || list.isNull()) {
      return;
    }
    for (JsonNode p : list) {
      String name = p.path("OutputName").asText("");
      if (name.isEmpty()) {
        throw new DefinitionException(where + ": an output parameter has no OutputName");
      }
      String type = p.path("OutputType").asText("String");
      if (!OUTPUT_TYPES.contains(type)) {
        throw new DefinitionException(
            where
                + ": output parameter '"
                + name
                + "' has OutputType '"
                + type
                + "' (expected: String, Integer, Boolean or Float)");
      }
    }
  }

  private static List<String> strings(String where, String field, @Nullable JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new DefinitionException(where + ": " + field + " must be a list of step names");
    }
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw new DefinitionException(where + ": " + field + " must be a list of step names");
      }
      out.add(n.asText());
    }
    return out;
  }

  private static void names(@Nullable JsonNode steps, List<String> out) {
    if (steps != null) {
      steps.forEach(s -> out.add(s.path("Name").asText()));
    }
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
