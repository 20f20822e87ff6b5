package io.workbench.fuzz;

import io.workbench.data.ColumnSelector;
import io.workbench.data.Imputer;
import io.workbench.data.Standardizer;
import io.workbench.data.Transform;
import io.workbench.model.pipeline.FittedPipeline;
import io.workbench.model.pipeline.PipelineModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mutated {@code pipeline.json} of saved pipeline models (the inner model beside it, in {@code model/}, is valid):
 * loaded, shown, and used on raw rows written as numbers (category codes, finite numbers).
 */
public final class PipelineTarget extends ModelTarget {

  /** The target named {@code pipeline-json}. */
  public PipelineTarget() {
    super("pipeline-json", Map.of("pipeline.json", 1.0), 300);
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    return ModelSeeds.pipeline(work);
  }

  @Override
  public void read(Path dir) {
    PipelineModel m = PipelineModel.load(dir);
    FittedPipeline p = m.pipeline();
    m.toString();
    m.toHtml();
    p.toTable();
    p.outputsByInput();
    List<String> raw = m.featureNames();
    Map<String, List<String>> categories = p.categories();
    float[][] x = new float[2][raw.size()];
    for (int j = 0; j < raw.size(); j++) {
      List<String> known = categories.get(raw.get(j));
      if (known != null) {
        x[0][j] = 0;
        x[1][j] = known.size() - 1;
      } else {
        x[0][j] = typical(p, raw.get(j));
        x[1][j] = imputed(p, raw.get(j)) ? Float.NaN : x[0][j];
      }
    }
    m.predictProba(x);
    ModelSeeds.use(m.inner());
  }

  /**
   * A value of a raw number as the training data had it: the statistic of the first step that learnt one for it
   * (an imputer's fill value, a standardizer's mean), else 0. Far from it, a valid model may rightly refuse a
   * value whose standardised form overflows a float.
   */
  private static float typical(FittedPipeline p, String feature) {
    for (Transform t : p.steps()) {
      if (t instanceof Imputer imp && imp.columns().contains(feature)) {
        return (float) imp.fill()[imp.columns().indexOf(feature)];
      }
      if (t instanceof Standardizer st && st.inputFeatures().contains(feature)) {
        return (float) st.mean()[st.inputFeatures().indexOf(feature)];
      }
    }
    return 0;
  }

  /** Whether an imputer fills the raw number before any other step uses it (then NaN, a missing value, is fine). */
  private static boolean imputed(FittedPipeline p, String feature) {
    for (Transform t : p.steps()) {
      if (t instanceof Imputer imp && imp.columns().contains(feature)) {
        return true;
      }
      if (t instanceof Standardizer st && st.standardized().contains(feature)
          || t instanceof ColumnSelector sel && !sel.kept().contains(feature)) {
        return false;
      }
    }
    return false;
  }
}
