package io.workbench.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays saved inputs (reproducer folders) of one format and prints {@code E <folder> <OUTCOME> <detail>} for each,
 * then {@code DONE}; run in a child JVM by {@link FuzzRegressionTest} for formats whose reader calls native code.
 */
public final class Replay {

  private Replay() {}

  /** Arguments: the format, then the folders to replay. */
  public static void main(String[] args) throws Exception {
    FuzzTarget target = FuzzChild.target(args[0]);
    Path work = Files.createTempDirectory("fuzz-replay-");
    Fuzzer fuzzer = new Fuzzer(target, java.util.List.of(), work);
    try {
      Path input = Files.createDirectories(work.resolve("input"));
      if (args.length > 1) {
        fuzzer.warmUp(FuzzInput.readFrom(Path.of(args[1])), input);
      }
      for (int i = 1; i < args.length; i++) {
        Fuzzer.Result r = fuzzer.execute(FuzzInput.readFrom(Path.of(args[i])), input);
        System.out.println("E " + args[i] + " " + r.outcome() + " " + r.detail().replace("\n", "\\n"));
        System.out.flush();
      }
      System.out.println("DONE");
    } finally {
      fuzzer.close();
      IsolatedFuzzer.deleteTree(work);
    }
    System.exit(0);
  }
}
