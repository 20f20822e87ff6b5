package io.workbench.fuzz;

import io.workbench.model.xgboost.XGBoostModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Mutated {@code model.json} of saved XGBoost models (the booster beside it is valid). */
public final class XGBoostModelJsonTarget implements FuzzTarget {

  @Override
  public String name() {
    return "xgboost-json";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    return ModelSeeds.xgboost(work);
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return Map.of("model.json", 1.0);
  }

  @Override
  public void read(Path dir) {
    ModelSeeds.use(XGBoostModel.load(dir));
  }

  @Override
  public boolean isolated() {
    return true;
  }

  @Override
  public int smokeExecutions() {
    return 400;
  }
}
