package io.quiver.clarify.bias;

/**
 * The Clarify bias metrics Quiver computes, with smclarify's short description, the range of
 * possible values, the value that means "no difference", and a plain-language explanation.
 *
 * <p>Throughout, d is the selected (sensitive) facet group and a is every other row.
 */
public enum Metric {
  CI(
      Stage.PRE_TRAINING,
      "Class Imbalance (CI)",
      -1,
      1,
      "Compares how many rows each group has: (n_a - n_d) / n. Positive when d is the smaller"
          + " group; 0 when both are the same size."),
  DPL(
      Stage.PRE_TRAINING,
      "Difference in Positive Proportions in Labels (DPL)",
      -1,
      1,
      "Share of positive labels in a minus the share in d. Positive when d receives the positive"
          + " outcome less often in the data."),
  KL(
      Stage.PRE_TRAINING,
      "Kullback-Liebler Divergence (KL)",
      0,
      Double.POSITIVE_INFINITY,
      "How much the label distribution of a diverges from that of d, in nats. 0 when they match."
          + " Over only the label values both groups have, it can turn negative."),
  JS(
      Stage.PRE_TRAINING,
      "Jensen-Shannon Divergence (JS)",
      0,
      Math.log(2),
      "A symmetric, bounded divergence between the label distributions of a and d. 0 when they"
          + " match; at most ln 2."),
  LP(
      Stage.PRE_TRAINING,
      "L-p Norm (LP)",
      0,
      Math.sqrt(2),
      "Euclidean (p = 2) distance between the label distributions of a and d. 0 when they match."),
  TVD(
      Stage.PRE_TRAINING,
      "Total Variation Distance (TVD)",
      0,
      1,
      "Half the sum of absolute differences between the label distributions of a and d: the share"
          + " of probability that would have to move to make them equal."),
  KS(
      Stage.PRE_TRAINING,
      "Kolmogorov-Smirnov Distance (KS)",
      0,
      1,
      "The largest difference, over label values, between the probability of that label in a and"
          + " in d."),
  CDDL(
      Stage.PRE_TRAINING,
      "Conditional Demographic Disparity in Labels (CDDL)",
      -1,
      1,
      "Within each stratum of the group variable: d's share of the rejections minus d's share of"
          + " the acceptances, averaged with stratum sizes as weights. Positive when d is rejected"
          + " more than accepted even after accounting for the strata."),
  DPPL(
      Stage.POST_TRAINING,
      "Difference in Positive Proportions in Predicted Labels (DPPL)",
      -1,
      1,
      "Share of positive predictions in a minus the share in d. Positive when the model accepts d"
          + " less often."),
  DI(
      Stage.POST_TRAINING,
      "Disparate Impact (DI)",
      0,
      Double.POSITIVE_INFINITY,
      "Share of positive predictions in d divided by the share in a. 1 means parity; below 1, d is"
          + " accepted less often (the \"four-fifths rule\" flags values under 0.8).",
      1),
  DCA(
      Stage.POST_TRAINING,
      "Difference in Conditional Acceptance (DCA)",
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      "Observed over predicted positives in a, minus the same in d. Positive when d gets fewer"
          + " acceptances than its labels warrant, relative to a."),
  DCR(
      Stage.POST_TRAINING,
      "Difference in Conditional Rejection (DCR)",
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      "Observed over predicted negatives in d, minus the same in a. Negative when d is rejected"
          + " more than its labels warrant, relative to a."),
  RD(
      Stage.POST_TRAINING,
      "Recall Difference (RD)",
      -1,
      1,
      "Recall (true positive rate) in a minus recall in d. Positive when the model finds the true"
          + " positives of d less often."),
  SD(
      Stage.POST_TRAINING,
      "Specificity Difference (SD)",
      -1,
      1,
      "Specificity (true negative rate) in d minus specificity in a. Negative when d's true"
          + " negatives are wrongly accepted less often than a's, i.e. a gets more false"
          + " acceptances."),
  DAR(
      Stage.POST_TRAINING,
      "Difference in Acceptance Rates (DAR)",
      -1,
      1,
      "Precision (true positives among predicted positives) in a minus that in d. Positive when an"
          + " acceptance of d is less often right."),
  DRR(
      Stage.POST_TRAINING,
      "Difference in Rejection Rates (DRR)",
      -1,
      1,
      "Negative predictive value (true negatives among predicted negatives) in d minus that in a."
          + " Negative when a rejection of d is less often right."),
  AD(
      Stage.POST_TRAINING,
      "Accuracy Difference (AD)",
      -1,
      1,
      "Accuracy in a minus accuracy in d. Positive when the model is less accurate for d."),
  TE(
      Stage.POST_TRAINING,
      "Treatment Equality (TE)",
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      "False negatives per false positive in d, minus the same in a. Positive when d's errors lean"
          + " more towards wrongful rejections."),
  CDDPL(
      Stage.POST_TRAINING,
      "Conditional Demographic Disparity in Predicted Labels (CDDPL)",
      -1,
      1,
      "CDDL computed on the predictions: within each stratum, d's share of predicted rejections"
          + " minus d's share of predicted acceptances, weighted by stratum size."),
  GE(
      Stage.POST_TRAINING,
      "Generalized Entropy (GE)",
      0,
      Double.POSITIVE_INFINITY,
      "Inequality of the benefit b = prediction - label + 1 across all rows (alpha = 2: half the"
          + " squared coefficient of variation). 0 when every row gets the same benefit; it does"
          + " not depend on the facet.");

  /** Whether a metric looks at labels only or also at predictions. */
  public enum Stage {
    /** Computed from the labels (before training). */
    PRE_TRAINING,
    /** Computed from labels and predicted labels (after training or deployment). */
    POST_TRAINING
  }

  private final Stage stage;
  private final String description;
  private final double min;
  private final double max;
  private final String explanation;
  private final double neutral;

  Metric(Stage stage, String description, double min, double max, String explanation) {
    this(stage, description, min, max, explanation, 0);
  }

  Metric(
      Stage stage, String description, double min, double max, String explanation, double neutral) {
    this.stage = stage;
    this.description = description;
    this.min = min;
    this.max = max;
    this.explanation = explanation;
    this.neutral = neutral;
  }

  /** Pre- or post-training. */
  public Stage stage() {
    return stage;
  }

  /** smclarify's short description, as Clarify's {@code analysis.json} prints it. */
  public String description() {
    return description;
  }

  /** The smallest possible value (may be negative infinity). */
  public double min() {
    return min;
  }

  /** The largest possible value (may be positive infinity). */
  public double max() {
    return max;
  }

  /** The value that means no difference between the groups (1 for DI, 0 otherwise). */
  public double neutral() {
    return neutral;
  }

  /** A plain-language explanation for people reading a report. */
  public String explanation() {
    return explanation;
  }
}
