package io.workbench.fuzz;

/** Mutated {@code booster.ubj} files (XGBoost's native model format) beside a valid {@code model.json}. */
public final class XGBoostBoosterTarget extends XGBoostTarget {

  /** The target named {@code xgboost-booster}. */
  public XGBoostBoosterTarget() {
    super("xgboost-booster", "booster.ubj");
  }
}
