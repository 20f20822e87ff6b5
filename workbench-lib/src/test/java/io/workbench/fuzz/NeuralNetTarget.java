package io.workbench.fuzz;

import io.workbench.model.djl.NeuralNetModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Mutated saved networks: mostly {@code model.json}, sometimes the DJL weights file. */
public final class NeuralNetTarget implements FuzzTarget {

  @Override
  public String name() {
    return "djl-model";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    return ModelSeeds.network(work);
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return Map.of("model.json", 0.8, "parameters.params", 0.2);
  }

  @Override
  public void read(Path dir) {
    ModelSeeds.use(NeuralNetModel.load(dir));
  }

  @Override
  public boolean isolated() {
    return true;
  }

  @Override
  public int smokeExecutions() {
    return 300;
  }
}
