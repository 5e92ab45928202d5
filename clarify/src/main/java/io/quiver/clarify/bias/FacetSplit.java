package io.quiver.clarify.bias;

import java.util.List;

/**
 * The counts every metric needs for one choice of group d: d, a, all rows, and per stratum of the
 * group variable the counts of d and of all rows (strata where d has no rows are left out: their
 * disparity is 0).
 */
record FacetSplit(GroupCounts d, GroupCounts a, List<Stratum> strata, boolean hasGroupVariable) {

  FacetSplit {
    strata = List.copyOf(strata);
  }

  GroupCounts all() {
    return d.plus(a);
  }

  /** One stratum of the group variable. */
  record Stratum(GroupCounts d, GroupCounts all) {}
}
