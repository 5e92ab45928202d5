package io.quiver.query;

import io.quiver.query.rules.FeatureAsofJoinRule;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.jspecify.annotations.Nullable;

/** Calcite's statement preparation with Quiver's planner rules added. Stateless; thread-safe. */
final class QuiverPrepare extends CalcitePrepareImpl {
  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.@Nullable Context externalContext,
      @Nullable RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.addRule(FeatureAsofJoinRule.SCAN);
    planner.addRule(FeatureAsofJoinRule.PROJECT_SCAN);
    return planner;
  }
}
