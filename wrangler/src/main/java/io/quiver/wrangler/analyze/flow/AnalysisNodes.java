package io.quiver.wrangler.analyze.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.wrangler.analyze.AnalysisOptions;
import io.quiver.wrangler.analyze.AnalysisOptions.ChartRequest;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads a flow's analysis nodes. Operators are named as Data Wrangler names them ({@code
 * sagemaker.visualizations.describe_0.1}) or by family ({@code describe}). Parameters, as .flow
 * files carry them:
 *
 * <ul>
 *   <li>{@code data_insights_report}: {@code insights_report_parameters.target_column} (and {@code
 *       problem_type}, which is inferred from the target as Data Wrangler does);
 *   <li>{@code histogram}: {@code x_axis}, {@code color_by}, {@code facet_by};
 *   <li>{@code scatter_plot}: {@code x_axis}, {@code y_axis}, {@code color_by}, {@code facet_by};
 *   <li>{@code quick_model}: {@code label}; {@code target_leakage}: {@code target_column};
 *   <li>{@code describe}, {@code feature_correlation}, {@code multicollinearity}: none needed.
 * </ul>
 *
 * A target may also be given as {@code target_column}, {@code label} or {@code target} at the top
 * level of any node's parameters. Stateless.
 */
public final class AnalysisNodes {
  private static final Pattern SAGEMAKER_ID =
      Pattern.compile("sagemaker\\.visualizations\\.([a-z0-9_]+)_0\\.1");

  private AnalysisNodes() {}

  /** The analysis ({@code VISUALIZATION}) nodes of {@code flow}, in flow order. */
  public static List<AnalysisNode> of(Flow flow) {
    List<AnalysisNode> nodes = new ArrayList<>();
    for (FlowNode node : flow.nodes()) {
      if (node.type() == NodeType.VISUALIZATION) {
        nodes.add(of(node));
      }
    }
    return nodes;
  }

  /**
   * Reads one analysis node.
   *
   * @throws io.quiver.wrangler.flow.FlowException naming the node if a parameter it needs is
   *     missing or not a column name
   */
  public static AnalysisNode of(FlowNode node) {
    String family = family(node.operator());
    JsonNode p = node.parameters();
    String displayName = node.name();
    String nameParameter = text(p, "name");
    String title =
        displayName != null && !displayName.isBlank()
            ? displayName
            : nameParameter != null ? nameParameter : node.id();
    AnalysisKind kind =
        Arrays.stream(AnalysisKind.values())
            .filter(k -> k.family().equals(family))
            .findFirst()
            .orElse(null);
    AnalysisOptions defaults = AnalysisOptions.defaults();
    if (kind == null) {
      return new AnalysisNode(
          node.id(), node.operator(), title, null, defaults, unsupported(family));
    }
    String target = anyText(p, "target_column", "label", "target");
    AnalysisOptions options =
        switch (kind) {
          case TABLE_SUMMARY, FEATURE_CORRELATION, MULTICOLLINEARITY -> defaults.withTarget(target);
          case DATA_QUALITY_REPORT -> {
            String reportTarget = text(p.path("insights_report_parameters"), "target_column");
            yield defaults.withTarget(reportTarget != null ? reportTarget : target);
          }
          case QUICK_MODEL, TARGET_LEAKAGE -> {
            if (target == null) {
              throw node.error(
                  "parameter "
                      + (kind == AnalysisKind.QUICK_MODEL ? "label" : "target_column")
                      + " is required (the column to predict)");
            }
            yield defaults.withTarget(target);
          }
          case HISTOGRAM ->
              new AnalysisOptions(
                  target,
                  List.of(
                      new ChartRequest(
                          List.of(required(node, "x_axis", "the column to count")),
                          text(p, "color_by"),
                          text(p, "facet_by"))),
                  List.of(),
                  defaults.seed());
          case SCATTER_PLOT ->
              new AnalysisOptions(
                  target,
                  List.of(),
                  List.of(
                      new ChartRequest(
                          List.of(
                              required(node, "x_axis", "the column along x"),
                              required(node, "y_axis", "the column along y")),
                          text(p, "color_by"),
                          text(p, "facet_by"))),
                  defaults.seed());
        };
    return new AnalysisNode(node.id(), node.operator(), title, kind, options, null);
  }

  /** The family an operator id names: {@code describe} for {@code ...describe_0.1}. */
  static String family(String operator) {
    Matcher m = SAGEMAKER_ID.matcher(operator);
    return m.matches() ? m.group(1) : operator;
  }

  private static String unsupported(String family) {
    String known =
        Arrays.stream(AnalysisKind.values())
            .map(AnalysisKind::family)
            .collect(Collectors.joining(", "));
    if (family.contains("bias")) {
      return "bias reports run with quiver bias (Clarify), not as a flow analysis";
    }
    if (family.contains("custom")) {
      return "custom visualizations run Python (Altair) code, which Quiver does not run";
    }
    if (family.contains("time_series") || family.contains("seasonal")) {
      return "time-series analyses are not available in Quiver yet";
    }
    return "Quiver has no analysis '" + family + "' (it runs: " + known + ")";
  }

  private static String required(FlowNode node, String field, String what) {
    String value = text(node.parameters(), field);
    if (value == null) {
      throw node.error("parameter " + field + " is required (" + what + ")");
    }
    return value;
  }

  private static @Nullable String anyText(JsonNode parameters, String... fields) {
    for (String field : fields) {
      String value = text(parameters, field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A non-blank text field, else null (Data Wrangler leaves unset choices as "" or null). */
  private static @Nullable String text(JsonNode parameters, String field) {
    JsonNode value = parameters.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      return null;
    }
    return value.asText();
  }
}
