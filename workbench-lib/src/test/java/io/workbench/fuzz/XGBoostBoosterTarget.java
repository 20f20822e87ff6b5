package io.workbench.fuzz;

import io.workbench.model.xgboost.XGBoostModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Mutated {@code booster.ubj} files (XGBoost's native model format) beside a valid {@code model.json}. */
public final class XGBoostBoosterTarget implements FuzzTarget {

  @Override
  public String name() {
    return "xgboost-booster";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    return ModelSeeds.xgboost(work);
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return Map.of("booster.ubj", 1.0);
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
