package io.quiver.pipelines.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The target of a {@code Get}: a parameter, an execution variable, an experiment-config value or a
 * step property.
 *
 * @param kind what is referenced
 * @param name the parameter, variable, experiment field or step name
 * @param path the property path below a step, {@code null} for the other kinds
 * @param text the reference as written, for example {@code Steps.Prep.PropertyFiles.EvalReport}
 */
public record Reference(Kind kind, String name, @Nullable PropertyPath path, String text) {

  /** Execution variables a {@code Get} may name. */
  public static final List<String> EXECUTION_VARIABLES =
      List.of(
          "PipelineName",
          "PipelineArn",
          "PipelineExecutionId",
          "PipelineExecutionArn",
          "StartDateTime",
          "CurrentDateTime",
          "TrainingJobName",
          "ProcessingJobName");

  /** Experiment-config fields a {@code Get} may name. */
  public static final List<String> EXPERIMENT_FIELDS = List.of("ExperimentName", "TrialName");

  /** What a reference points at. */
  public enum Kind {
    PARAMETER,
    EXECUTION,
    EXPERIMENT,
    STEP
  }

  /** Checks the parts. */
  public Reference {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(text, "text");
    if ((kind == Kind.STEP) != (path != null)) {
      throw new IllegalArgumentException("path: " + path + " (expected: only for step references)");
    }
  }

  /**
   * Parses the argument of a {@code Get}.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static Reference parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException(
          "Get '"
              + text
              + "' is not a reference (expected: Parameters.<name>, Execution.<variable>,"
              + " PipelineExperimentConfig.<field> or Steps.<step>.<property>)");
    }
    String root = text.substring(0, dot);
    String rest = text.substring(dot + 1);
    switch (root) {
      case "Parameters":
        return new Reference(Kind.PARAMETER, rest, null, text);
      case "Execution":
        if (!EXECUTION_VARIABLES.contains(rest)) {
          throw new IllegalArgumentException(
              "Get '"
                  + text
                  + "' names no execution variable (expected: one of "
                  + String.join(", ", EXECUTION_VARIABLES)
                  + ")");
        }
        return new Reference(Kind.EXECUTION, rest, null, text);
      case "PipelineExperimentConfig":
        if (!EXPERIMENT_FIELDS.contains(rest)) {
          throw new IllegalArgumentException(
              "Get '"
                  + text
                  + "' names no experiment field (expected: ExperimentName or TrialName)");
        }
        return new Reference(Kind.EXPERIMENT, rest, null, text);
      case "Steps":
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        if (end == 0 || end == rest.length()) {
          throw new IllegalArgumentException(
              "Get '" + text + "' names no property (expected: Steps.<step>.<property>)");
        }
        String property = rest.charAt(end) == '.' ? rest.substring(end + 1) : rest.substring(end);
        PropertyPath path;
        try {
          path = PropertyPath.parse(property);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Get '" + text + "' has a bad property path: " + e.getMessage(), e);
        }
        return new Reference(Kind.STEP, rest.substring(0, end), path, text);
      default:
        throw new IllegalArgumentException(
            "Get '"
                + text
                + "' starts with '"
                + root
                + "' (expected: Parameters, Execution, PipelineExperimentConfig or Steps)");
    }
  }
}
