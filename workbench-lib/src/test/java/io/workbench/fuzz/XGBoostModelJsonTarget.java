package io.workbench.fuzz;

/** Mutated {@code model.json} of saved XGBoost models (the booster beside it is valid). */
public final class XGBoostModelJsonTarget extends XGBoostTarget {

  /** The target named {@code xgboost-json}. */
  public XGBoostModelJsonTarget() {
    super("xgboost-json", "model.json");
  }
}
