package io.workbench.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/** Runs the {@link ModelContract} over every registered model ({@link Contracts#models()}): one container per case. */
class ModelContractTest {

  @TestFactory
  Stream<DynamicContainer> everyModelKeepsTheContract() {
    return Contracts.models().stream().map(ModelContract::suite);
  }
}
