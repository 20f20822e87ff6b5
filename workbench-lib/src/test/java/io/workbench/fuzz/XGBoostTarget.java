package io.workbench.fuzz;

import io.workbench.model.xgboost.XGBoostModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Saved XGBoost models (seeds from {@code XGBoostModel.save}) loaded and used; subclasses choose the file mutated. */
abstract class XGBoostTarget extends ModelTarget {

  XGBoostTarget(String name, String mutatedFile) {
    super(name, Map.of(mutatedFile, 1.0), 400);
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    return ModelSeeds.xgboost(work);
  }

  @Override
  public void read(Path dir) {
    ModelSeeds.use(XGBoostModel.load(dir));
  }
}
