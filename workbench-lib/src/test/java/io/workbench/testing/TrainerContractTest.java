package io.workbench.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/** Runs the {@link TrainerContract} over every registered trainer ({@link Contracts#trainers()}): one container per case. */
class TrainerContractTest {

  @TestFactory
  Stream<DynamicContainer> everyTrainerKeepsTheContract() {
    return Contracts.trainers().stream().map(TrainerContract::suite);
  }
}
