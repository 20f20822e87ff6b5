package io.workbench.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The short, deterministic fuzz run of {@code mvn verify}: every seed must read as valid, then {@link
 * FuzzTarget#smokeExecutions()} mutants (seed 1) must each be valid or rejected with the documented exception; a
 * failure lists the bugs and where their reproducers were saved.
 */
public final class FuzzSmoke {

  /** The run's seed. */
  public static final long SEED = 1;

  private FuzzSmoke() {}

  /** Runs the smoke fuzz of one target in {@code work}; returns the report (failures throw). */
  public static FuzzReport check(FuzzTarget target, Path work) throws Exception {
    Path reproducers = Files.createDirectories(work.resolve("reproducers"));
    FuzzReport report;
    if (target.isolated()) {
      IsolatedFuzzer f = new IsolatedFuzzer(target, work, IsolatedFuzzer.defaultJvmOptions(work));
      seedsAreValid(target, f.seeds(), work);
      report = f.run(SEED, 0, target.smokeExecutions(), target.smokeExecutions(), Long.MAX_VALUE, reproducers, true);
    } else {
      Fuzzer f = new Fuzzer(target, work);
      try {
        seedsAreValid(target, f.seeds(), work);
        report = f.run(SEED, 0, target.smokeExecutions(), Long.MAX_VALUE, reproducers, null);
      } finally {
        f.close();
      }
    }
    if (report.failures() > 0) {
      throw new AssertionError(report.summary() + "\n" + String.join("\n", report.bugs()));
    }
    if (report.count(Outcome.VALID) == 0 || report.count(Outcome.REJECTED) == 0) {
      throw new AssertionError("the mutants should reach both outcomes: " + report.summary() + "\n"
          + String.join("\n", report.topRejections(10)));
    }
    return report;
  }

  private static void seedsAreValid(FuzzTarget target, java.util.List<FuzzInput> seeds, Path work) throws Exception {
    Path dir = Files.createDirectories(work.resolve("seed-check"));
    for (FuzzInput s : seeds) {
      Path d = Files.createDirectories(dir.resolve(s.name()));
      s.writeTo(d);
      try {
        target.read(d);
      } catch (Exception | Error e) {
        throw new AssertionError("seed '" + s.name() + "' of " + target.name() + " does not read: " + e, e);
      }
    }
  }
}
