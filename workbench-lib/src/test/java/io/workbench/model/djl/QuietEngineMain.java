package io.workbench.model.djl;

import io.workbench.data.Datasets;
import io.workbench.model.factory.Models;

/** Starts the engine, trains and predicts; {@link QuietEngineTest} checks that it prints nothing. */
public final class QuietEngineMain {

  private QuietEngineMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    Models.logistic().epochs(1).fit(Datasets.iris()).predictProba(Datasets.iris().x());
  }
}
