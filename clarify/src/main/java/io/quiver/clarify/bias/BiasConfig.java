package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.storage.error.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * What a bias analysis measures: the columns, how the label (and predicted label) collapse to
 * positive/negative, which facet rows form the sensitive group d, and which label values the
 * distribution metrics compare. Build with {@link #builder()}.
 *
 * @param columns the columns to read
 * @param label selects the positive labels
 * @param facet selects group d, or {@code null} to evaluate every facet value one-vs-rest
 * @param predictedLabel selects the positive predictions; the label selector unless set apart
 * @param labelSupport the label values KL, JS, LP, TVD and KS sum over
 * @param maxDistinctValues the most distinct facet values (one-vs-rest) and group-variable values
 *     an analysis keeps counts for, bounding its memory
 * @param missing what to do with a row missing a value in a column the analysis reads
 */
public record BiasConfig(
    BiasColumns columns,
    ValueSelector label,
    @Nullable ValueSelector facet,
    ValueSelector predictedLabel,
    LabelSupport labelSupport,
    int maxDistinctValues,
    MissingValues missing) {

  /** Default {@link #labelSupport()}: smclarify's. */
  public static final LabelSupport LABEL_SUPPORT_DEFAULT = LabelSupport.COMMON_NONZERO;

  /** Default {@link #maxDistinctValues()}. */
  public static final int MAX_DISTINCT_VALUES_DEFAULT = 100_000;

  /** Default {@link #missing()}: rows missing a value are left out and counted. */
  public static final MissingValues MISSING_DEFAULT = MissingValues.SKIP;

  /** Checks the arguments. */
  public BiasConfig {
    requireNonNull(columns, "columns");
    requireNonNull(label, "label");
    requireNonNull(predictedLabel, "predictedLabel");
    requireNonNull(labelSupport, "labelSupport");
    requireNonNull(missing, "missing");
    if (maxDistinctValues < 1) {
      throw new IllegalArgumentException(
          "maxDistinctValues: " + maxDistinctValues + " (expected: >= 1)");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BiasConfig}; rejects missing and conflicting settings at {@link #build()}. */
  public static final class Builder {
    private @Nullable String labelColumn;
    private @Nullable ValueSelector label;
    private @Nullable String facetColumn;
    private @Nullable ValueSelector facet;
    private @Nullable String predictedColumn;
    private @Nullable ValueSelector predicted;
    private @Nullable String groupVariable;
    private LabelSupport labelSupport = LABEL_SUPPORT_DEFAULT;
    private int maxDistinctValues = MAX_DISTINCT_VALUES_DEFAULT;
    private MissingValues missing = MISSING_DEFAULT;

    private Builder() {}

    /** The label column and which of its values are positive. */
    public Builder label(String column, ValueSelector positive) {
      this.labelColumn = requireNonNull(column, "column");
      this.label = requireNonNull(positive, "positive");
      return this;
    }

    /** The facet column; every distinct value is evaluated one-vs-rest. */
    public Builder facet(String column) {
      this.facetColumn = requireNonNull(column, "column");
      this.facet = null;
      return this;
    }

    /** The facet column and which of its values form the sensitive group d. */
    public Builder facet(String column, ValueSelector sensitive) {
      this.facetColumn = requireNonNull(column, "column");
      this.facet = requireNonNull(sensitive, "sensitive");
      return this;
    }

    /** The predicted-label column, collapsed like the label; enables post-training metrics. */
    public Builder predictedLabel(String column) {
      this.predictedColumn = requireNonNull(column, "column");
      return this;
    }

    /**
     * The predicted-label column with its own selector, for example {@code above(0.5)} on
     * probability scores (Clarify's {@code probability_threshold}).
     */
    public Builder predictedLabel(String column, ValueSelector positive) {
      this.predictedColumn = requireNonNull(column, "column");
      this.predicted = requireNonNull(positive, "positive");
      return this;
    }

    /** The column whose values define the strata of CDDL and CDDPL. */
    public Builder groupVariable(String column) {
      this.groupVariable = requireNonNull(column, "column");
      return this;
    }

    /**
     * Which label values the distribution metrics compare; default {@link #LABEL_SUPPORT_DEFAULT}.
     */
    public Builder labelSupport(LabelSupport support) {
      this.labelSupport = requireNonNull(support, "support");
      return this;
    }

    /** Bound on distinct facet and group values; default {@link #MAX_DISTINCT_VALUES_DEFAULT}. */
    public Builder maxDistinctValues(int max) {
      this.maxDistinctValues = max;
      return this;
    }

    /** What to do with a row missing a value; default {@link #MISSING_DEFAULT}. */
    public Builder missing(MissingValues policy) {
      this.missing = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws ValidationException if the label or facet is missing, or a predicted-label selector
     *     is set without reason
     * @throws IllegalArgumentException if a column name is blank or the bound is not positive
     */
    public BiasConfig build() {
      if (labelColumn == null || label == null) {
        throw new ValidationException("Cannot build a bias configuration without a label column");
      }
      if (facetColumn == null) {
        throw new ValidationException("Cannot build a bias configuration without a facet column");
      }
      BiasColumns columns =
          new BiasColumns(facetColumn, labelColumn, predictedColumn, groupVariable);
      ValueSelector predictedSelector = predicted != null ? predicted : label;
      return new BiasConfig(
          columns, label, facet, predictedSelector, labelSupport, maxDistinctValues, missing);
    }
  }
}
