package io.quiver.clarify.bias;

/**
 * The confusion matrix of one group of rows. Without a predicted label every prediction counts as
 * negative, so {@code tn + fp} are the label negatives and {@code fn + tp} the label positives.
 */
record GroupCounts(long tn, long fp, long fn, long tp) {
  static final GroupCounts EMPTY = new GroupCounts(0, 0, 0, 0);

  /** Cell index of a row: label bit then prediction bit, matching the record's component order. */
  static int cell(boolean label, boolean predicted) {
    return (label ? 2 : 0) + (predicted ? 1 : 0);
  }

  static GroupCounts of(long[] cells) {
    return new GroupCounts(cells[0], cells[1], cells[2], cells[3]);
  }

  long rows() {
    return tn + fp + fn + tp;
  }

  long labelPositives() {
    return fn + tp;
  }

  long labelNegatives() {
    return tn + fp;
  }

  long predictedPositives() {
    return tp + fp;
  }

  long predictedNegatives() {
    return tn + fn;
  }

  GroupCounts plus(GroupCounts o) {
    return new GroupCounts(tn + o.tn, fp + o.fp, fn + o.fn, tp + o.tp);
  }

  GroupCounts minus(GroupCounts o) {
    return new GroupCounts(tn - o.tn, fp - o.fp, fn - o.fn, tp - o.tp);
  }

  GroupSummary summary() {
    return new GroupSummary(rows(), labelPositives(), predictedPositives());
  }
}
