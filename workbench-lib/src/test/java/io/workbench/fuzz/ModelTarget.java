package io.workbench.fuzz;

import java.util.Map;

/**
 * A saved-model format: its name, which files of the model folder are mutated, and the smoke run's length. Model
 * loaders reach native code (XGBoost, PyTorch), so every execution runs in a child JVM.
 */
abstract class ModelTarget implements FuzzTarget {

  private final String name;
  private final Map<String, Double> weights;
  private final int smoke;

  ModelTarget(String name, Map<String, Double> weights, int smoke) {
    this.name = name;
    this.weights = Map.copyOf(weights);
    this.smoke = smoke;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return weights;
  }

  @Override
  public boolean isolated() {
    return true;
  }

  @Override
  public int smokeExecutions() {
    return smoke;
  }
}
