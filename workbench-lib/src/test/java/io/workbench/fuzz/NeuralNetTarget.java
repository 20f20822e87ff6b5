package io.workbench.fuzz;

import io.workbench.model.djl.NeuralNetModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Mutated saved networks: mostly {@code model.json}, sometimes the DJL weights file. */
public final class NeuralNetTarget extends ModelTarget {

  /** The target named {@code djl-model}. */
  public NeuralNetTarget() {
    super("djl-model", Map.of("model.json", 0.8, "parameters.params", 0.2), 300);
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    return ModelSeeds.network(work);
  }

  @Override
  public void read(Path dir) {
    ModelSeeds.use(NeuralNetModel.load(dir));
  }
}
