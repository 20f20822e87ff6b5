package io.workbench.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/** Runs the {@link ExplainerContract} over every registered explainer ({@link Contracts#explainers()}): one container per case. */
class ExplainerContractTest {

  @TestFactory
  Stream<DynamicContainer> everyExplainerKeepsTheContract() {
    return Contracts.explainers().stream().map(ExplainerContract::suite);
  }
}
