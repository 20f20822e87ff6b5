package io.workbench.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The child JVM of {@link IsolatedFuzzer}: runs a range of executions of one target and prints, for its parent,
 * {@code S <index>} before each execution and {@code E <index> <OUTCOME> <detail>} after it (detail on one line),
 * then {@code DONE}. A line {@code S} without its {@code E} means this JVM died in that execution; the input it
 * died on is still in {@code <work>/input}. Bugs (exceptions) are saved as reproducers by the child itself.
 */
public final class FuzzChild {

  private FuzzChild() {}

  /**
   * Arguments: format, run seed, first execution, count, folder of seeds, work folder, reproducer folder (or
   * {@code -}), whether to use feedback ({@code true}/{@code false}).
   */
  public static void main(String[] args) throws Exception {
    FuzzTarget target = target(args[0]);
    long seed = Long.parseLong(args[1]);
    long from = Long.parseLong(args[2]);
    long count = Long.parseLong(args[3]);
    Path seeds = Path.of(args[4]);
    Path work = Files.createDirectories(Path.of(args[5]));
    Path reproducers = args[6].equals("-") ? null : Path.of(args[6]);
    boolean feedback = Boolean.parseBoolean(args[7]);
    Fuzzer fuzzer = new Fuzzer(target, Fuzzer.loadSeeds(seeds), work);
    java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
        "UTF-8");
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      fuzzer.run(seed, from, count, Long.MAX_VALUE, reproducers, new Fuzzer.Progress() {
        @Override
        public void starting(long index) {
          out.println("S " + index);
          out.flush();
        }

        @Override
        public void finished(long index, Outcome outcome, String detail) {
          out.println("E " + index + " " + outcome + " " + detail.replace("\\", "\\\\").replace("\n", "\\n"));
          out.flush();
        }
      }, feedback);
      out.println("DONE");
      out.flush();
    } finally {
      fuzzer.close();
    }
    System.exit(0);
  }

  /** The registered target of that name. */
  static FuzzTarget target(String name) {
    for (FuzzTarget t : ServiceLoader.load(FuzzTarget.class)) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("No fuzz target named '" + name + "' is registered");
  }
}
