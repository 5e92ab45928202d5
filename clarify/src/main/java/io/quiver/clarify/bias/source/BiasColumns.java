package io.quiver.clarify.bias.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The columns a bias analysis reads: the facet and the label, and optionally the predicted label
 * (post-training metrics) and the group variable (conditional demographic disparity).
 *
 * @param facet the column holding the sensitive attribute
 * @param label the column holding the observed label
 * @param predictedLabel the column holding the model's predicted label, or {@code null}
 * @param groupVariable the column defining strata for CDDL and CDDPL, or {@code null}
 */
public record BiasColumns(
    String facet, String label, @Nullable String predictedLabel, @Nullable String groupVariable) {

  /** Checks that every given name is non-blank. */
  public BiasColumns {
    requireName("facet", facet);
    requireName("label", label);
    if (predictedLabel != null) {
      requireName("predictedLabel", predictedLabel);
    }
    if (groupVariable != null) {
      requireName("groupVariable", groupVariable);
    }
  }

  /** Facet and label only (pre-training metrics without CDDL). */
  public static BiasColumns of(String facet, String label) {
    return new BiasColumns(facet, label, null, null);
  }

  /** A copy that also reads the given predicted-label column. */
  public BiasColumns withPredictedLabel(String column) {
    return new BiasColumns(facet, label, column, groupVariable);
  }

  /** A copy that also reads the given group-variable column. */
  public BiasColumns withGroupVariable(String column) {
    return new BiasColumns(facet, label, predictedLabel, column);
  }

  /** The column names in reading order: facet, label, then the optional ones that are set. */
  public List<String> names() {
    List<String> names = new ArrayList<>(List.of(facet, label));
    if (predictedLabel != null) {
      names.add(predictedLabel);
    }
    if (groupVariable != null) {
      names.add(groupVariable);
    }
    return List.copyOf(names);
  }

  private static void requireName(String parameter, String value) {
    requireNonNull(value, parameter);
    if (value.isBlank()) {
      throw new IllegalArgumentException(parameter + ": '" + value + "' (expected: a column name)");
    }
  }
}
