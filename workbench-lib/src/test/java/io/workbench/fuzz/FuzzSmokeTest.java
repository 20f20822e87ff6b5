package io.workbench.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fuzz run of every registered format of this module (a few seconds each, seed 1, deterministic):
 * zero bugs, hangs and JVM deaths. The long run is {@code bench/fuzz}.
 */
class FuzzSmokeTest {

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyFormatSurvivesItsMutants() {
    List<DynamicTest> tests = new ArrayList<>();
    for (FuzzTarget t : ServiceLoader.load(FuzzTarget.class)) {
      if (t.getClass().getProtectionDomain().getCodeSource().equals(FuzzSmokeTest.class.getProtectionDomain()
          .getCodeSource())) {
        tests.add(DynamicTest.dynamicTest(t.name(), () -> {
          FuzzReport r = FuzzSmoke.check(t, Files.createDirectories(tmp.resolve(t.name())));
          System.out.println(r.summary());
        }));
      }
    }
    if (tests.size() < 14) {
      throw new AssertionError("expected the 14 formats of workbench-lib, found " + tests.size());
    }
    return tests.stream();
  }
}
